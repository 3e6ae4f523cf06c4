import Foundation

/// The Elastic Load Balancing v2 reads `ferry verify` needs (query protocol, API 2015-12-01).
public struct ELBv2Client: Sendable {
    public var client: AWSClient
    static let version = "2015-12-01"
    public init(client: AWSClient) { self.client = client }

    func call(_ action: String, _ parameters: [(String, String)]) async throws -> XMLTree {
        let response = try await client.send(QueryProtocol.request(service: .elbv2, action: action, version: Self.version, parameters: parameters))
        return try QueryProtocol.result(response, action: action)
    }

    public struct TargetGroup: Sendable, Equatable {
        public var arn: String
        public var name: String
        public var healthCheckPath: String
    }

    public struct TargetHealth: Sendable, Equatable {
        public var id: String
        public var port: String
        /// healthy, unhealthy, initial, draining, unused, unavailable
        public var state: String
        public var reason: String?
        public var description: String?
    }

    public struct Rule: Sendable, Equatable {
        public var priority: String
        public var pathPatterns: [String]
        public var targetGroupArns: [String]
    }

    public func targetGroups(arns: [String]) async throws -> [TargetGroup] {
        guard !arns.isEmpty else { return [] }
        let result = try await call("DescribeTargetGroups", QueryProtocol.list("TargetGroupArns", arns))
        return (result.child("TargetGroups")?.all("member") ?? []).map {
            TargetGroup(arn: $0.string("TargetGroupArn") ?? "", name: $0.string("TargetGroupName") ?? "",
                        healthCheckPath: $0.string("HealthCheckPath") ?? "/")
        }
    }

    public func targetHealth(targetGroupArn: String) async throws -> [TargetHealth] {
        let result = try await call("DescribeTargetHealth", [("TargetGroupArn", targetGroupArn)])
        return (result.child("TargetHealthDescriptions")?.all("member") ?? []).map { member in
            let health = member.child("TargetHealth")
            return TargetHealth(id: member.path("Target", "Id")?.text ?? "", port: member.path("Target", "Port")?.text ?? "",
                                state: health?.string("State") ?? "unknown", reason: health?.string("Reason"),
                                description: health?.string("Description"))
        }
    }

    public func rules(listenerArn: String) async throws -> [Rule] {
        let result = try await call("DescribeRules", [("ListenerArn", listenerArn)])
        return (result.child("Rules")?.all("member") ?? []).map { rule in
            let conditions = rule.child("Conditions")?.all("member") ?? []
            var paths: [String] = []
            for condition in conditions where condition.string("Field") == "path-pattern" {
                paths += (condition.path("PathPatternConfig", "Values")?.all("member") ?? []).map(\.text)
                paths += (condition.child("Values")?.all("member") ?? []).map(\.text)
            }
            let actions = rule.child("Actions")?.all("member") ?? []
            return Rule(priority: rule.string("Priority") ?? "", pathPatterns: Array(Set(paths)).sorted(),
                        targetGroupArns: actions.compactMap { $0.string("TargetGroupArn") })
        }
    }
}

extension AWSService {
    public static let elbv2 = AWSService(endpointEnvironmentID: "ELASTIC_LOAD_BALANCING_V2", signingName: "elasticloadbalancing",
                                         endpointPrefix: "elasticloadbalancing", signingOptions: .standard)
}
