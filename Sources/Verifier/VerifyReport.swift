import Foundation

/// What `ferry verify` found: one line per check and subject.
public struct VerifyReport: Sendable, Equatable {
    public enum Status: String, Sendable, Codable, Comparable {
        case pass, warn, fail
        var rank: Int { self == .pass ? 0 : self == .warn ? 1 : 2 }
        public static func < (a: Status, b: Status) -> Bool { a.rank < b.rank }
    }

    public struct Result: Sendable, Equatable, Codable {
        /// `stack`, `service`, `targets`, `http`, `secret`, `parameter`, `alarm`, `logs`
        public var check: String
        public var subject: String
        public var status: Status
        /// Never holds a secret or parameter value: names, counts, states and reasons only.
        public var detail: String
    }

    public var stackName: String
    public var results: [Result]

    public var passed: Bool { !results.contains { $0.status == .fail } }

    public func table() -> String {
        let header = ["CHECK", "SUBJECT", "STATUS", "DETAIL"]
        let rows = results.map { [$0.check, $0.subject, $0.status.rawValue.uppercased(), $0.detail] }
        let widths = (0..<3).map { i in ([header] + rows).map { $0[i].count }.max() ?? 0 }
        func line(_ row: [String]) -> String {
            (0..<3).map { row[$0].padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ") + "  " + row[3]
        }
        var out = [line(header)] + rows.map(line)
        let failed = results.filter { $0.status == .fail }.count, warned = results.filter { $0.status == .warn }.count
        out.append("")
        out.append(passed ? "\(stackName): verified (\(results.count) checks, \(warned) warnings)"
                          : "\(stackName): \(failed) of \(results.count) checks failed")
        return out.joined(separator: "\n")
    }

    public func json() -> String {
        struct Body: Encodable { var stack: String; var passed: Bool; var results: [Result] }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(Body(stack: stackName, passed: passed, results: results))) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
