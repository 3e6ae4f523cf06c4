import Foundation

/// `~/.aws/config` and `~/.aws/credentials` (or `AWS_CONFIG_FILE` / `AWS_SHARED_CREDENTIALS_FILE`),
/// read the way the AWS CLI reads them: `[profile name]` sections in config (`[default]` bare),
/// `[name]` sections in credentials; `key = value`; `#`/`;` comments; indented sub-keys ignored.
public struct SharedConfigFiles: Sendable {
    public var config: [String: [String: String]]
    public var credentials: [String: [String: String]]
    /// `[sso-session name]` sections of the config file (IAM Identity Center).
    public var ssoSessions: [String: [String: String]]

    public init(config: [String: [String: String]] = [:], credentials: [String: [String: String]] = [:],
                ssoSessions: [String: [String: String]] = [:]) {
        self.config = config
        self.credentials = credentials
        self.ssoSessions = ssoSessions
    }

    public static func load(environment: [String: String]) -> SharedConfigFiles {
        let home = environment["HOME"] ?? NSHomeDirectory()
        let configPath = expand(environment["AWS_CONFIG_FILE"] ?? "~/.aws/config", home: home)
        let credentialsPath = expand(environment["AWS_SHARED_CREDENTIALS_FILE"] ?? "~/.aws/credentials", home: home)
        let configText = (try? String(contentsOfFile: configPath, encoding: .utf8)) ?? ""
        let credentialsText = (try? String(contentsOfFile: credentialsPath, encoding: .utf8)) ?? ""
        return SharedConfigFiles(config: parse(configText, isConfig: true), credentials: parse(credentialsText, isConfig: false),
                                 ssoSessions: parse(configText, isConfig: true, sectionPrefix: "sso-session "))
    }

    static func expand(_ path: String, home: String) -> String {
        path.hasPrefix("~/") ? home + String(path.dropFirst(1)) : path
    }

    /// Keys for a profile: config first, the credentials file winning on conflicts (as the CLI does).
    public func profile(_ name: String) -> [String: String]? {
        let fromConfig = config[name]
        let fromCredentials = credentials[name]
        if fromConfig == nil && fromCredentials == nil { return nil }
        return (fromConfig ?? [:]).merging(fromCredentials ?? [:]) { _, credentialsValue in credentialsValue }
    }

    /// Profiles (`sectionPrefix` "profile ", plus `[default]`), or another kind of config section
    /// (`sso-session `).
    static func parse(_ text: String, isConfig: Bool, sectionPrefix: String = "profile ") -> [String: [String: String]] {
        var result: [String: [String: String]] = [:]
        var current: String?
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") && line.hasSuffix("]") {
                var name = line.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
                if isConfig {
                    if name.hasPrefix(sectionPrefix) {
                        name = String(name.dropFirst(sectionPrefix.count)).trimmingCharacters(in: .whitespaces)
                    } else if name != "default" || sectionPrefix != "profile " {
                        current = nil // sections of another kind ([sso-session x], [services x] for profiles)
                        continue
                    }
                }
                current = name
                if result[name] == nil { result[name] = [:] }
                continue
            }
            // Indented lines belong to a nested block (`s3 =` followed by sub-keys).
            if rawLine.first == " " || rawLine.first == "\t" { continue }
            guard let section = current, let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            var value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            // Inline comments need whitespace before them.
            if let hash = value.range(of: " #") ?? value.range(of: " ;") {
                value = value[..<hash.lowerBound].trimmingCharacters(in: .whitespaces)
            }
            result[section, default: [:]][key] = value
        }
        return result
    }
}
