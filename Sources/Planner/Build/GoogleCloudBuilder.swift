import Foundation
import Blueprint

/// Google Cloud and Firebase services a deployed workload's code uses (`GoogleCloudUsage`), mapped onto
/// AWS: Firebase Authentication → a Cognito user pool, Firestore / Datastore → DynamoDB tables (one per
/// collection the code names), Cloud Storage → S3 buckets, Secret Manager → Secrets Manager, Vertex AI /
/// Gemini → the Gemini API kept as an external service, Pub/Sub → SNS topics with SQS subscriptions
/// (`MessageTopicBuilder`). Each mapping records what the code must change
/// (`Blueprint.codeChanges`) and one `FERRY-PLAN-GCP-CODE` finding per service lists the files.
enum GoogleCloudBuilder {
    static let rule = "GoogleCloudBuilder"
    static let maxTables = 16

    static func run(_ ctx: PlanningContext) {
        var changes: [CodeChange] = []
        var pubsub: [MessageTopicBuilder.Use] = []
        // Code sites name files relative to the project; environment evidence is named by its key (the
        // decisions keep its position), so the plan never prints where the project sits on disk.
        for f in ctx.facts where ctx.blueprint.workload(named: f.name) != nil {
            let uses = GoogleCloudUsage.uses(of: f, projectDirectory: ctx.project.workingDirectory)
            guard !uses.isEmpty else { continue }
            var mine: [CodeChange] = []
            for use in uses {
                let decision = Decision(topic: "googleCloud." + use.product.rawValue, choice: use.product.target,
                                        reason: "the code uses \(use.product.product)", evidence: use.evidence + use.sites,
                                        alternatives: alternatives(use.product), overrideKey: use.product == .firebaseAuth ? "x-ferry.auth" : nil, rule: rule)
                var change = CodeChange(service: f.name, from: use.product.product, to: use.product.target, swaps: use.product.swaps,
                                        sites: use.evidence.map { Evidence(path: $0.path) } + use.sites, decisions: [decision])
                switch use.product {
                case .firebaseAuth:
                    if let keep = f.overrides.auth, keep != "cognito" {
                        change.to = "Firebase Authentication (external)"
                        change.swaps = ["none: tokens are verified against Firebase as before (x-ferry.auth: \(keep))"]
                        change.decisions = [Decision(topic: decision.topic, choice: "external", reason: "x-ferry.auth keeps the hosted identity provider",
                                                     source: .override, evidence: f.overrides.overrideEvidence("auth"), overrideKey: "x-ferry.auth", rule: rule)]
                    } else {
                        change.element = userPool(for: f, use, decision, ctx)
                    }
                case .firestore, .datastore: change.element = tables(for: f, use, decision, ctx)
                case .storage: change.element = buckets(for: f, use, decision, ctx)
                case .pubsub:
                    pubsub.append(MessageTopicBuilder.Use(service: f.name, shortName: ctx.blueprint.workload(named: f.name)?.shortName ?? f.name,
                                                          use: use, decision: decision))
                case .secretManager, .vertexAI, .gemini: break
                }
                mine.append(change)
            }
            // What the code must change (the Gemini API is kept as it is); files are the code's lines, not the compose file's.
            let changing = mine.filter { !$0.to.hasSuffix("(external)") }
            if !changing.isEmpty {
                ctx.verdicts[f.name]?.reasons.append("code uses " + changing.map { "\($0.from) → \($0.to)" }.joined(separator: ", "))
                let sites = changing.flatMap(\.sites).filter { $0.path.hasPrefix("build.") }
                let files = Array(Set(sites.compactMap { $0.position.map { "\($0.file):\($0.line)" } })).sorted()
                let kept = mine.filter { $0.to.hasSuffix("(external)") }.map(\.from)
                ctx.addFinding(Finding(id: "FERRY-PLAN-GCP-CODE", severity: .warning,
                                       message: "\(f.name) calls " + changing.map { "\($0.from) (→ \($0.to))" }.joined(separator: ", ") + ": its code must change"
                                           + (files.isEmpty ? "" : " in \(files.prefix(6).joined(separator: ", "))\(files.count > 6 ? ", …" : "")")
                                           + (kept.isEmpty ? "" : "; it keeps calling \(kept.joined(separator: ", "))"),
                                       subject: "services.\(f.name)", evidence: Array((sites.isEmpty ? changing.flatMap(\.sites) : sites).prefix(12)),
                                       fix: "swap the SDK calls listed under Code changes in `ferry plan --format markdown` and the guide, then redeploy"),
                               waiverFor: f.name)
            }
            changes += mine
        }
        guard !changes.isEmpty else { return }
        let elements = MessageTopicBuilder.run(pubsub, ctx)
        for i in changes.indices where changes[i].from == GoogleCloudProduct.pubsub.product {
            changes[i].element = elements[changes[i].service]
        }
        ctx.blueprint.codeChanges = changes.sorted { ($0.service, $0.from) < ($1.service, $1.from) }
    }

    static func alternatives(_ p: GoogleCloudProduct) -> [Alternative] {
        switch p {
        case .firebaseAuth:
            return [Alternative(choice: "Firebase Authentication (external)", whyNot: "works from AWS unchanged but keeps sign-in on Google; set x-ferry.auth: firebase to keep it")]
        case .firestore, .datastore:
            return [Alternative(choice: "Amazon DocumentDB", whyNot: "an always-on cluster; DynamoDB on demand fits document reads and writes by id")]
        case .storage:
            return [Alternative(choice: "keep Cloud Storage (external)", whyNot: "egress from AWS to Google on every read, and a Google key in the task")]
        case .pubsub:
            return [Alternative(choice: "Amazon MQ / MSK", whyNot: "brokers to run; SNS fan-out to SQS queues is Pub/Sub's topic/subscription model")]
        case .secretManager:
            return [Alternative(choice: "SSM Parameter Store", whyNot: "fine for plain settings; Secrets Manager is ferry's place for secret values")]
        case .vertexAI, .gemini:
            return [Alternative(choice: "Amazon Bedrock", whyNot: "other models and a rewrite of the prompts' calls; the direct API keeps the app as it is, its API key a secret")]
        }
    }

    // MARK: user pool

    static func userPool(for f: ServiceFacts, _ use: GoogleCloudUse, _ decision: Decision, _ ctx: PlanningContext) -> String {
        let name = "users"
        var pools = ctx.blueprint.userPools ?? []
        if let i = pools.firstIndex(where: { $0.name == name }) {
            pools[i].clients = Array(Set(pools[i].clients + [f.name])).sorted()
            pools[i].decisions.append(decision)
        } else {
            let prod = ctx.tier == .prod
            pools.append(UserPool(name: name, replaces: use.product.product, minimumPasswordLength: 12, mfa: "OPTIONAL", deletionProtection: prod,
                                  clients: [f.name], decisions: [
                decision,
                Decision(topic: "passwordPolicy", choice: "12+ characters, upper, lower, digit, symbol", reason: "NIST-style length with Cognito's complexity classes",
                         source: .default, rule: rule),
                Decision(topic: "mfa", choice: "OPTIONAL", reason: "users may add an authenticator app; requiring it would lock out users migrated without one",
                         source: .default, alternatives: [Alternative(choice: "ON", whyNot: "every migrated user would have to enrol before signing in")], rule: rule),
                Decision(topic: "deletionProtection", choice: String(prod), reason: prod ? "user accounts cannot be recreated: protected at prod" : "a test pool is disposable below prod",
                         source: .tier, rule: rule),
            ]))
        }
        ctx.blueprint.userPools = pools
        addEnv(f.name, "COGNITO_USER_POOL_ID", .reference(ResourceReference(kind: .userPool, name: name, attribute: "id")),
               "id of the Cognito user pool replacing \(use.product.product)", ctx)
        addEnv(f.name, "COGNITO_CLIENT_ID", .reference(ResourceReference(kind: .userPool, name: name, attribute: "client")),
               "app client id of the Cognito user pool", ctx)
        return "userPools.\(name)"
    }

    // MARK: tables

    static func tables(for f: ServiceFacts, _ use: GoogleCloudUse, _ decision: Decision, _ ctx: PlanningContext) -> String? {
        if use.names.isEmpty {
            // A DynamoDB Local the service already talks to stands in for the Firestore it used.
            if let t = ctx.blueprint.tables.first(where: { $0.clients.contains(f.name) }) { return "tables.\(t.name)" }
        }
        let collections = use.names.isEmpty ? [use.product == .firestore ? "firestore" : "datastore"] : Array(use.names.prefix(maxTables))
        var first: String?
        for collection in collections {
            let logical = Naming.shortName("\(ctx.slug)-\(collection)", project: ctx.project.name)
            first = first ?? logical
            if let i = ctx.blueprint.tables.firstIndex(where: { $0.name == logical }) {
                ctx.blueprint.tables[i].clients = Array(Set(ctx.blueprint.tables[i].clients + [f.name])).sorted()
                continue
            }
            let o = f.overrides.tables.first { $0.name == collection }
            let guessed = o == nil && use.names.isEmpty
            let pk = o?.partitionKey ?? KeyAttribute(name: guessed ? "pk" : "id")
            let sk = o?.sortKey ?? (guessed ? KeyAttribute(name: "sk") : nil)
            var decisions = [decision]
            decisions.append(Decision(topic: "tableName", choice: collection,
                                      reason: use.names.isEmpty ? "no collection name in the code: one table for the store" : "a collection the code names: one table per collection",
                                      evidence: use.sites, overrideKey: "x-ferry.tables", rule: rule))
            decisions.append(Decision(topic: "keys", choice: "\(pk.name)\(sk.map { " / \($0.name)" } ?? "")",
                                      reason: o != nil ? "keys from x-ferry" : (guessed ? "the code shows no collection: a generic pk/sk default, flagged"
                                                                                          : "a document is addressed by its id in its collection: partition key id; queries on other fields need an index"),
                                      source: o != nil ? .override : (guessed ? .default : .inferred), overrideKey: "x-ferry.tables", rule: rule))
            ctx.blueprint.tables.append(DynamoDBTable(name: logical, partitionKey: pk, sortKey: sk,
                                                      pointInTimeRecovery: ctx.defaults.pointInTimeRecovery, deletionProtection: ctx.defaults.deletionProtection,
                                                      keysAreDefault: guessed, ttlAttribute: o?.ttl, clients: [f.name], decisions: decisions))
            addEnv(f.name, "DYNAMODB_TABLE_" + envSuffix(collection), .reference(ResourceReference(kind: .table, name: logical, attribute: "name")),
                   "table replacing the \(use.product.product) collection \(collection)", ctx)
            if guessed {
                ctx.addFinding(Finding(id: "FERRY-PLAN-DEFAULT-KEYS", severity: .warning,
                                       message: "table \(logical) uses default keys pk/sk: the code does not show its collections",
                                       subject: "tables.\(logical)", evidence: use.sites,
                                       fix: "set x-ferry: {tables: [{name: <collection>, partition_key: <name>}]} on \(f.name)"), waiverFor: f.name)
            }
        }
        return first.map { "tables.\($0)" }
    }

    // MARK: buckets

    static func buckets(for f: ServiceFacts, _ use: GoogleCloudUse, _ decision: Decision, _ ctx: PlanningContext) -> String? {
        if use.names.isEmpty, let b = ctx.blueprint.buckets.first(where: { $0.writers.contains(f.name) }) { return "buckets.\(b.name)" }
        let names = use.names.isEmpty ? ["\(ctx.slug)-storage"] : use.names.map { $0.lowercased() }
        var first: String?
        for name in names {
            let logical = Naming.shortName(name, project: ctx.project.name)
            first = first ?? logical
            if let i = ctx.blueprint.buckets.firstIndex(where: { $0.name == logical }) {
                ctx.blueprint.buckets[i].readers = Array(Set(ctx.blueprint.buckets[i].readers + [f.name])).sorted()
                ctx.blueprint.buckets[i].writers = Array(Set(ctx.blueprint.buckets[i].writers + [f.name])).sorted()
                continue
            }
            let decisions = [decision, Decision(topic: "bucket", choice: name,
                                                reason: use.names.isEmpty ? "no bucket name in the code: one bucket for the service" : "a bucket the code names",
                                                evidence: use.sites, overrideKey: "x-ferry.bucket.name", rule: rule)]
            ctx.blueprint.buckets.append(Bucket(name: logical, bucketNameHint: name, lifecycle: [
                LifecycleRule(id: "archive", transitionDays: 90, transitionStorageClass: "GLACIER_IR"),
                LifecycleRule(id: "cleanup", noncurrentExpirationDays: 30, abortIncompleteUploadDays: 7),
            ], readers: [f.name], writers: [f.name], decisions: decisions))
            addEnv(f.name, "S3_BUCKET_" + envSuffix(name), .reference(ResourceReference(kind: .bucket, name: logical, attribute: "name")),
                   "bucket replacing the Cloud Storage bucket \(name) (S3 names are global: the code reads this one)", ctx)
        }
        return first.map { "buckets.\($0)" }
    }

    // MARK: env

    static func envSuffix(_ name: String) -> String {
        String(name.uppercased().map { $0.isLetter || $0.isNumber ? $0 : "_" })
    }

    /// Adds a variable to the workload unless the compose file already sets it (then its value is replaced).
    static func addEnv(_ workload: String, _ name: String, _ value: EnvValue, _ reason: String, _ ctx: PlanningContext) {
        guard let w = ctx.blueprint.workloads.firstIndex(where: { $0.name == workload }) else { return }
        let v = EnvVar(name: name, disposition: .rewritten, value: value, reason: reason, rule: rule)
        if let i = ctx.blueprint.workloads[w].environment.firstIndex(where: { $0.name == name }) {
            ctx.blueprint.workloads[w].environment[i] = v
        } else {
            ctx.blueprint.workloads[w].environment.append(v)
        }
    }
}
