import Blueprint
import Foundation

/// Names derived from compose names, for AWS resources and logical ids.
enum Naming {
    /// Lowercase letters, digits and single hyphens (`Smartboard_Web` → `smartboard-web`).
    static func kebab(_ text: String) -> String {
        var out = ""
        var lastHyphen = true
        for ch in text.lowercased() {
            if ch.isASCII, ch.isLetter || ch.isNumber {
                out.append(ch)
                lastHyphen = false
            } else if !lastHyphen {
                out.append("-")
                lastHyphen = true
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? "app" : out
    }

    /// The service name without the project's prefix (`smartboard-svc-auth` → `svc-auth`).
    static func shortName(_ service: String, project: String) -> String {
        let s = kebab(service)
        let p = kebab(project)
        for sep in ["-", ""] where s.hasPrefix(p + sep) && s.count > p.count + sep.count {
            return String(s.dropFirst(p.count + sep.count))
        }
        return s
    }

    /// An environment variable name as a resource name (`JWT_SECRET` → `jwt-secret`).
    static func fromEnv(_ name: String) -> String { kebab(name) }

    /// Truncates to `max` characters keeping a readable prefix.
    static func truncated(_ s: String, _ max: Int) -> String {
        s.count <= max ? s : String(s.prefix(max)).trimmingCharacters(in: CharacterSet(charactersIn: "-"))
    }
}
