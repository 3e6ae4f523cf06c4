import Blueprint
import Foundation

/// Decides what of a value may appear in evidence. A secret's value never leaves the planner:
/// secret-looking names and values are replaced, URLs lose their passwords.
enum Redaction {
    static let placeholder = "<redacted>"

    static func evidenceValue(name: String, value: String?) -> String? {
        guard let value else { return nil }
        if SecretSignals.nameLooksSecret(name) || SecretSignals.valueLooksSecret(value) { return placeholder }
        let cleaned = HostScanner.withoutCredentials(value)
        if cleaned != value { return cleaned }
        // Embedded credentials without a scheme (`user:pass@host`).
        if value.contains("@"), value.contains(":") { return placeholder }
        return value.count > 200 ? String(value.prefix(200)) + "…" : value
    }
}

/// Evidence that a variable holds a secret: its name, the shape of its value.
enum SecretSignals {
    private static let secretWords = ["PASSWORD", "PASSWD", "PASS", "PWD", "SECRET", "TOKEN", "APIKEY", "API_KEY", "PRIVATE",
                                      "CREDENTIAL", "AUTH_KEY", "ACCESS_KEY", "SIGNING_KEY", "ENCRYPTION_KEY", "SALT", "DSN",
                                      "SERVICE_ROLE_KEY", "MASTER_KEY", "SESSION_KEY", "WEBHOOK_KEY", "LICENSE_KEY", "CERT_KEY",
                                      "CLIENT_KEY", "SECRET_KEY", "_KEY"]
    /// Names that contain a secret word but hold configuration (`JWT_EXPIRES_IN`, `TOKEN_URL`).
    private static let notSecretSuffixes = ["_EXPIRES_IN", "_EXPIRY", "_EXPIRES", "_TTL", "_LIFETIME", "_ALGORITHM", "_ALG",
                                            "_ISSUER", "_AUDIENCE", "_LENGTH", "_ROUNDS", "_ENABLED", "_PATH", "_FILE", "_HEADER",
                                            "_NAME", "_URL", "_URI", "_ENDPOINT", "_TYPE", "_DIR", "_ID", "_REGION", "_MODE",
                                            "_COOKIE", "_DURATION", "_TIMEOUT", "_MAX_AGE", "_PREFIX", "_HOST", "_PORT", "_USER",
                                            "_USERNAME", "_SIZE", "_COUNT", "_LIMIT", "_STRATEGY", "_METHOD", "_FORMAT", "_FIELD"]

    static func nameLooksSecret(_ name: String) -> Bool {
        let n = name.uppercased()
        if BrowserVariables.isBrowserSide(n) { return false }
        if n == "PASS" || n == "PWD" { return true }
        if n.contains("ACCESS_KEY") && !n.hasSuffix("_FILE") && !n.hasSuffix("_PATH") { return true }
        if notSecretSuffixes.contains(where: { n.hasSuffix($0) }) {
            // `DATABASE_PASSWORD_FILE` names a file; `SENTRY_DSN` is still secret.
            return false
        }
        if n.hasSuffix("PATH") || n == "PWD_DIR" { return false }
        return secretWords.contains { word in
            if word == "PASS" { return n.hasSuffix("_PASS") || n.hasPrefix("PASS_") }
            if word == "PWD" { return n.hasSuffix("_PWD") }
            if word == "_KEY" { return n.hasSuffix("_KEY") && !n.hasSuffix("PARTITION_KEY") && !n.hasSuffix("SORT_KEY") && !n.hasSuffix("CACHE_KEY") && !n.hasSuffix("PUBLIC_KEY") && !n.hasSuffix("PUBLISHABLE_KEY") && !n.hasSuffix("ANON_KEY") }
            return n.contains(word)
        }
    }

    static func valueLooksSecret(_ value: String) -> Bool {
        let v = value.trimmingWhitespace
        if v.contains("-----BEGIN") { return true }
        // URL with a password.
        if let r = v.firstByteRange(of: "://") {
            let rest = v[r.upperBound...]
            let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
            if let at = authority.lastIndex(of: "@"), authority[..<at].contains(":") { return true }
            return false
        }
        // JWT.
        let parts = v.split(separator: ".")
        if parts.count == 3, v.hasPrefix("eyJ"), parts.allSatisfy({ $0.count >= 4 }) { return true }
        // Well-known key prefixes.
        for p in ["sk_live_", "sk_test_", "rk_live_", "ghp_", "gho_", "github_pat_", "xoxb-", "xoxp-", "AKIA", "ASIA", "AIza", "sk-", "glpat-", "SG."] where v.hasPrefix(p) && v.count >= 16 {
            return true
        }
        return highEntropy(v)
    }

    /// Long strings mixing letters and digits with no spaces: generated keys and tokens.
    static func highEntropy(_ v: String) -> Bool {
        guard v.utf8.count >= 24, !v.contains(" "), !v.contains("/"), !v.hasPrefix("http") else { return false }
        var letters = 0, digits = 0, upper = 0, lower = 0
        var entropy = 0.0
        if v.utf8.allSatisfy({ $0 < 128 }) {
            // ASCII (almost every value): count bytes.
            var counts = [Int](repeating: 0, count: 128)
            for b in v.utf8 {
                counts[Int(b)] += 1
                if b >= 0x41 && b <= 0x5A { upper += 1 } else if b >= 0x61 && b <= 0x7A { lower += 1 } else if b >= 0x30 && b <= 0x39 { digits += 1 }
            }
            letters = upper + lower
            let n = Double(v.utf8.count)
            for c in counts where c > 0 {
                let p = Double(c) / n
                entropy -= p * log2(p)
            }
        } else {
            guard v.count >= 24 else { return false }
            letters = v.filter(\.isLetter).count
            digits = v.filter(\.isNumber).count
            upper = v.filter(\.isUppercase).count
            lower = v.filter(\.isLowercase).count
            var counts: [Character: Int] = [:]
            for c in v { counts[c, default: 0] += 1 }
            let n = Double(v.count)
            for c in counts.values {
                let p = Double(c) / n
                entropy -= p * log2(p)
            }
        }
        guard letters > 0, digits > 0 else { return false }
        return entropy >= 3.5 && (upper > 0 && lower > 0 || digits >= 6)
    }

    /// Values that are placeholders or development defaults: on AWS a generated secret replaces them.
    static func isInsecureDefault(_ value: String) -> Bool {
        let v = value.lowercased()
        if v.isEmpty { return false }
        let markers = ["change-me", "changeme", "change_me", "replace", "your-", "your_", "example", "dev", "test", "local",
                       "secret", "password", "default", "sample", "dummy", "placeholder", "insecure", "todo", "xxx", "123",
                       "admin", "root", "guest", "minio", "postgres", "mysql", "redis", "not-a-real", "fake"]
        if markers.contains(where: { v.contains($0) }) { return true }
        return v.count < 16
    }
}
