import AWSKit
import Foundation

/// One check of a deployed stack, in its own file under `Checks/`.
protocol VerifyCheck: Sendable {
    func run(_ context: VerifyContext) async -> [VerifyReport.Result]
}

/// What the checks share: the inventory and the clients.
public struct VerifyContext: Sendable {
    public var inventory: StackInventory
    public var client: AWSClient
    /// Base URL for the HTTP checks (default: the stack's `LoadBalancerURL` output).
    public var baseURL: String?
    public var http: HTTPTransport

    func result(_ check: String, _ subject: String, _ status: VerifyReport.Status, _ detail: String) -> VerifyReport.Result {
        VerifyReport.Result(check: check, subject: subject, status: status, detail: detail)
    }

    /// An AWS call that failed is a failed check that says which call, not a crash of the whole run.
    func failure(_ check: String, _ subject: String, _ error: any Error) -> VerifyReport.Result {
        result(check, subject, .fail, "could not read it: \(error)")
    }
}

/// The seeds' testing checklists, automated against a deployed stack.
public struct Verifier: Sendable {
    public var client: AWSClient
    public var http: HTTPTransport

    public init(client: AWSClient, http: HTTPTransport = HTTPTransport(timeout: .seconds(10))) {
        self.client = client
        self.http = http
    }

    static let checks: [any VerifyCheck] = [
        StackStatusCheck(), ServiceCheck(), TargetHealthCheck(), HealthPathCheck(), ConfigurationCheck(), AlarmCheck(), LogGroupCheck(),
    ]

    public func verify(stackName: String, baseURL: String? = nil) async throws -> VerifyReport {
        let inventory = try await StackInventory.load(stackName, cloudFormation: CloudFormationClient(client: client))
        let context = VerifyContext(inventory: inventory, client: client, baseURL: baseURL, http: http)
        var results: [VerifyReport.Result] = []
        for check in Self.checks { results += await check.run(context) }
        return VerifyReport(stackName: stackName, results: results)
    }
}
