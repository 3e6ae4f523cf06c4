import Foundation

/// The templates ferry deployed to a stack, newest last, so `ferry rollback` can return to the one
/// before. Only templates are kept (under `.ferry/deployments/STACK/`): parameter values may be secret,
/// and a rollback keeps the stack's current values anyway.
public struct DeployHistory: Sendable {
    public var directory: URL

    public init(root: URL, stackName: String) {
        directory = root.appendingPathComponent(".ferry/deployments").appendingPathComponent(stackName)
    }

    public struct Entry: Sendable, Equatable, Codable {
        public var template: String
        /// Nested templates by the relative `TemplateURL` the root names them with.
        public var nested: [String: String]
        public init(template: String, nested: [String: String] = [:]) {
            self.template = template
            self.nested = nested
        }
    }

    /// Appends the deployed templates unless they equal the newest entry. Failing to write is not a
    /// deploy failure.
    @discardableResult
    public func record(_ entry: Entry, at date: Date = Date()) -> URL? {
        if entries().last?.entry == entry { return entries().last?.file }
        let file = directory.appendingPathComponent(Self.stamp(date) + ".json")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try encoder.encode(entry).write(to: file, options: .atomic)
            return file
        } catch {
            return nil
        }
    }

    /// Oldest first.
    public func entries() -> [(file: URL, entry: Entry)] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted().compactMap { name in
            let file = directory.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: file.path),
                  let entry = try? JSONDecoder().decode(Entry.self, from: data) else { return nil }
            return (file, entry)
        }
    }

    /// The deploy before the newest: what `ferry rollback` returns to.
    public func previous() -> (file: URL, entry: Entry)? {
        let all = entries()
        return all.count >= 2 ? all[all.count - 2] : nil
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
