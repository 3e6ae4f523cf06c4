import Foundation
import ComposeKit
import Blueprint

/// What Google Cloud / Firebase services one compose service's code uses, read from the compose
/// service (its environment) and the files the loader read from its build context
/// (`Service.contextFiles`): dependency manifests and import lines, with file and line, and the names
/// the code gives its collections, topics and buckets. Pure: the loader did the reading.
struct GoogleCloudUse: Equatable {
    var product: GoogleCloudProduct
    /// Environment variables that show it (names only: a value may be secret).
    var evidence: [Evidence] = []
    /// Manifest and import lines, by file (relative to the project folder) and line.
    var sites: [Evidence] = []
    /// Collection, topic or bucket names found in the code and environment (sorted, unique).
    var names: [String] = []
    /// Pub/Sub: subscription names, and what the code does with messages (`PubSubUse`).
    var pubsub: PubSubUse?
}

enum GoogleCloudUsage {
    static let maxSitesPerProduct = 12

    static func uses(of f: ServiceFacts, projectDirectory: String) -> [GoogleCloudUse] {
        var found: [GoogleCloudProduct: GoogleCloudUse] = [:]
        func use(_ p: GoogleCloudProduct) -> GoogleCloudUse { found[p] ?? GoogleCloudUse(product: p) }
        for e in f.service.environment {
            guard let p = GoogleCloudProduct.fromEnv(e.name) else { continue }
            var u = use(p)
            u.evidence.append(Evidence(path: "services.\(f.name).environment.\(e.name)", position: e.location.map(SourcePosition.init)))
            found[p] = u
        }
        let prefix = contextPrefix(f.service.build?.context, projectDirectory: projectDirectory)
        for file in f.service.contextFiles {
            let lines = file.text.split(separator: "\n", omittingEmptySubsequences: false)
            let isGo = file.path.hasSuffix(".go")
            for (i, raw) in lines.enumerated() {
                let line = raw.trimmingCharacters(in: .whitespaces)
                guard !line.isEmpty, !line.hasPrefix("#"), !line.hasPrefix("//") else { continue }
                let lower = line.lowercased()
                let products: [GoogleCloudProduct]
                switch file.kind {
                case .manifest: products = manifestProducts(lower)
                case .source: products = isImport(lower, go: isGo) ? importProducts(lower) : []
                }
                for p in products {
                    var u = use(p)
                    if u.sites.count < maxSitesPerProduct {
                        // A line with credentials in a URL (`https://user:token@host/…`) is named, not quoted.
                        let quotable = !(line.contains("://") && line.contains("@"))
                        u.sites.append(Evidence(path: "build.\(file.kind.rawValue)", value: quotable ? String(line.prefix(120)) : nil,
                                                position: SourcePosition(file: prefix + file.path, line: i + 1, column: 1)))
                    }
                    found[p] = u
                }
            }
        }
        // Names the code gives what it uses, in the files that talk to that product.
        for (p, patterns, marker) in namePatterns where found[p] != nil {
            var u = use(p)
            for file in f.service.contextFiles where file.kind == .source && file.text.lowercased().contains(marker) {
                for pattern in patterns { u.names += matches(pattern, in: file.text) }
            }
            found[p] = u
        }
        for (p, word) in [(GoogleCloudProduct.pubsub, "TOPIC"), (.storage, "BUCKET"), (.firestore, "COLLECTION")] where found[p] != nil {
            var u = use(p)
            for e in f.service.environment where e.name.uppercased().contains(word) && !e.name.uppercased().contains("SUBSCRIPTION") {
                if let v = e.value, isName(v) { u.names.append(v) }
            }
            found[p] = u
        }
        if var u = found[.pubsub] {
            u.pubsub = PubSubUse.read(f)
            found[.pubsub] = u
        }
        return found.values.map { u in
            var u = u
            u.names = Array(Set(u.names.filter(isName))).sorted()
            return u
        }.sorted { $0.product < $1.product }
    }

    /// `build.context` relative to the project folder, ending in `/` (empty for the project folder).
    static func contextPrefix(_ context: String?, projectDirectory: String) -> String {
        guard let context else { return "" }
        let base = projectDirectory.hasSuffix("/") ? projectDirectory : projectDirectory + "/"
        if context == projectDirectory || context + "/" == base { return "" }
        if context.hasPrefix(base) { return String(context.dropFirst(base.count)) + "/" }
        return (context as NSString).lastPathComponent + "/"
    }

    static func manifestProducts(_ lower: String) -> [GoogleCloudProduct] {
        GoogleCloudProduct.allCases.filter { p in p.packages.contains { lower.contains($0) } }
    }

    /// `import x`, `from x import y`, `require('x')`, `import … from 'x'`, and Go's quoted import paths.
    static func isImport(_ lower: String, go: Bool) -> Bool {
        if lower.hasPrefix("import ") || lower.hasPrefix("from ") || lower.contains("require(") || lower.contains("import(") { return true }
        if go, lower.hasSuffix("\""), lower.split(separator: " ").count <= 2, lower.contains("\"") { return true }
        return false
    }

    static func importProducts(_ lower: String) -> [GoogleCloudProduct] {
        let google = lower.contains("google") || lower.contains("vertexai")
        let firebase = lower.contains("firebase")
        guard google || firebase else { return [] }
        var out = GoogleCloudProduct.allCases.filter { p in
            if p == .firebaseAuth { return firebase && lower.contains("auth") }
            return p.importWords.contains { lower.contains($0) }
        }
        // `google.auth` and `google-auth-library` are credentials, not Firebase; a bare Admin SDK import is
        // there for its most common backend use, verifying ID tokens.
        if firebase && out.isEmpty && (lower.contains("firebase_admin") || lower.contains("firebase-admin") || lower.contains("firebase.google.com/go")) {
            out = [.firebaseAuth]
        }
        return out
    }

    static let namePatterns: [(GoogleCloudProduct, [String], String)] = [
        (.firestore, [#"[Cc]ollection(?:_group|Group)?\(\s*(?:\w+\s*,\s*)?["']([A-Za-z0-9_\-]+)["']"#], "firestore"),
        (.datastore, [#"[Kk]ey\(\s*["']([A-Za-z0-9_\-]+)["']"#, #"NameKey\(\s*"([A-Za-z0-9_\-]+)""#], "datastore"),
        (.pubsub, [PubSubUse.topicPattern], "pubsub"),
        (.storage, [#"(?:get_)?[Bb]ucket\(\s*["']([a-z0-9][a-z0-9_\-.]+)["']"#], "storage"),
    ]

    static func matches(_ pattern: String, in text: String) -> [String] {
        guard let re = try? NSRegularExpression(pattern: pattern) else { return [] }
        let ns = text as NSString
        return re.matches(in: text, range: NSRange(location: 0, length: ns.length)).compactMap { m in
            m.numberOfRanges > 1 && m.range(at: 1).location != NSNotFound ? ns.substring(with: m.range(at: 1)) : nil
        }
    }

    static func isName(_ s: String) -> Bool {
        (2...63).contains(s.count) && !s.contains("$") && s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_-.".contains($0)) }
    }

    /// A Google Cloud emulator service: an emulator image (the catalog's) or a command that starts one.
    static func emulatorCommand(_ f: ServiceFacts) -> String? {
        let c = f.commandText.lowercased()
        for marker in ["gcloud beta emulators", "gcloud emulators", "firebase emulators:start", "firebase emulators:exec"] where c.contains(marker) {
            return marker
        }
        return nil
    }
}
