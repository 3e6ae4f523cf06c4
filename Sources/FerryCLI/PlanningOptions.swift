import ArgumentParser
import Foundation
import Blueprint
import Planner

extension Tier: ExpressibleByArgument {}

/// `--tier`, `--region` and `--environment`: the same meaning on every command that reads the
/// Blueprint (plan, generate, cost, check, guide, diagram, deploy).
public struct PlanningOptions: ParsableArguments, Sendable {
    @Option(help: "Environment tier: dev, mvp or prod (default: x-ferry.tier in the compose file, else mvp).")
    public var tier: Tier?

    @Option(help: "AWS region (default: x-ferry.region, else AWS_REGION / AWS_DEFAULT_REGION, else us-east-1).")
    public var region: String?

    @Option(name: .customLong("environment"), help: "Environment name used in resource names and tags (default: the tier).")
    public var environment: String?

    @Option(help: "Monthly cost budget in USD, alerting at 80% actual and 100% forecast spend (default: x-ferry.budget, else the tier's).")
    public var budget: Double?

    public init() {}

    public func validate() throws {
        if let r = region, !Self.isRegion(r) {
            throw ValidationError("'\(r)' is not an AWS region name (e.g. us-east-1, eu-west-1)")
        }
        if let e = environment, e.isEmpty || e.count > 32 || !e.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) {
            throw ValidationError("--environment must be 1–32 letters, digits or hyphens")
        }
        if let b = budget, !(b > 0 && b < 10_000_000) {
            throw ValidationError("--budget must be a positive amount in USD, e.g. 25")
        }
    }

    /// The planner options these flags mean. An explicit `--region` wins; then the compose
    /// file's `x-ferry.region` (applied by the planner); then `AWS_REGION`.
    public var planOptions: PlanOptions {
        var o = PlanOptions(tier: tier, region: region, environment: environment)
        o.budgetUSD = budget
        if region == nil {
            let env = ProcessInfo.processInfo.environment
            if let r = env["AWS_REGION"] ?? env["AWS_DEFAULT_REGION"], Self.isRegion(r) {
                o.region = r  // a default: x-ferry.region still wins
            }
        }
        return o
    }

    static func isRegion(_ r: String) -> Bool {
        let parts = r.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 3, parts.count <= 4, let last = parts.last, Int(last) != nil else { return false }
        return parts.dropLast().allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isLowercase } }
    }
}
