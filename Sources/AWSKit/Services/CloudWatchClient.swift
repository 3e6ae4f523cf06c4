import Foundation

/// Alarm states (CloudWatch, query protocol, API 2010-08-01).
public struct CloudWatchClient: Sendable {
    public var client: AWSClient
    static let version = "2010-08-01"
    public init(client: AWSClient) { self.client = client }

    public struct AlarmState: Sendable, Equatable {
        public var name: String
        /// OK, ALARM or INSUFFICIENT_DATA
        public var state: String
        public var reason: String?
    }

    /// The named alarms' states (100 names per call, CloudWatch's limit).
    public func alarms(named names: [String]) async throws -> [AlarmState] {
        var out: [AlarmState] = []
        var start = 0
        while start < names.count {
            let batch = Array(names[start..<min(names.count, start + 100)])
            start += batch.count
            let response = try await client.send(QueryProtocol.request(service: .cloudWatch, action: "DescribeAlarms", version: Self.version,
                                                                       parameters: QueryProtocol.list("AlarmNames", batch) + [("MaxRecords", "100")]))
            let result = try QueryProtocol.result(response, action: "DescribeAlarms")
            out += (result.child("MetricAlarms")?.all("member") ?? []).map {
                AlarmState(name: $0.string("AlarmName") ?? "", state: $0.string("StateValue") ?? "", reason: $0.string("StateReason"))
            }
        }
        return out
    }
}

extension AWSService {
    public static let cloudWatch = AWSService(endpointEnvironmentID: "CLOUDWATCH", signingName: "monitoring", endpointPrefix: "monitoring",
                                              signingOptions: .standard)
}
