import ComposeKit

/// A value built from a secret is a secret: `${USER}/${PASSWORD}`, `user:${PASS}`,
/// `postgres://u:${PASSWORD}@db/x`. Interpolation records which characters each variable put
/// into a value; a variable is secret by its name or by what it put there (a key, a token).
enum SecretTaint {
    /// Whether `variable`, having produced `text`, holds a secret.
    static func isSecret(variable: String, produced text: String) -> Bool {
        guard !text.isEmpty else { return false }
        return SecretSignals.nameLooksSecret(variable) || SecretSignals.valueLooksSecret(text)
            || (SecretSignals.nameSuggestsSecret(variable) && !SecretSignals.valueIsPublic(text))
    }

    /// The parts of `text` that secret variables produced.
    static func secretParts(_ text: String, _ substitutions: [Substitution]) -> [String] {
        let bytes = Array(text.utf8)
        return substitutions.compactMap { s in
            guard s.range.lowerBound >= 0, s.range.upperBound <= bytes.count else { return nil }
            let part = String(decoding: bytes[s.range], as: UTF8.self)
            return s.variables.contains(where: { isSecret(variable: $0, produced: part) }) ? part : nil
        }
    }

    static func secretParts(_ e: EnvironmentEntry) -> [String] {
        guard let v = e.value else { return [] }
        return secretParts(v, e.substitutions)
    }

    /// Whether the secret parts make up the whole value (`${JWT_SECRET}`), not a piece of it.
    static func coversWhole(_ value: String, _ parts: [String]) -> Bool { parts.count == 1 && parts[0] == value }

    /// Words the project writes openly: service, project and image names, values of variables
    /// that are not secrets. A development password equal to one of them (`postgres`) cannot be
    /// told apart from it where it appears.
    static func openValues(_ p: Project) -> Set<String> {
        let services = p.services + p.disabledServices
        var open: Set<String> = Set(services.map(\.name)).union([p.name])
        // Words of the project's name, directory and service names, which reports print.
        for text in [p.name, p.workingDirectory] + services.map(\.name) {
            open.formUnion(text.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init))
            open.formUnion(text.split(separator: "/").map(String.init))
        }
        // Words of variable names (`password` in `NEO4J_PASSWORD`) appear in the names of what the plan creates.
        for s in services {
            for e in s.environment {
                let words = e.name.lowercased().split(separator: "_").map(String.init)
                open.formUnion(words)
                open.insert(words.joined(separator: "-"))
            }
        }
        for image in services.compactMap(\.image) {
            for part in image.split(whereSeparator: { $0 == "/" || $0 == ":" }) { open.insert(String(part)) }
            open.formUnion(image.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init))
        }
        for s in services {
            for e in s.environment where !SecretSignals.nameLooksSecret(e.name) && !SecretSignals.nameSuggestsSecret(e.name) {
                guard let v = e.value, !SecretSignals.valueLooksSecret(v), secretParts(e).isEmpty else { continue }
                open.insert(v)
            }
        }
        return open
    }
}
