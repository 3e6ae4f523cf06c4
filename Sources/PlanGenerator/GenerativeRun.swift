import Foundation

/// A range of generated projects checked one by one, with the failures grouped into classes so a
/// run with thousands of failing projects still reads as a short list.
public struct GenerativeRun: Sendable {
    public var seed: UInt64
    public var check: ConsistencyCheck
    /// Failure classes already known (reported, but not counted as new).
    public var isKnown: @Sendable (String) -> Bool

    public init(seed: UInt64, check: ConsistencyCheck, isKnown: @escaping @Sendable (String) -> Bool = { _ in false }) {
        self.seed = seed
        self.check = check
        self.isKnown = isKnown
    }

    public struct FailureClass: Sendable {
        public var count: Int
        public var tiers: Set<String>
        /// The smallest project that showed it, and all its failures.
        public var example: GeneratedProject
        public var failures: [String]
    }

    public struct Result: Sendable {
        /// The generator's seed (with the indices, what rebuilds any project of the run).
        public var seed: UInt64 = 0
        public var checked = 0
        public var services = 0
        public var loadErrors: [(project: GeneratedProject, error: String)] = []
        public var classes: [String: FailureClass] = [:]
        public var knownClasses: Set<String> = []
        public var stageSeconds: [String: Double] = [:]
        /// The mvp templates of the indices asked for, to lint.
        public var sampledTemplates: [(project: GeneratedProject, json: String)] = []

        public var newFailureClasses: [String] { classes.keys.filter { !knownClasses.contains($0) }.sorted() }

        public func summary(seconds: Double) -> String {
            var out = String(format: "generative run (seed %llu): %d projects (%d services) in %.1f s; %d load errors; %d failure classes (%d new)",
                             seed, checked, services, seconds, loadErrors.count, classes.count, newFailureClasses.count)
            for (name, c) in classes.sorted(by: { $0.key < $1.key }) {
                out += "\n  \(knownClasses.contains(name) ? "known" : "NEW  ") \(c.count)× [\(c.tiers.sorted().joined(separator: ","))] \(name) (e.g. index \(c.example.index))"
            }
            let total = stageSeconds.values.reduce(0, +)
            out += "\n  time per stage: " + stageSeconds.sorted { $0.value > $1.value }
                .map { String(format: "%@ %.1f s (%.0f%%)", $0.key, $0.value, total > 0 ? 100 * $0.value / total : 0) }.joined(separator: ", ")
            return out
        }

        /// Adds `other`, a later part of the same run.
        mutating func merge(_ other: Result) {
            checked += other.checked
            services += other.services
            loadErrors += other.loadErrors
            knownClasses.formUnion(other.knownClasses)
            stageSeconds.merge(other.stageSeconds, uniquingKeysWith: +)
            sampledTemplates += other.sampledTemplates
            for (name, c) in other.classes {
                guard var mine = classes[name] else { classes[name] = c; continue }
                mine.count += c.count
                mine.tiers.formUnion(c.tiers)
                if c.example.compose.count < mine.example.compose.count { (mine.example, mine.failures) = (c.example, c.failures) }
                classes[name] = mine
            }
        }


        public var loadErrorReport: String {
            loadErrors.prefix(3).map { "\($0.error)\n\($0.project.reproduction)" }.joined(separator: "\n")
        }

        public var failureReport: String {
            newFailureClasses.compactMap { name in
                classes[name].map { "== \(name) (\($0.count) projects)\n" + $0.failures.joined(separator: "\n") + "\n" + $0.example.reproduction }
            }.joined(separator: "\n")
        }
    }

    /// Checks projects `indices` on `jobs` threads, each a contiguous part of the range; the merged result
    /// is the same for any number of jobs. Keeps the mvp template of the indices `sample` selects.
    public func run(_ indices: Range<Int>, scratch: URL, jobs: Int = 1, sample: @escaping @Sendable (Int) -> Bool = { _ in false }) -> Result {
        let jobs = max(1, min(jobs, indices.count))
        guard jobs > 1 else {
            var result = runSerially(indices, scratch: scratch, sample: sample)
            result.seed = seed
            return result
        }
        let size = (indices.count + jobs - 1) / jobs
        let parts = (0..<jobs).map { j in (indices.lowerBound + j * size)..<min(indices.upperBound, indices.lowerBound + (j + 1) * size) }
        let slots = Slots(count: jobs)
        DispatchQueue.concurrentPerform(iterations: jobs) { j in
            slots.set(j, runSerially(parts[j], scratch: scratch, sample: sample))
        }
        var result = slots.results.reduce(into: Result()) { $0.merge($1) }
        result.seed = seed
        return result
    }

    /// Results of the parallel parts, each written once by its own thread.
    private final class Slots: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [Result]
        init(count: Int) { values = Array(repeating: Result(), count: count) }
        func set(_ i: Int, _ r: Result) { lock.withLock { values[i] = r } }
        var results: [Result] { lock.withLock { values } }
    }

    private func runSerially(_ indices: Range<Int>, scratch: URL, sample: (Int) -> Bool) -> Result {
        let generator = ComposeProjectGenerator(seed: seed)
        var result = Result()
        for index in indices {
            let project = generator.project(index)
            let outcome = check.run(project, scratch: scratch)
            result.checked += 1
            result.services += outcome.serviceCount
            result.stageSeconds.merge(outcome.stageSeconds, uniquingKeysWith: +)
            if let error = outcome.loadError {
                result.loadErrors.append((project, error))
                continue
            }
            if sample(index), let json = outcome.mvpTemplateJSON { result.sampledTemplates.append((project, json)) }
            var byClass: [String: Set<String>] = [:]
            for failure in outcome.failures {
                let (tier, name) = Self.classify(failure)
                byClass[name, default: []].insert(tier)
            }
            for (name, tiers) in byClass {
                if var c = result.classes[name] {
                    c.count += 1
                    c.tiers.formUnion(tiers)
                    if project.compose.count < c.example.compose.count { (c.example, c.failures) = (project, outcome.failures) }
                    result.classes[name] = c
                } else {
                    result.classes[name] = FailureClass(count: 1, tiers: tiers, example: project, failures: outcome.failures)
                }
                if isKnown(name) { result.knownClasses.insert(name) }
            }
        }
        return result
    }

    /// `tier: message` → the tier, and the message without the names and numbers that differ between projects.
    static func classify(_ failure: String) -> (tier: String, name: String) {
        let tier = failure.prefix { $0 != ":" }
        var message = failure.dropFirst(tier.count).drop { $0 == ":" || $0 == " " }
        // Secret values are random: keep only the kind of output they leaked into.
        if let range = message.range(of: " contains the value of a secret") { message = message[..<range.upperBound] }
        // A number after a letter is part of a name (`AWS::S3::Bucket`) and stays.
        var out = ""
        var inNumber = false
        var previous: Character = " "
        for ch in message {
            if ch.isNumber, inNumber || !previous.isLetter {
                if !inNumber { out.append("N") }
                inNumber = true
            } else {
                out.append(ch)
                inNumber = false
            }
            previous = ch
        }
        return (String(tier), out)
    }
}
