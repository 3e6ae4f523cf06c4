import Foundation

/// A regular file's text when it is at most `maxBytes` long: the loader reads files a project points
/// at (proxy configurations, build contexts) without following devices or reading huge files.
enum BoundedFile {
    static func text(at path: String, maxBytes: Int) -> String? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              (attributes[.type] as? FileAttributeType) == .typeRegular,
              let size = attributes[.size] as? Int, size <= maxBytes,
              let data = FileManager.default.contents(atPath: path) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
