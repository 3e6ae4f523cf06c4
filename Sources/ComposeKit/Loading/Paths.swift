import Foundation

/// Path arithmetic without touching the file system (except `exists`/`read`).
enum Paths {
    static func isAbsolute(_ p: String) -> Bool { p.hasPrefix("/") }

    /// `path` made absolute against `base` and normalized (`.` and `..` removed).
    /// `~` and `~/` expand to `home` when given.
    static func resolve(_ path: String, against base: String, home: String? = nil) -> String {
        var p = path
        if let home, p == "~" || p.hasPrefix("~/") { p = home + p.dropFirst(1) }
        return normalize(isAbsolute(p) ? p : base + "/" + p)
    }

    static func normalize(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let dir = String(path[..<slash])
        return dir.isEmpty ? "/" : dir
    }

    static func base(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    static func isDirectory(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }

    /// Reads a text file under the size limit. `at` locates the reference for errors.
    static func read(_ path: String, limits: LoadLimits, referencedAt: SourceLocation?, what: String = "file") throws -> String {
        guard exists(path), !isDirectory(path) else {
            throw ComposeError("\(what) not found: \(path)", at: referencedAt)
        }
        // Read at most one byte over the limit: sizes of devices and pipes (`/dev/stdin`,
        // `/dev/zero`) are not known in advance.
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ComposeError("cannot read \(what) \(path)", at: referencedAt)
        }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: limits.maxFileBytes + 1) ?? Data()
        } catch {
            throw ComposeError("cannot read \(what) \(path): \(error.localizedDescription)", at: referencedAt)
        }
        if data.count > limits.maxFileBytes {
            throw ComposeError("\(what) \(path) is larger than \(limits.maxFileBytes) bytes", at: referencedAt)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ComposeError("\(what) \(path) is not valid UTF-8", at: referencedAt)
        }
        return text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
    }
}
