import Blueprint

/// EC2 GPU capacity: instance hours on demand and each instance's gp3 root volume. One task runs per
/// instance, so the instances running are the larger of the group's minimum and the service's desired
/// tasks; a group that scales to zero (minimum 0, dev) runs only `gpu_hours_scaled_to_zero` a month.
enum GPUCapacityEstimator {
    static func estimate(_ blueprint: Blueprint, into b: inout LineBuilder) {
        for p in blueprint.ec2CapacityProviders {
            let resource = "capacityProviders.\(p.name)"
            let desired = blueprint.workload(named: p.workload)?.capacity.desired ?? 1
            let instances = Double(max(p.minSize, desired))
            let hours = p.minSize == 0 ? b.assume("gpu_hours_scaled_to_zero", for: p.workload) : b.hours
            let how = "\(num(instances)) instance\(instances == 1 ? "" : "s") × \(num(hours)) h"
            b.add(resource, "ec2", "instance-hours.\(p.instanceType)", quantity: instances * hours, "\(how) (\(p.instanceType), on demand)")
            // A volume is billed only while its instance exists; the group deletes it with the instance.
            let gbMonths = instances * Double(p.rootVolumeGB) * hours / 730
            b.add(resource, "ebs", "gp3-gb-month", quantity: gbMonths, "\(how) × \(p.rootVolumeGB) GB root volume / 730 h")
        }
    }
}
