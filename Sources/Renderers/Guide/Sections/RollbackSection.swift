import Blueprint

/// How to go back at each stage, from a bad deploy to a bad cutover.
struct RollbackSection: GuideSection {
    func title(_ context: GuideContext) -> String { "Rollback plan" }

    func body(_ context: GuideContext) -> String? {
        let b = context.blueprint
        var items: [String] = []
        items.append("**Before cutover nothing changes for users**: the Compose stack keeps serving until DNS moves. "
                     + "A failed deploy rolls its change set back by itself; `ferry destroy` removes a stack you do not "
                     + "want (data stores with deletion protection are kept).")
        if let domain = b.loadBalancer?.domain {
            items.append("**DNS**: point " + Markdown.code(domain) + " back at the Compose host. With the TTL lowered to "
                         + "60 seconds a day before, most clients follow within minutes.")
        } else if b.loadBalancer != nil {
            items.append("**DNS**: point the domain back at the Compose host; lower its TTL a day before cutover so this "
                         + "takes minutes.")
        }
        if !context.deployedWorkloads.isEmpty {
            items.append("**A bad release**: `ferry rollback SERVICE` returns a service to its previous task definition "
                         + "revision (its previous image tag, through a change set shown first); `ferry rollback` returns "
                         + "the stack to the template deployed before the last one. Or rerun the deploy workflow on the "
                         + "previous commit. `ferry verify` then confirms the services, targets and health paths.")
        }
        var data: [String] = []
        if b.dataStores.contains(where: { $0.kind.isRelational }) {
            data.append("take a manual snapshot of each database before cutover (`aws rds create-db-snapshot` or "
                        + "`create-db-cluster-snapshot`); restore it to a new instance if a migration goes wrong")
        }
        if b.buckets.contains(where: \.versioning) {
            data.append("bucket versioning keeps overwritten and deleted objects")
        }
        if b.tables.contains(where: \.pointInTimeRecovery) {
            data.append("DynamoDB point-in-time recovery restores a table to any second of the last 35 days")
        }
        if !data.isEmpty {
            items.append("**Data**: " + data.joined(separator: "; ") + ".")
        }
        if !b.dataStores.isEmpty || !b.buckets.isEmpty || !b.tables.isEmpty {
            items.append("**After cutover, writes land on AWS only**: rolling back later means copying that data back "
                         + "to the Compose stack (the step 7 commands in reverse). Decide in advance how long the "
                         + "rollback window is, and keep the Compose volumes until it closes.")
        }
        if b.iot != nil {
            items.append("**Devices**: keep the MQTT broker running during the transition; devices that fail to "
                         + "connect to AWS IoT Core can be pointed back to it.")
        }
        return items.enumerated().map { "\($0.offset + 1). " + $0.element }.joined(separator: "\n")
    }
}

/// Ways to spend less, chosen for what this Blueprint holds (a tip that does not apply is left out).
struct SavingsSection: GuideSection {
    func title(_ context: GuideContext) -> String { "Reducing cost further" }

    func body(_ context: GuideContext) -> String? {
        let b = context.blueprint
        var tips: [String] = []
        if let savings = context.cost?.deltas.filter({ $0.monthlyChange < 0 }), !savings.isEmpty {
            for delta in savings {
                tips.append(Markdown.escape(delta.decision) + ": " + GuideContext.signedDollars(delta.monthlyChange)
                            + " a month" + (delta.overrideKey.map { " (" + Markdown.code($0) + ")" } ?? "") + ".")
            }
        }
        let workers = context.deployedWorkloads.filter { $0.role == .worker || $0.role == .job }
        let spotPriced = context.cost?.deltas.contains { $0.decision.mentionsSpot } ?? false
        if !workers.isEmpty && !(b.cluster?.spotForWorkers ?? false) && !spotPriced {
            tips.append("Run workers and jobs on Fargate Spot (up to 70 % cheaper; they must tolerate interruption): "
                        + workers.map { Markdown.code($0.shortName) }.joined(separator: ", ") + ".")
        }
        if !context.deployedWorkloads.isEmpty {
            let armPriced = context.cost?.deltas.contains { $0.decision.lowercased().contains("graviton") } ?? false
            tips.append("Right-size tasks after a week of CPU and memory metrics: most services start over-sized."
                        + (armPriced ? "" : " ARM64 (Graviton) Fargate tasks cost about 20 % less if the images build for `linux/arm64`."))
            tips.append("A Compute Savings Plan for the steady Fargate baseline saves up to about 50 % on a 1- or 3-year term.")
        }
        if b.network.natGatewayCount > 1 {
            tips.append("One NAT gateway instead of one per Availability Zone saves one gateway's hours per extra AZ, "
                        + "at the cost of egress depending on one AZ (the `mvp` tier's choice).")
        }
        if b.network.natGatewayCount > 0 {
            if !b.network.endpoints.contains(where: { $0.service == "s3" }) {
                tips.append("An S3 gateway endpoint is free and keeps image layers and bucket traffic off the NAT gateway.")
            }
        }
        if b.dataStores.contains(where: { $0.multiAZ && $0.kind.isRelational }) {
            tips.append("Outside production, a single-AZ database halves the database bill (`--tier mvp`).")
        }
        if b.dataStores.contains(where: { $0.kind.isRelational }) {
            tips.append("Reserved instances for the database save about 30–40 % once the size is stable; "
                        + "Aurora Serverless v2 suits spiky or mostly idle databases.")
        }
        if b.dataStores.contains(where: \.kind.isCache) {
            let smallest = b.dataStores.filter(\.kind.isCache).allSatisfy { $0.instanceClass.hasSuffix(".micro") }
            if !smallest {
                tips.append("If the cache holds little, a `cache.t4g.micro` node or ElastiCache Serverless may be enough.")
            }
        }
        if !b.logGroups.isEmpty {
            let longest = b.logGroups.map(\.retentionDays).max() ?? 0
            tips.append("Log retention is \(longest) days; shorter retention and less verbose production logging "
                        + "(`LOG_LEVEL=info` or `warn`) cut CloudWatch Logs cost.")
        }
        if !b.buckets.isEmpty {
            tips.append("S3 Intelligent-Tiering or lifecycle transitions move cold objects to cheaper storage classes.")
        }
        if b.tier != .dev {
            tips.append("Stop non-production environments at night: `dev` tier stacks with desired counts of 0 cost "
                        + "little more than their data stores.")
        }
        guard !tips.isEmpty else { return nil }
        return tips.map { "- " + $0 }.joined(separator: "\n")
    }
}

private extension String {
    var mentionsSpot: Bool { lowercased().contains("spot") }
}
