import ComposeKit

/// The values of a project that are secrets by the planner's rules: values of secret variables
/// (by name, by shape, `user:pass`), values built from one and the parts secret variables put into
/// values and command words, passwords inside URLs. For checks that no output holds any of them;
/// never print one. Values the project also writes openly (a password equal to the image name)
/// are left out: where one appears says nothing.
public enum SecretValues {
    public static func of(_ project: Project) -> Set<String> {
        var out: Set<String> = []
        for s in project.services + project.disabledServices {
            for e in s.environment {
                guard let v = e.value, !v.isEmpty else { continue }
                let parts = SecretTaint.secretParts(e)
                out.formUnion(parts)
                if isSecret(e.name, v) || !parts.isEmpty { out.insert(v) }
                if let password = urlPassword(v) { out.insert(password) }
                if SecretSignals.looksLikeBasicAuth(v, credentialsName: SecretSignals.nameSuggestsCredentials(e.name)),
                   let sep = v.firstIndex(where: { $0 == ":" || $0 == "/" }) {
                    out.insert(String(v[v.index(after: sep)...]))
                }
            }
            let words = [("command", s.command ?? []), ("entrypoint", s.entrypoint ?? []), ("healthcheck.test", s.healthcheck?.test ?? [])]
            for (key, list) in words {
                for (i, w) in list.enumerated() { out.formUnion(SecretTaint.secretParts(w, s.wordSubstitutions["\(key)[\(i)]"] ?? [])) }
            }
        }
        return out.subtracting(SecretTaint.openValues(project)).filter { !$0.isEmpty }
    }

    /// What `SecretEnvVar` takes for a secret, file paths aside (they name where a secret is).
    static func isSecret(_ name: String, _ value: String) -> Bool {
        let byValue = SecretSignals.valueLooksSecret(value)
            || SecretSignals.looksLikeBasicAuth(value, credentialsName: SecretSignals.nameSuggestsCredentials(name))
        if byValue { return true }
        guard SecretSignals.nameLooksSecret(name) || (SecretSignals.nameSuggestsSecret(name) && !SecretSignals.valueIsPublic(value)) else { return false }
        return !SecretEnvVar.looksLikeFilePath(value)
    }

    static func urlPassword(_ value: String) -> String? {
        guard let scheme = value.range(of: "://") else { return nil }
        let rest = value[scheme.upperBound...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") else { return nil }
        let password = String(authority[authority.index(after: colon)..<at])
        return password.isEmpty ? nil : password
    }
}
