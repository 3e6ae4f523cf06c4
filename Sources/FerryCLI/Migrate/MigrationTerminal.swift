import Foundation
import Migrator

/// Progress of a migration: on a terminal one bar line with counts, bytes, rate and ETA, redrawn
/// at most ten times a second; otherwise one plain line per item. With `--format json` the human
/// text goes to stderr and stdout holds only the summary.
final class MigrationTerminal: MigrationProgress, @unchecked Sendable {
    private let terminal: StandardTerminal
    private let lock = NSLock()
    private var kind = ""
    private var totalItems = 0
    private var totalBytes: Int64 = 0
    private var doneItems = 0
    private var doneBytes: Int64 = 0
    private var partBytes: Int64 = 0
    private let started = Date()
    private var lastDraw = Date.distantPast

    init(json: Bool) { terminal = StandardTerminal(jsonOutput: json) }

    var isTTY: Bool { terminal.isTTY }

    func say(_ text: String) { terminal.say(text) }

    func begin(kind: String, items: Int, bytes: Int64) {
        lock.withLock {
            self.kind = kind
            totalItems = items
            totalBytes = bytes
        }
        terminal.say("\(kind): \(items) item(s)" + (bytes > 0 ? ", \(Self.size(bytes))" : ""))
    }

    func item(_ key: String, action: String, bytes: Int64) {
        let line: String? = lock.withLock {
            doneItems += 1
            doneBytes += bytes
            partBytes = 0
            return terminal.isTTY ? nil : "\(action) \(key)" + (bytes > 0 && action != "failed" ? " (\(Self.size(bytes)))" : "")
        }
        if let line { terminal.say(line) } else if action.hasPrefix("failed") { terminal.say("\(action) \(key)") }
        draw()
    }

    func bytes(_ count: Int64) {
        lock.withLock { partBytes += count }
        draw()
    }

    func note(_ message: String) { terminal.say(message) }

    private func draw() {
        guard terminal.isTTY else { return }
        let text: String? = lock.withLock {
            let now = Date()
            guard now.timeIntervalSince(lastDraw) >= 0.1 || doneItems == totalItems else { return nil }
            lastDraw = now
            let moved = doneBytes + partBytes
            let elapsed = max(0.001, now.timeIntervalSince(started))
            let rate = Double(moved) / elapsed
            let fraction = totalBytes > 0 ? Double(moved) / Double(totalBytes) : (totalItems > 0 ? Double(doneItems) / Double(totalItems) : 1)
            let width = 24
            let filled = min(width, Int((fraction * Double(width)).rounded(.down)))
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            var line = "\(kind) \(bar) \(doneItems)/\(totalItems)"
            if totalBytes > 0 {
                line += " · \(Self.size(moved))/\(Self.size(totalBytes)) · \(Self.size(Int64(rate)))/s"
                if rate > 0, moved < totalBytes { line += " · ETA \(Self.duration(Double(totalBytes - moved) / rate))" }
            }
            return line
        }
        if let text { terminal.status(text) }
    }

    static func size(_ bytes: Int64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024, unit < units.count - 1 { value /= 1024; unit += 1 }
        return unit == 0 ? "\(bytes) B" : String(format: "%.1f %@", value, units[unit])
    }

    static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        return total >= 3600 ? String(format: "%d:%02d:%02d", total / 3600, (total / 60) % 60, total % 60)
            : String(format: "%d:%02d", total / 60, total % 60)
    }

    /// The closing lines: counts, verification, checkpoint, notes.
    func finish(_ summary: MigrationSummary) {
        var parts = ["\(summary.copied) copied", "\(summary.skipped) unchanged or skipped"]
        if summary.deleted > 0 { parts.append("\(summary.deleted) deleted") }
        if summary.failed > 0 { parts.append("\(summary.failed) failed") }
        if summary.bytes > 0 { parts.append(Self.size(summary.bytes)) }
        parts.append(String(format: "%.1f s", summary.durationSeconds))
        terminal.say(summary.kind + (summary.dryRun ? " (dry run)" : "") + ": " + parts.joined(separator: ", "))
        for note in summary.notes { terminal.say("  " + note) }
        if !summary.dryRun {
            terminal.say(summary.verified ? "verified: \(summary.checksum ?? "")" : "NOT verified: rerun the same command to resume")
        }
    }
}
