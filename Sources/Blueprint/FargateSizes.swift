/// Fargate's valid CPU/memory combinations (Linux), used to round compose
/// `deploy.resources` up to something ECS accepts.
public enum FargateSizes {
    /// CPU units → allowed memory MiB, ascending.
    public static let table: [(cpu: Int, memory: [Int])] = [
        (256, [512, 1024, 2048]),
        (512, Array(stride(from: 1024, through: 4096, by: 1024))),
        (1024, Array(stride(from: 2048, through: 8192, by: 1024))),
        (2048, Array(stride(from: 4096, through: 16384, by: 1024))),
        (4096, Array(stride(from: 8192, through: 30720, by: 1024))),
        (8192, Array(stride(from: 16384, through: 61440, by: 4096))),
        (16384, Array(stride(from: 32768, through: 122880, by: 8192))),
    ]

    public static func isValid(_ size: TaskSize) -> Bool {
        table.contains { $0.cpu == size.cpu && $0.memory.contains(size.memory) }
    }

    /// The smallest valid size with at least `cpu` units and `memory` MiB; the largest size
    /// when the request exceeds every combination.
    public static func fit(cpu: Int, memory: Int) -> TaskSize {
        for row in table where row.cpu >= cpu {
            if let m = row.memory.first(where: { $0 >= memory }) { return TaskSize(cpu: row.cpu, memory: m) }
        }
        return TaskSize(cpu: 16384, memory: 122880)
    }
}
