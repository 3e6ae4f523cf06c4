@testable import AWSKit
import AWSTestSupport
import Foundation
import XCTest
@testable import Deployer

/// Deploys through `FaultProxy`, which sits in front of a real moto_server and injects the faults
/// AWS produces and no emulator does: 503s, throttling errors and dropped connections.
final class FaultInjectionTests: XCTestCase {
    static let moto = SharedMotoServer()

    override class func tearDown() {
        moto.stop()
        super.tearDown()
    }

    private func server() async throws -> MotoServer { try await Self.moto.get { try TestEnvironment.motoServer() } }

    private func deploy(through proxy: FaultProxy, moto: MotoServer, name: String, attempts: Int) async throws -> DeployResult {
        let client = moto.client(retry: RetryStrategy(maxAttempts: attempts, backoff: { _ in .milliseconds(2) }), endpoint: proxy.endpoint)
        let deployer = Deployer(client: client, terminal: RecordingTerminal(), pollInterval: .milliseconds(50),
                                changeSetPollInterval: .milliseconds(50))
        return try await deployer.deploy(DeployRequest(stackName: name, templateText: Templates.stack(queue: name), yes: true))
    }

    func testDeploySucceedsWithinTheRetryBudget() async throws {
        let moto = try await server()
        // Every call fails twice (a 503, then a throttle or a dropped connection) before it reaches
        // moto: with 3 attempts each call still succeeds.
        let proxy = try await FaultProxy(upstream: moto.endpoint) { index, _ in
            switch index % 3 {
            case 0: return .serviceUnavailable
            case 1: return index % 2 == 0 ? .throttling : .dropConnection
            default: return nil
            }
        }
        let name = "ferry-faults-\(UUID().uuidString.prefix(8).lowercased())"
        let result = try await deploy(through: proxy, moto: moto, name: name, attempts: 3)
        await proxy.stop()
        XCTAssertEqual(result.outcome, .created)
        XCTAssertGreaterThan(proxy.faultCount, 10, "faults were injected")
    }

    func testDeployGivesUpCleanlyPastTheBudget() async throws {
        let moto = try await server()
        let name = "ferry-down-\(UUID().uuidString.prefix(8).lowercased())"
        // Healthy long enough to create the change set, then the service goes away for good.
        let proxy = try await FaultProxy(upstream: moto.endpoint) { _, request in
            let body = String(decoding: request.body, as: UTF8.self)
            return body.contains("Action=ExecuteChangeSet") || body.contains("Action=DescribeStackEvents") ? .serviceUnavailable : nil
        }
        let started = Date()
        do {
            _ = try await deploy(through: proxy, moto: moto, name: name, attempts: 3)
            XCTFail("a deploy against a dead service must fail")
        } catch let error as AWSClientError {
            guard case .retriesExhausted(let attempts, let last) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(attempts, 3)
            XCTAssertTrue(last.contains("ServiceUnavailable"), last)
        }
        await proxy.stop()
        XCTAssertLessThan(Date().timeIntervalSince(started), 20, "gives up promptly")
        // Nothing was deleted: the stack from the change set is still there, untouched.
        let stack = try await CloudFormationClient(client: moto.client()).describeStack(name)
        XCTAssertEqual(stack?.status, "REVIEW_IN_PROGRESS")
    }
}
