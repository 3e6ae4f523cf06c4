import Foundation
@testable import AWSKit

/// Reads the raw requests of the SigV4 vectors by hand: their paths hold spaces and raw UTF-8 and
/// their header values continue on indented lines, which no strict HTTP parser accepts.
struct RawRequest {
    var method: String
    var path: String
    var query: [SigningRequest.QueryItem]
    var headers: [SigningRequest.Header]
    var body: Data

    init(_ text: String) {
        var lines = text.components(separatedBy: "\n")
        let requestLine = lines.isEmpty ? "" : lines.removeFirst()
        let firstSpace = requestLine.firstIndex(of: " ") ?? requestLine.endIndex
        method = String(requestLine[..<firstSpace])
        var target = requestLine[firstSpace...].dropFirst()
        if let http = target.range(of: " HTTP/", options: .backwards) { target = target[..<http.lowerBound] }
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        path = parts.first.map(String.init) ?? "/"
        query = parts.count > 1 ? Self.parseQuery(String(parts[1])) : []
        headers = []
        var bodyLines: [String] = []
        var inBody = false
        for line in lines {
            if inBody { bodyLines.append(line); continue }
            if line.isEmpty { inBody = true; continue }
            if line.first == " " || line.first == "\t", !headers.isEmpty {
                headers[headers.count - 1].value += "\n" + line
                continue
            }
            let colon = line.firstIndex(of: ":") ?? line.endIndex
            headers.append(.init(String(line[..<colon]), String(line[colon...].dropFirst())))
        }
        body = Data(bodyLines.joined(separator: "\n").utf8)
    }

    static func parseQuery(_ query: String) -> [SigningRequest.QueryItem] {
        query.split(separator: "&").map { pair in
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return .init(URIEncoding.decode(String(kv[0])), kv.count > 1 ? URIEncoding.decode(String(kv[1])) : "")
        }
    }

    /// Headers as a comparable multiset: lower-case names, whitespace-collapsed values.
    static func headerSet(_ headers: [SigningRequest.Header]) -> [String] {
        headers.map { "\($0.name.lowercased()):\(SigV4.collapseWhitespace($0.value))" }.sorted()
    }

    static func querySet(_ items: [SigningRequest.QueryItem]) -> [String] {
        items.map { "\($0.name)=\($0.value)" }.sorted()
    }
}
