import Foundation

/// The templates ferry deployed to a stack, newest last, so `ferry rollback` can return to the one
/// before. Only templates are kept (under `.ferry/deployments/STACK/`): parameter values may be secret,
/// and a rollback keeps the stack's current values anyway.
public struct DeployHistory: Sendable {
    public var directory: URL

    public init(root: URL, stackName: String) {
        directory = root.appendingPathComponent(".ferry/deployments").appendingPathComponent(stackName)
    }

    public struct Entry: Sendable, Equatable {
        public var file: URL
        public var template: String
    }

    /// Appends `template` unless it equals the newest entry. Failing to write is not a deploy failure.
    @discardableResult
    public func record(template: String, at date: Date = Date()) -> URL? {
        if entries().last?.template == template { return entries().last?.file }
        let name = Self.stamp(date) + ".template"
        let file = directory.appendingPathComponent(name)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(template.utf8).write(to: file, options: .atomic)
            return file
        } catch {
            return nil
        }
    }

    /// Oldest first.
    public func entries() -> [Entry] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".template") }.sorted().compactMap { name in
            let file = directory.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: file.path) else { return nil }
            return Entry(file: file, template: String(decoding: data, as: UTF8.self))
        }
    }

    /// `20261202T231500.123Z`: sorts by time.
    static func stamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss.SSS'Z'"
        return formatter.string(from: date)
    }
}
