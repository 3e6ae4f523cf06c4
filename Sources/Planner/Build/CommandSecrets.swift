import ComposeKit
import Blueprint

/// Secrets in `command`, `entrypoint` or the health check are never written as they are: the task
/// gets each as an environment variable from Secrets Manager and a shell reads it (`sh -c` with
/// `"${NAME}"`). Connection strings to replaced datastores are rebuilt for the managed services, as
/// env values are, and reach the command the same way.
struct CommandSecrets {
    let facts: ServiceFacts
    let ctx: PlanningContext
    /// The workload's classified environment; variables the rewritten words read are added.
    var environment: [EnvVar]
    /// What was rewritten, for the finding (`command`, `healthcheck`).
    private(set) var rewrittenKeys: [String] = []

    init(_ f: ServiceFacts, environment: [EnvVar], _ ctx: PlanningContext) {
        facts = f; self.environment = environment; self.ctx = ctx
    }

    /// One stretch of a word (UTF-8 offsets) that the shell reads from `variable` instead.
    struct Span { var range: Range<Int>; var variable: String }

    /// The entrypoint and command as the task runs them. A `sh -c` script is rewritten in place;
    /// other words become one `sh -c "exec …"` line. Without an entrypoint of its own the command
    /// relies on the image's entrypoint running it, as Docker's default and official images do.
    mutating func commandLine(entrypoint: [String]?, command: [String]?) -> (entrypoint: [String]?, command: [String]?) {
        let e = entrypoint.map { ($0, find($0, key: "entrypoint")) }
        let c = command.map { ($0, find($0, key: "command")) }
        let eChanged = e?.1.contains { !$0.isEmpty } ?? false, cChanged = c?.1.contains { !$0.isEmpty } ?? false
        if eChanged { rewrittenKeys.append("entrypoint") }
        if cChanged { rewrittenKeys.append("command") }
        var outE = entrypoint, outC = command
        if let (words, spans) = e, eChanged {
            if let inPlace = Self.inPlace(words, spans) { outE = inPlace }
            else if let (cw, cs) = c {
                // The command is the entrypoint's arguments: one line runs both.
                return (["sh", "-c", "exec " + ShellWords.line(words + cw, spans + cs)], nil)
            } else {
                // Arguments a task override adds still follow: `"$@"` passes them on.
                outE = ["sh", "-c", "exec " + ShellWords.line(words, spans) + " \"$@\"", "sh"]
            }
        }
        if let (words, spans) = c, cChanged {
            if let inPlace = Self.inPlace(words, spans) { outC = inPlace }
            else if let ew = entrypoint, !eChanged {
                let none = [[Span]](repeating: [], count: ew.count)
                return (["sh", "-c", "exec " + ShellWords.line(ew + words, none + spans)], nil)
            } else { outC = ["sh", "-c", "exec " + ShellWords.line(words, spans)] }
        }
        return (outE, outC)
    }

    /// `sh -c script`: only the script changes, when nothing else needs to.
    private static func inPlace(_ words: [String], _ spans: [[Span]]) -> [String]? {
        guard let script = ShellWords.scriptIndex(words), spans.indices.allSatisfy({ $0 == script || spans[$0].isEmpty }) else { return nil }
        var out = words
        out[script] = ShellWords.inScript(words[script], spans[script])
        return out
    }

    /// `["CMD", …]` or `["CMD-SHELL", script]`.
    mutating func healthCheck(_ test: [String]) -> [String] {
        let spans = find(test, key: "healthcheck.test")
        guard spans.contains(where: { !$0.isEmpty }) else { return test }
        rewrittenKeys.append("healthcheck")
        if test.first == "CMD-SHELL", test.count == 2 { return ["CMD-SHELL", ShellWords.inScript(test[1], spans[1])] }
        return ["CMD-SHELL", ShellWords.line(Array(test.dropFirst()), Array(spans.dropFirst()))]
    }

    // MARK: - Finding the secrets

    /// For each word, the stretches to read from the environment, sorted and not overlapping.
    private mutating func find(_ words: [String], key: String) -> [[Span]] {
        var urlCount = 0
        let open = ctx.openValues
        return words.enumerated().map { i, word in
            let bytes = Array(word.utf8)
            var spans: [Span] = []
            // The first claim on a stretch wins; a variable is only created for a stretch kept.
            func claim(_ range: Range<Int>, _ variable: () -> String?) {
                guard !spans.contains(where: { $0.range.overlaps(range) }), let v = variable() else { return }
                spans.append(Span(range: range, variable: v))
            }
            // Connection strings first: the whole URL is rebuilt, its password with it.
            for url in ShellWords.urls(in: word) {
                claim(url) { urlVariable(String(decoding: bytes[url], as: UTF8.self), key: key, count: &urlCount) }
            }
            for s in facts.service.wordSubstitutions["\(key)[\(i)]"] ?? [] where !s.range.isEmpty && s.range.upperBound <= bytes.count {
                let part = String(decoding: bytes[s.range], as: UTF8.self)
                guard let v = s.variables.first(where: { SecretTaint.isSecret(variable: $0, produced: part) }) else { continue }
                claim(s.range) { secretVariable(v, value: part, key: key) }
            }
            // Secret values written literally (`--password=hunter22`), when an env variable holds them too.
            for e in facts.service.environment {
                guard let v = e.value, v.utf8.count >= 6, !open.contains(v),
                      SecretSignals.nameLooksSecret(e.name) || SecretSignals.valueLooksSecret(v) else { continue }
                for r in ShellWords.occurrences(of: v, in: word) { claim(r) { secretVariable(e.name, value: v, key: key) } }
            }
            return spans.sorted { $0.range.lowerBound < $1.range.lowerBound }
        }
    }

    /// The variable holding a URL the task must not get as written: one rebuilt for a managed
    /// datastore, or one with a password. nil when the URL can stay.
    private mutating func urlVariable(_ url: String, key: String, count: inout Int) -> String? {
        let same = facts.service.environment.first { $0.value == url }?.name
        let name = same ?? nextName(key.split(separator: ".").first.map { $0.uppercased() + "_URL" } ?? "COMMAND_URL", &count)
        let entry = EnvironmentEntry(name: name, value: url)
        let input = EnvInput(entry: entry, facts: facts, evidence: Evidence(path: "services.\(facts.name).\(key)", value: Redaction.placeholder))
        if let same, let existing = environment.first(where: { $0.name == same }), existing.value != .literal(url), existing.value != .unset {
            return same   // the env variable was already rebuilt or made a secret
        }
        if var v = ConnectionStringRewrite().classify(input, ctx), v.value != .literal(url) {
            if same == nil {
                v.rule = "ConnectionStringRewrite"
                v.evidence = [input.evidence]
                environment.append(v)
            }
            return name
        }
        guard SecretSignals.valueLooksSecret(url) else { return nil }
        return secretVariable(name, value: url, key: key)
    }

    /// The environment variable that carries a secret value: the service's own when it holds it,
    /// otherwise a new one backed by a Secrets Manager secret.
    private mutating func secretVariable(_ name: String, value: String, key: String) -> String {
        if let e = environment.first(where: { $0.name == name }), case .secret = e.value { return name }
        if let entry = facts.service.environment.first(where: { $0.value == value }),
           let e = environment.first(where: { $0.name == entry.name }), case .secret = e.value { return e.name }
        var envName = name
        var n = 2
        while environment.contains(where: { $0.name == envName }) { envName = "\(name)_\(n)"; n += 1 }
        let generated = SecretSignals.isPlaceholder(value)
        let how = generated ? "a placeholder locally: a random value is generated at deploy" : "supply its value before the first deploy"
        let s = ctx.secret(forEnv: envName, value: value, service: facts.name, description: "\(envName) (\(how))",
                           generation: generated ? .generated(length: 48, excludePunctuation: true, jsonKey: nil) : .provided, decisions: [])
        environment.append(EnvVar(name: envName, disposition: .secret, value: .secret(name: s, key: nil),
                                  reason: "a secret the \(key) of \(facts.name) uses: Secrets Manager, read by the shell as $\(envName); \(how)",
                                  evidence: [Evidence(path: "services.\(facts.name).\(key)", value: Redaction.placeholder)], rule: "CommandSecrets"))
        return envName
    }

    private func nextName(_ base: String, _ count: inout Int) -> String {
        count += 1
        return count == 1 ? base : "\(base)_\(count)"
    }
}
