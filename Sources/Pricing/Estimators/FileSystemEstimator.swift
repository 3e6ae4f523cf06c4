import Blueprint

/// EFS: Standard storage per volume, Elastic Throughput reads and writes, and the daily backups
/// (AWS Backup keeps about one copy of what is stored: backups after the first are incremental).
enum FileSystemEstimator {
    static func estimate(_ blueprint: Blueprint, into b: inout LineBuilder) {
        for fs in blueprint.fileSystems {
            let r = "fileSystems.\(fs.name)"
            var stored = 0.0
            for point in fs.accessPoints {
                let gb = b.assume("efs_storage_gb", for: point.name)
                stored += gb
                b.add(r, "efs", "standard-gb-month", quantity: gb, "\(num(gb)) GB Standard (volume \(point.name))")
                guard fs.throughputMode == "elastic" else { continue }
                let read = b.assume("efs_read_gb", for: point.name)
                b.add(r, "efs", "elastic-read-gb", quantity: read, "\(num(read)) GB read (volume \(point.name))")
                let written = b.assume("efs_write_gb", for: point.name)
                b.add(r, "efs", "elastic-write-gb", quantity: written, "\(num(written)) GB written (volume \(point.name))")
            }
            if fs.backups { b.add(r, "efs", "backup-warm-gb-month", quantity: stored, "\(num(stored)) GB in daily backups") }
        }
    }
}
