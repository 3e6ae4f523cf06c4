import ComposeKit
import Blueprint

/// Options of a plan: the tier and region (`--tier`, `--region`), an environment name.
public struct PlanOptions: Sendable, Equatable {
    public var tier: Tier
    public var region: String
    /// Environment name used in AWS names and tags; default: the tier's name.
    public var environment: String?
    /// Whether `tier`/`region` were given explicitly (command line); otherwise `x-ferry.tier`
    /// and `x-ferry.region` in the compose file win over the defaults.
    public var tierIsExplicit: Bool
    public var regionIsExplicit: Bool
    /// Serve plain HTTP when no domain or certificate is given, at any tier (`--allow-http`). The dev
    /// tier does so without being asked; mvp and prod otherwise take a certificate parameter.
    public var allowHTTP: Bool = false
    /// Monthly budget in USD (`--budget`): wins over `x-ferry.budget` and the tier's default.
    public var budgetUSD: Double?

    public init(tier: Tier? = nil, region: String? = nil, environment: String? = nil) {
        self.tier = tier ?? .mvp
        self.region = region ?? "us-east-1"
        self.environment = environment
        tierIsExplicit = tier != nil
        regionIsExplicit = region != nil
    }
}

/// Turns a compose `Project` into a `Blueprint` by running small rules in order:
/// role rules decide what each service is; builders add the AWS elements each role needs;
/// tier rules size and protect them. Pure and deterministic; never traps on any input.
public enum Planner {
    public static func plan(_ project: Project, options: PlanOptions = PlanOptions()) -> Blueprint {
        let ctx = PlanningContext(project: project, options: options)
        RolePhase.run(ctx)
        DataStoreBuilder.run(ctx)
        WorkloadBuilder.run(ctx)
        IoTRuleDelivery.run(ctx)
        GoogleCloudBuilder.run(ctx)
        FileSystemBuilder.run(ctx)
        DataDirectoryBuckets.run(ctx)
        TrainingJobs.run(ctx)
        BindMountAdvice.run(ctx)
        GPUCapacityBuilder.run(ctx)
        CredentialOwnership.run(ctx)
        EdgeBuilder.run(ctx)
        NetworkBuilder.run(ctx)
        IdentityBuilder.run(ctx)
        GPUCapacityBuilder.attach(ctx)
        TrainingJobs.attach(ctx)
        ObservabilityBuilder.run(ctx)
        SummaryBuilder.run(ctx)
        OverlayTargets.run(ctx)
        InvariantCheck.run(ctx)
        return ctx.blueprint
    }
}
