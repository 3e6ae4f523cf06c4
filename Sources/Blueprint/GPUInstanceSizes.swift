/// GPU instance types ferry sizes to (G5: NVIDIA A10G, 24 GiB each), smallest first within a GPU count.
public enum GPUInstanceSizes {
    public struct Size: Sendable, Equatable {
        public var instanceType: String
        public var gpus: Int
        public var vcpus: Int
        public var memoryMiB: Int
    }

    public static let table: [Size] = [
        Size(instanceType: "g5.xlarge", gpus: 1, vcpus: 4, memoryMiB: 16_384),
        Size(instanceType: "g5.2xlarge", gpus: 1, vcpus: 8, memoryMiB: 32_768),
        Size(instanceType: "g5.4xlarge", gpus: 1, vcpus: 16, memoryMiB: 65_536),
        Size(instanceType: "g5.8xlarge", gpus: 1, vcpus: 32, memoryMiB: 131_072),
        Size(instanceType: "g5.16xlarge", gpus: 1, vcpus: 64, memoryMiB: 262_144),
        Size(instanceType: "g5.12xlarge", gpus: 4, vcpus: 48, memoryMiB: 196_608),
        Size(instanceType: "g5.24xlarge", gpus: 4, vcpus: 96, memoryMiB: 393_216),
        Size(instanceType: "g5.48xlarge", gpus: 8, vcpus: 192, memoryMiB: 786_432),
    ]

    public static func size(_ instanceType: String) -> Size? { table.first { $0.instanceType == instanceType } }

    /// The cheapest type with at least `gpus` GPUs, `cpu` units and `memory` MiB for the task (see
    /// `taskSize`); the largest when nothing is big enough.
    public static func fit(gpus: Int, cpu: Int, memory: Int) -> Size {
        let fitting = table.filter { $0.gpus >= gpus && taskSize($0).cpu >= cpu && taskSize($0).memory >= memory }
        return fitting.min { ($0.gpus, $0.vcpus) < ($1.gpus, $1.vcpus) } ?? table[table.count - 1]
    }

    /// The largest task the type holds: every vCPU, and 90% of its memory (rounded down to a GiB), since the
    /// operating system and the ECS agent keep the rest and a task asking more than the instance registers never places.
    public static func taskSize(_ s: Size) -> TaskSize {
        TaskSize(cpu: s.vcpus * 1024, memory: (s.memoryMiB * 9 / 10) / 1024 * 1024)
    }
}
