import Foundation

extension PostgresMigrator {
    /// Compares the target's checks with the source's, table by table: each difference is a failure
    /// named in the summary's notes. Returns the checksum of the verified lines (`sha256:…`), equal for
    /// two runs over the same data.
    static func compare(_ source: [TableCheck], _ target: [TableCheck], into summary: inout MigrationSummary,
                        progress: any MigrationProgress) -> String {
        let copies = Dictionary(target.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var lines: [String] = []
        for table in source {
            if let copy = copies[table.name], copy == table {
                progress.item(table.name, action: "verified", bytes: 0)
                lines.append("\(table.name) \(table.rows) \(table.checksum)")
            } else {
                summary.failed += 1
                let found = copies[table.name].map { "\($0.rows) rows, checksum \($0.checksum)" } ?? "missing"
                summary.notes.append("\(table.name): source \(table.rows) rows, checksum \(table.checksum); target \(found)")
                progress.item(table.name, action: "failed", bytes: 0)
            }
        }
        return "sha256:" + ValueHash.hex(lines.joined(separator: "\n"))
    }
}
