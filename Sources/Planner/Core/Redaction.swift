import Blueprint
import ComposeKit
import Foundation

/// Decides what of a value may appear in evidence. A secret's value never leaves the planner:
/// secret-looking names and values are replaced, URLs lose their passwords.
enum Redaction {
    static let placeholder = "<redacted>"

    static func evidenceValue(_ e: EnvironmentEntry) -> String? {
        evidenceValue(name: e.name, value: e.value, secretParts: SecretTaint.secretParts(e))
    }

    static func evidenceValue(name: String, value: String?, secretParts: [String] = []) -> String? {
        guard let value else { return nil }
        if SecretSignals.nameLooksSecret(name) || SecretSignals.valueLooksSecret(value) || !secretParts.isEmpty { return placeholder }
        if SecretSignals.nameSuggestsSecret(name) && !SecretSignals.valueIsPublic(value) { return placeholder }
        if SecretSignals.looksLikeBasicAuth(value, credentialsName: SecretSignals.nameSuggestsCredentials(name)) { return placeholder }
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
        // Rotated keys: `JWT_KEY_V1`, `SIGNING_KEY_V2` are keys like `JWT_KEY`.
        if let v = n.range(of: "_KEY_V", options: .backwards), n[v.upperBound...].allSatisfy(\.isNumber), v.upperBound < n.endIndex {
            return nameLooksSecret(String(n[..<v.lowerBound]) + "_KEY")
        }
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

    /// Names that hold a secret only when the value is not a public one: `*_AUTH` (`REDIS_AUTH`
    /// is a password, `ENABLE_AUTH=true` a switch), `*_AUTHORIZATION`.
    static func nameSuggestsSecret(_ name: String) -> Bool {
        let n = name.uppercased()
        if BrowserVariables.isBrowserSide(n) || notSecretSuffixes.contains(where: { n.hasSuffix($0) }) { return false }
        let last = n.split(separator: "_").last.map(String.init) ?? n
        return ["AUTH", "AUTHORIZATION", "CREDENTIALS", "CREDS", "BASICAUTH", "USERPASS", "USERINFO", "HTPASSWD"].contains(last)
    }

    /// Names that say the value is a user and password pair (`BASIC_AUTH`, `*_CREDENTIALS`), not
    /// one half of it (`*_AUTH_USER`).
    static func nameSuggestsCredentials(_ name: String) -> Bool {
        let n = name.uppercased()
        if notSecretSuffixes.contains(where: { n.hasSuffix($0) }) || n.hasSuffix("_PASSWORD") { return false }
        let words = Set(n.split(separator: "_").map(String.init))
        return !words.isDisjoint(with: ["AUTH", "CREDENTIALS", "CREDENTIAL", "CREDS", "BASICAUTH", "USERPASS", "USERINFO", "HTPASSWD", "LOGIN"])
    }

    /// Values that are public whatever the name: switches, numbers, URLs without credentials,
    /// file paths, auth scheme names.
    static func valueIsPublic(_ value: String) -> Bool {
        let v = value.trimmingWhitespace
        if v.isEmpty { return true }
        if ["true", "false", "yes", "no", "on", "off", "enabled", "disabled", "none", "null", "basic", "bearer", "jwt", "oauth", "oauth2",
            "oidc", "ldap", "saml", "local", "password", "token", "apikey", "api_key", "required", "optional", "disable", "enable", "md5",
            "scram-sha-256", "trust"].contains(v.lowercased()) { return true }
        if v.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" }) { return true }
        if v.contains("://") { return !valueLooksSecret(v) }
        return v.hasPrefix("/") || v.hasPrefix("./") || v.hasPrefix("~/")
    }

    /// `user:pass` or `user/pass` as one token: credentials, not a host and port, an image and
    /// tag, a path, a time or a list. Without a name saying so (`*_AUTH`, `*_CREDENTIALS`), only
    /// `user:pass` whose password looks like one counts; `a/b` is then a path.
    static func looksLikeBasicAuth(_ value: String, credentialsName: Bool) -> Bool {
        let v = value.trimmingWhitespace
        guard v.utf8.count >= 3, v.utf8.count <= 200, !v.contains("://"), !v.contains("@"),
              !v.contains(where: { $0.isWhitespace || ",;=()[]{}<>\"'$|".contains($0) }) else { return false }
        let colons = v.filter { $0 == ":" }.count, slashes = v.filter { $0 == "/" }.count
        guard colons + slashes == 1 else { return false }
        let sep: Character = colons == 1 ? ":" : "/"
        if sep == "/" && !credentialsName { return false }
        let parts = v.split(separator: sep, maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let user = parts[0], pass = parts[1]
        guard let first = user.first, first.isLetter, !pass.isEmpty, user.count <= 64,
              user.allSatisfy({ $0.isLetter || $0.isNumber || "_.+-".contains($0) }) else { return false }
        if pass.allSatisfy(\.isNumber) { return false }   // host:port
        if credentialsName { return true }
        // Image tags (`16-alpine`, `v1.2`, `latest`) and host names are not passwords.
        if user.contains(".") || pass.contains(".") || pass.first?.isNumber == true { return false }
        if isPlaceholder(pass) { return true }
        let hasLetter = pass.contains(where: \.isLetter), hasDigit = pass.contains(where: \.isNumber)
        let hasSymbol = pass.contains(where: { "!#%&*+?^~".contains($0) })
        return pass.count >= 6 && hasLetter && (hasDigit || hasSymbol)
    }

    /// A value written to be replaced: `changeme`, `your-secret-key`, `<your-token>`, `xxx`.
    static func isPlaceholder(_ value: String) -> Bool {
        let v = value.lowercased().trimmingWhitespace
        guard !v.isEmpty else { return false }
        if v.hasPrefix("<") && v.hasSuffix(">") { return true }
        let markers = ["change-me", "changeme", "change_me", "change-this", "changethis", "change_this", "please-change", "please_change",
                       "replace-me", "replaceme", "replace_me", "replace-with", "replace_with", "your-", "your_", "xxx", "placeholder",
                       "dummy", "not-a-real", "notarealsecret", "fixme", "todo", "insecure", "example"]
        if markers.contains(where: { v.contains($0) }) { return true }
        return ["secret", "password", "passwd", "pass", "changeit", "mysecret", "supersecret", "secretkey", "secret-key", "secret_key",
                "mypassword", "test", "default", "admin", "key", "token", "apikey", "api-key", "api_key"].contains(v)
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
        // `Server=db;User Id=sa;Password=…` (ADO.NET, ODBC, JDBC properties).
        if let r = v.lowercased().firstByteRange(of: "password=") ?? v.lowercased().firstByteRange(of: "pwd="),
           let next = v.lowercased()[r.upperBound...].first, next != ";", next != "&" { return true }
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
        if isPlaceholder(v) { return true }
        let markers = ["change-me", "changeme", "change_me", "replace", "your-", "your_", "example", "dev", "test", "local",
                       "secret", "password", "default", "sample", "dummy", "placeholder", "insecure", "todo", "xxx", "123",
                       "admin", "root", "guest", "minio", "postgres", "mysql", "redis", "not-a-real", "fake"]
        if markers.contains(where: { v.contains($0) }) { return true }
        return v.count < 16
    }
}
