import Blueprint

/// Fargate tasks: vCPU-hours and GB-hours for services (desired count × hours) and for jobs
/// (runs × minutes). Workers run on Fargate Spot when the cluster says so (the renderer gives them the FARGATE_SPOT capacity provider).
enum WorkloadEstimator {
    static func estimate(_ blueprint: Blueprint, into b: inout LineBuilder) {
        let spot = blueprint.cluster?.spotForWorkers ?? false
        for w in blueprint.workloads {
            guard w.target == .ecsFargate || w.target == .ecsFargateTask else { continue }
            let resource = "workloads.\(w.name)"
            let vcpu = Double(w.size.cpu) / 1024
            let gb = Double(w.size.memory) / 1024
            let onSpot = spot && w.role == .worker
            let arch = onSpot ? "spot" : (b.options.forceARM || isARM(w) ? "arm" : "x86")
            let taskHours: Double
            let how: String
            if w.target == .ecsFargateTask || w.role == .job {
                let runs = b.assume("job_runs_per_month", for: w.name)
                let minutes = b.assume("job_minutes_per_run", for: w.name)
                taskHours = runs * minutes / 60
                how = "\(num(runs)) runs × \(num(minutes)) min"
            } else {
                let h = b.hours
                taskHours = Double(w.capacity.desired) * h
                how = "\(w.capacity.desired) task\(w.capacity.desired == 1 ? "" : "s") × \(num(h)) h"
            }
            let label = onSpot ? " (Spot)" : (arch == "arm" ? " (ARM64)" : "")
            b.add(resource, "fargate", "vcpu-hours.\(arch)", quantity: taskHours * vcpu, "\(how) × \(num(vcpu)) vCPU\(label)")
            b.add(resource, "fargate", "gb-hours.\(arch)", quantity: taskHours * gb, "\(how) × \(num(gb)) GB\(label)")
        }
    }

    /// A workload runs on Graviton when a decision or its build platform says arm64.
    static func isARM(_ w: Workload) -> Bool {
        if w.decisions.contains(where: { ["architecture", "cpu-architecture", "platform"].contains($0.topic) && $0.choice.lowercased().contains("arm") }) {
            return true
        }
        return w.image.build?.platform?.lowercased().contains("arm64") ?? false
    }
}
