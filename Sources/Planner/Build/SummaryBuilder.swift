import ComposeKit
import Blueprint

/// Final pass: a `ServicePlan` per compose service, tags, outputs, findings for unknown
/// override keys and non-portable settings, and a stable order for everything.
enum SummaryBuilder {
    static func run(_ ctx: PlanningContext) {
        var plans: [ServicePlan] = []
        for f in ctx.facts {
            guard let v = ctx.verdicts[f.name] else { continue }
            var reasons = v.reasons
            if let instead = v.instead, v.role == .devtool || v.role == .`init` || v.role == .proxy, !reasons.contains(where: { $0.contains(instead) }) { reasons.append("instead: \(instead)") }
            var dropped = DroppedKeys.of(f, role: v.role, projectDirectory: ctx.project.workingDirectory)
            for i in dropped.indices {
                guard let bucket = ctx.directoryBuckets["\(f.name)/\(dropped[i].key)"] else { continue }
                dropped[i].instead = "its files are in the S3 bucket \(bucket) (DataDirectoryBuckets): copy them with ferry migrate objects"
            }
            let isPublic = v.role == .web || v.role == .static ? v.isPublic || v.role == .static : false
            plans.append(ServicePlan(name: f.name, role: v.role, target: v.target, isPublic: isPublic, reasons: reasons, dropped: dropped,
                                     element: ctx.elements[f.name], environment: ctx.serviceEnv[f.name] ?? [], decisions: v.decisions))
            for k in f.overrides.unknownKeys {
                ctx.addFinding(Finding(id: "FERRY-PLAN-UNKNOWN-OVERRIDE", severity: .warning, message: "\(k) is not an x-ferry key ferry understands: ignored",
                                       subject: k, fix: "see docs/OVERRIDES.md for the keys and their values"))
            }
            if f.service.privileged {
                ctx.addFinding(Finding(id: "FERRY-PLAN-PRIVILEGED", severity: v.role == .devtool ? .info : .warning,
                                       message: "\(f.name) runs privileged locally; Fargate cannot", subject: "services.\(f.name).privileged",
                                       evidence: [f.evidence("privileged", "true")], fix: "remove the need for privileged mode"), waiverFor: f.name)
            }
        }
        for k in ctx.overrides.unknownKeys {
            ctx.addFinding(Finding(id: "FERRY-PLAN-UNKNOWN-OVERRIDE", severity: .warning, message: "\(k) is not an x-ferry key ferry understands: ignored",
                                   subject: k, fix: "see docs/OVERRIDES.md for the keys and their values"))
        }
        for p in ctx.externalPlans where !plans.contains(where: { $0.name == p.name }) { plans.append(p) }
        var b = ctx.blueprint
        b.services = plans.sorted { $0.name < $1.name }

        // Tags.
        var tags = [Tag(key: "Project", value: ctx.slug), Tag(key: "Environment", value: ctx.environment), Tag(key: "ManagedBy", value: "ferry")]
        for t in ctx.overrides.tags where !tags.contains(where: { $0.key == t.key }) { tags.append(t) }
        b.tags = tags.sorted { $0.key < $1.key }

        // Outputs.
        var outputs: [OutputSpec] = []
        if b.loadBalancer != nil {
            outputs.append(OutputSpec(name: "LoadBalancerURL", description: "Public URL of the application", value: ResourceReference(kind: .loadBalancer, name: "public", attribute: "url")))
        }
        if let nlb = b.networkLoadBalancer {
            outputs.append(OutputSpec(name: "NetworkLoadBalancerDNS", description: "DNS name for \(nlb.listeners.map { "\($0.port)/\($0.proto.lowercased())" }.joined(separator: ", "))",
                                      value: ResourceReference(kind: .loadBalancer, name: "network", attribute: "dns")))
        }
        if let c = b.cluster { outputs.append(OutputSpec(name: "ClusterName", description: "ECS cluster", value: ResourceReference(kind: .cluster, name: c.name, attribute: "name"))) }
        for s in b.dataStores {
            outputs.append(OutputSpec(name: LogicalIDs.pascal(s.name) + "Endpoint", description: "\(s.name) endpoint (\(s.kind.rawValue))",
                                      value: ResourceReference(kind: .dataStore, name: s.name, attribute: "endpoint")))
        }
        // A restore from inside the VPC (`ferry migrate postgres|mysql --in-vpc`) runs where a client of the
        // database runs: its subnets and security group, the execution role that reads its secrets, its log group.
        for s in b.dataStores where s.kind.isRelational {
            guard let secret = s.credentialsSecret, let w = b.workloads.filter({ s.clients.contains($0.name) && ($0.target.isECSService || $0.target == .ecsFargateTask) && $0.securityGroup != nil }).sorted(by: { $0.name < $1.name }).first
            else { continue }
            let stem = LogicalIDs.pascal(s.name)
            outputs.append(OutputSpec(name: stem + "MigrationNetwork", description: "Where a one-off task reaches \(s.name) (ferry migrate --in-vpc)",
                                      value: ResourceReference(kind: .workload, name: w.name, attribute: "networkConfiguration")))
            outputs.append(OutputSpec(name: stem + "MigrationExecutionRole", description: "Execution role of a one-off task for \(s.name)",
                                      value: ResourceReference(kind: .workload, name: w.name, attribute: "executionRole")))
            outputs.append(OutputSpec(name: stem + "MigrationLogGroup", description: "Log group of a one-off task for \(s.name)",
                                      value: ResourceReference(kind: .logGroup, name: w.logGroup, attribute: "name")))
            outputs.append(OutputSpec(name: stem + "CredentialsSecret", description: "Secret with the user name and password of \(s.name)",
                                      value: ResourceReference(kind: .secret, name: secret)))
        }
        for bk in b.buckets {
            outputs.append(OutputSpec(name: LogicalIDs.pascal(bk.name) + "Bucket", description: "S3 bucket \(bk.name)", value: ResourceReference(kind: .bucket, name: bk.name, attribute: "name")))
        }
        for t in b.tables {
            outputs.append(OutputSpec(name: LogicalIDs.pascal(t.name) + "Table", description: "DynamoDB table \(t.name)", value: ResourceReference(kind: .table, name: t.name, attribute: "name")))
        }
        for r in b.repositories {
            outputs.append(OutputSpec(name: LogicalIDs.pascal(r.name) + "Repository", description: "ECR repository for \(r.workload)",
                                      value: ResourceReference(kind: .repository, name: r.name, attribute: "uri")))
        }
        // One-off jobs (migrations): what `aws ecs run-task` needs, so a pipeline can start them after a deploy.
        for w in b.workloads where w.role == .job && w.target == .ecsFargateTask && w.schedule == nil {
            let stem = LogicalIDs.pascal(w.shortName)
            outputs.append(OutputSpec(name: stem + "TaskDefinition", description: "Task definition of the one-off job \(w.name) (aws ecs run-task --task-definition)",
                                      value: ResourceReference(kind: .workload, name: w.name, attribute: "taskDefinition")))
            outputs.append(OutputSpec(name: stem + "NetworkConfiguration", description: "Network of the one-off job \(w.name) (aws ecs run-task --network-configuration)",
                                      value: ResourceReference(kind: .workload, name: w.name, attribute: "networkConfiguration")))
        }
        b.outputs = outputs.sorted { $0.name < $1.name }

        // Docker's ECS-integration keys that point at existing infrastructure.
        for (key, e) in ctx.overrides.evidence.sorted(by: { $0.key < $1.key }) where key.hasPrefix("x-aws-") {
            b.decisions.append(Decision(topic: key, choice: e.value ?? "set", reason: "Docker ECS integration key honoured", source: .override, evidence: [e], overrideKey: key, rule: "DockerECSKeys"))
        }
        b.templateOverlay = ctx.overrides.templateOverlay
        b.decisions.append(Decision(topic: "tier", choice: ctx.tier.rawValue,
                                    reason: ctx.options.tierIsExplicit ? "--tier" : (ctx.overrides.tier != nil ? "x-ferry.tier" : "default tier"),
                                    source: ctx.options.tierIsExplicit || ctx.overrides.tier != nil ? .override : .default, overrideKey: "x-ferry.tier", rule: "Planner"))
        b.decisions.append(Decision(topic: "region", choice: ctx.region,
                                    reason: ctx.options.regionIsExplicit ? "--region" : (ctx.overrides.region != nil ? "x-ferry.region" : "default region"),
                                    source: ctx.options.regionIsExplicit || ctx.overrides.region != nil ? .override : .default, overrideKey: "x-ferry.region", rule: "Planner"))
        let total = ResourceCounter.total(b)
        if total > 450 {
            ctx.addFinding(Finding(id: "FERRY-PLAN-STACK-SIZE", severity: .info, message: "the plan needs about \(total) CloudFormation resources: the template is split into nested stacks",
                                   subject: "project", fix: "nothing to do; deploy the parent stack"))
        }

        // Stable order.
        b.workloads.sort { $0.name < $1.name }
        b.repositories.sort { $0.name < $1.name }
        b.dataStores.sort { $0.name < $1.name }
        b.buckets.sort { $0.name < $1.name }
        b.tables.sort { $0.name < $1.name }
        b.secrets.sort { $0.name < $1.name }
        b.parameters.sort { $0.name < $1.name }
        b.roles.sort { $0.name < $1.name }
        b.logGroups.sort { $0.name < $1.name }
        b.findings = ctx.findings.sorted { a, b in
            a.severity != b.severity ? a.severity > b.severity : (a.id, a.subject, a.message) < (b.id, b.subject, b.message)
        }
        ctx.blueprint = b
    }
}
