import Blueprint

/// AWS Batch jobs: Batch itself is free; the EC2 instances it starts cost their hourly price while a
/// job runs, on Spot at `spot_price_percent` of it. Each job is priced on the smallest instance of
/// the environment's families that fits it (m6i, r6i when memory-heavy, g5 for GPUs), for
/// `batch_hours_per_month`, with its gp3 root volume for the same hours.
enum BatchEstimator {
    static func estimate(_ blueprint: Blueprint, into b: inout LineBuilder) {
        guard let env = blueprint.batch else { return }
        for w in blueprint.batchJobs {
            let resource = "workloads.\(w.name)"
            let hours = b.assume("batch_hours_per_month", for: w.name)
            let instance = instanceType(vcpus: max(1, w.size.cpu / 1024), memoryMiB: w.size.memory, gpus: w.gpuCount ?? 0)
            let share = env.spot ? b.assume("spot_price_percent", for: w.name) / 100 : 1
            let how = "\(num(hours)) h on \(instance)" + (env.spot ? " at \(num(share * 100))% (Spot)" : " (on demand)")
            b.add(resource, "ec2", "instance-hours.\(instance)", quantity: hours * share, how)
            b.add(resource, "ebs", "gp3-gb-month", quantity: Double(env.rootVolumeGB) * hours / 730, "\(num(hours)) h × \(env.rootVolumeGB) GB root volume / 730 h")
        }
    }

    /// The smallest general-purpose (or memory-optimized, or GPU) type with the vCPUs and memory asked for.
    static func instanceType(vcpus: Int, memoryMiB: Int, gpus: Int) -> String {
        if gpus > 0 { return GPUInstanceSizes.fit(gpus: gpus, cpu: vcpus * 1024, memory: memoryMiB).instanceType }
        let sizes: [(name: String, vcpus: Int)] = [("large", 2), ("xlarge", 4), ("2xlarge", 8), ("4xlarge", 16), ("8xlarge", 32)]
        let gib = Double(memoryMiB) / 1024
        // m6i has 4 GiB per vCPU, r6i 8: a job asking more memory per vCPU fits an r6i of the same size.
        for size in sizes where size.vcpus >= vcpus {
            if gib <= Double(size.vcpus * 4) * 0.9 { return "m6i.\(size.name)" }
            if gib <= Double(size.vcpus * 8) * 0.9 { return "r6i.\(size.name)" }
        }
        return "r6i.8xlarge"
    }
}
