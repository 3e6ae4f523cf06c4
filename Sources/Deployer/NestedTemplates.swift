import Foundation

/// Nested stacks whose `TemplateURL` is a relative path (`stacks/WebStack.yaml`, as `ferry generate`
/// writes them): CloudFormation only reads templates from S3, so the deploy uploads each one and
/// points the root template at the uploaded copy.
public enum NestedTemplates {
    /// `TemplateURL: path`, `TemplateURL: "path"`, `"TemplateURL": "path"`.
    nonisolated(unsafe) static let pattern = #/(?<key>"?TemplateURL"?\s*:\s*)(?<quote>["']?)(?<url>[^"'\s,}]+)(?<close>["']?)/#

    /// The relative paths the root template names as nested templates, sorted, each once.
    public static func relativePaths(in text: String) -> [String] {
        Array(Set(text.matches(of: pattern).map { String($0.output.url) }.filter(isRelative))).sorted()
    }

    static func isRelative(_ url: String) -> Bool {
        !url.contains("://") && !url.hasPrefix("s3:") && !url.hasPrefix("{{")
    }

    /// The root template with each relative `TemplateURL` replaced by its uploaded URL.
    public static func rewrite(_ text: String, urls: [String: String]) -> String {
        text.replacing(pattern) { match in
            let url = String(match.output.url)
            guard let uploaded = urls[url] else { return String(match.output.0) }
            return "\(match.output.key)\(match.output.quote)\(uploaded)\(match.output.close)"
        }
    }

    /// Reads the nested templates a root template file names, relative to the file's folder.
    public static func read(besides templatePath: String, text: String) throws -> [String: String] {
        let folder = (templatePath as NSString).deletingLastPathComponent
        var out: [String: String] = [:]
        for path in relativePaths(in: text) {
            let full = path.hasPrefix("/") ? path : (folder.isEmpty ? path : folder + "/" + path)
            guard let data = FileManager.default.contents(atPath: full) else {
                throw DeployError.badInput("\(templatePath): nested template \(path) not found at \(full)")
            }
            out[path] = String(decoding: data, as: UTF8.self)
        }
        return out
    }
}
