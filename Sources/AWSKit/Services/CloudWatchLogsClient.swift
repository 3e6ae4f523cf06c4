import Foundation

/// CloudWatch Logs reads: the newest event of a log group, and events since a time (JSON 1.1).
public struct CloudWatchLogsClient: Sendable {
    public var client: AWSClient
    public init(client: AWSClient) { self.client = client }

    func call<Body: Encodable, Output: Decodable>(_ operation: String, _ body: Body, as: Output.Type) async throws -> Output {
        let response = try await client.send(JSONProtocol.request(service: .cloudWatchLogs, version: "1.1", targetPrefix: "Logs_20140328",
                                                                  operation: operation, body: body))
        return try JSONProtocol.decode(Output.self, from: response)
    }

    struct StreamsInput: Encodable { var logGroupName: String; var orderBy = "LastEventTime"; var descending = true; var limit = 1 }
    struct StreamsOutput: Decodable { struct Stream: Decodable { var logStreamName: String?; var lastEventTimestamp: Double? }; var logStreams: [Stream]? }

    /// When the group last received an event (milliseconds since 1970), nil when it never did.
    public func lastEventTime(logGroup: String) async throws -> Double? {
        let output = try await call("DescribeLogStreams", StreamsInput(logGroupName: logGroup), as: StreamsOutput.self)
        return output.logStreams?.compactMap(\.lastEventTimestamp).max()
    }

    public struct Event: Sendable, Equatable {
        public var id: String
        public var timestamp: Double
        public var stream: String
        public var message: String
    }

    struct FilterInput: Encodable {
        var logGroupName: String
        var startTime: Int64?
        var nextToken: String?
        var limit: Int = 1000
    }
    struct FilterOutput: Decodable {
        struct E: Decodable { var eventId: String?; var timestamp: Double?; var logStreamName: String?; var message: String? }
        var events: [E]?
        var nextToken: String?
    }

    /// Events from `startTime` (ms) on, oldest first, at most `maxPages` pages.
    public func events(logGroup: String, since startTime: Int64, maxPages: Int = 20) async throws -> [Event] {
        var out: [Event] = []
        var token: String?
        for _ in 0..<maxPages {
            let page = try await call("FilterLogEvents", FilterInput(logGroupName: logGroup, startTime: startTime, nextToken: token), as: FilterOutput.self)
            out += (page.events ?? []).map {
                Event(id: $0.eventId ?? "", timestamp: $0.timestamp ?? 0, stream: $0.logStreamName ?? "", message: $0.message ?? "")
            }
            guard let next = page.nextToken, !next.isEmpty, next != token else { break }
            token = next
        }
        return out.sorted { ($0.timestamp, $0.id) < ($1.timestamp, $1.id) }
    }
}

extension AWSService {
    public static let cloudWatchLogs = AWSService(endpointEnvironmentID: "CLOUDWATCH_LOGS", signingName: "logs", endpointPrefix: "logs",
                                                  signingOptions: .standard)
}

extension CloudWatchLogsClient {
    struct StreamEventsInput: Encodable {
        var logGroupName: String
        var logStreamName: String
        var startFromHead = true
        var nextToken: String?
    }
    struct StreamEventsOutput: Decodable {
        struct E: Decodable { var timestamp: Double?; var message: String? }
        var events: [E]?
        var nextForwardToken: String?
    }

    /// Every message of one stream, oldest first (at most `maxPages` pages of up to 10,000 events).
    public func streamMessages(logGroup: String, stream: String, maxPages: Int = 50) async throws -> [String] {
        var out: [String] = []
        var token: String?
        for _ in 0..<maxPages {
            let page = try await call("GetLogEvents", StreamEventsInput(logGroupName: logGroup, logStreamName: stream, nextToken: token),
                                      as: StreamEventsOutput.self)
            let events = page.events ?? []
            out += events.compactMap(\.message)
            // The forward token repeats once the end is reached.
            guard !events.isEmpty, let next = page.nextForwardToken, next != token else { break }
            token = next
        }
        return out
    }
}
