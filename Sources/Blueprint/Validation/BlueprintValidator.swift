/// The Blueprint's invariants, checked once after planning. Every renderer assumes them: a
/// reference names an element that exists, the load balancer forwards to workloads that exist,
/// a public workload is reachable, names are unique. A violation is a planner defect; its
/// message names the invariant and the element (and the env rule that wrote it, when known),
/// so a failing plan says which rule to fix rather than failing later inside a renderer.
public enum BlueprintValidator {
    public struct Violation: Sendable, Equatable, CustomStringConvertible {
        /// The invariant that broke (`reference-resolves`, `public-workload-routed`…).
        public var invariant: String
        /// Where in the Blueprint (`workloads[api].environment[API_URL]`).
        public var path: String
        public var message: String
        public var description: String { "\(invariant): \(path): \(message)" }
    }

    public static func violations(of b: Blueprint) -> [Violation] {
        var out: [Violation] = []
        references(b, &out)
        loadBalancer(b, &out)
        workloads(b, &out)
        capacity(b, &out)
        uniqueNames(b, &out)
        return out
    }

    // MARK: references

    /// Every place a `ResourceReference` lives (env values, composed secrets, IAM statements and
    /// conditions, alarms, dashboard widgets, outputs), and every `EnvValue` naming a secret or
    /// parameter. A typed walk: the plan of a 57-service project checks in well under a millisecond.
    /// A new element type that holds references must be added here (`BlueprintValidatorTests` says so).
    private static func references(_ b: Blueprint, _ out: inout [Violation]) {
        let index = Index(b)
        func check(_ ref: ResourceReference, _ path: String, _ rule: String? = nil) {
            if let problem = index.problem(ref) {
                out.append(Violation(invariant: "reference-resolves", path: path, message: problem + (rule.map { " (written by \($0))" } ?? "")))
            }
        }
        func env(_ vars: [EnvVar], _ path: String) {
            for v in vars {
                let p = "\(path).environment[\(v.name)]"
                let by = v.rule.map { " (written by \($0))" } ?? ""
                switch v.value {
                case .reference(let r): check(r, p, v.rule)
                case .template(_, let parts): for k in parts.keys.sorted() { check(parts[k]!, "\(p).\(k)", v.rule) }
                case let .secret(name, _) where b.secret(named: name) == nil:
                    out.append(Violation(invariant: "reference-resolves", path: p, message: "\(v.name) names secret \(name), which is not defined" + by))
                case let .parameter(name) where b.parameter(named: name) == nil:
                    out.append(Violation(invariant: "reference-resolves", path: p, message: "\(v.name) names parameter \(name), which is not defined" + by))
                default: break
                }
            }
        }
        for w in b.workloads { env(w.environment, "workloads[\(w.name)]") }
        for s in b.services { env(s.environment, "services[\(s.name)]") }
        for s in b.secrets {
            if case .composed(_, let parts) = s.generation {
                for k in parts.keys.sorted() { check(parts[k]!, "secrets[\(s.name)].generation.\(k)") }
            }
        }
        for r in b.roles {
            for st in r.statements {
                for ref in st.resources { check(ref, "roles[\(r.name)].statements[\(st.sid)]") }
                for ref in st.condition?.values ?? [] { check(ref, "roles[\(r.name)].statements[\(st.sid)].condition") }
            }
        }
        for a in b.alarms { check(a.subject, "alarms[\(a.name)]") }
        for (i, w) in (b.dashboard?.widgets ?? []).enumerated() { check(w.subject, "dashboard.widgets[\(i)]") }
        for o in b.outputs { check(o.value, "outputs[\(o.name)]") }
    }

    /// The names each reference kind may point at.
    private struct Index {
        let b: Blueprint
        let buckets, tables, secrets, parameters, logGroups, dataStores, workloads, repositories: Set<String>

        init(_ b: Blueprint) {
            self.b = b
            buckets = Set(b.buckets.map(\.name))
            tables = Set(b.tables.map(\.name))
            secrets = Set(b.secrets.map(\.name))
            parameters = Set(b.parameters.map(\.name))
            logGroups = Set(b.logGroups.map(\.name))
            dataStores = Set(b.dataStores.map(\.name))
            workloads = Set(b.workloads.map(\.name))
            repositories = Set(b.repositories.map(\.name))
        }

        func problem(_ ref: ResourceReference) -> String? {
            let defined: Bool
            switch ref.kind {
            case .arn, .iotTopic: defined = true
            case .iotClient: defined = true  // the account's endpoint or a client ARN pattern: always resolvable
            case .bucket: defined = buckets.contains(ref.name)
            case .table: defined = tables.contains(ref.name)
            case .secret: defined = secrets.contains(ref.name)
            case .parameter: defined = parameters.contains(ref.name)
            case .logGroup: defined = logGroups.contains(ref.name)
            case .dataStore: defined = dataStores.contains(ref.name)
            case .workload: defined = workloads.contains(ref.name)
            case .repository: defined = repositories.contains(ref.name)
            case .loadBalancer: defined = ref.name == "network" ? b.networkLoadBalancer != nil : b.loadBalancer != nil
            case .topic: defined = b.alarmTopic != nil
            case .namespace: defined = b.serviceDiscovery != nil
            case .cluster: defined = b.cluster != nil
            case .fileSystem: defined = b.fileSystems.contains { $0.name == ref.name }
            case .accessPoint: defined = b.fileSystems.contains { fs in fs.accessPoints.contains { $0.name == ref.name } }
            case .userPool: defined = b.userPools?.contains { $0.name == ref.name } ?? false
            case .messageTopic: defined = b.messageTopic(named: ref.name) != nil
            case .queue: defined = b.subscription(named: ref.name) != nil
            }
            return defined ? nil : "reference to \(ref.kind.rawValue) \(ref.name), which the Blueprint does not define"
        }
    }

    // MARK: load balancer

    private static func loadBalancer(_ b: Blueprint, _ out: inout [Violation]) {
        for l in b.networkLoadBalancer?.listeners ?? [] where b.workload(named: l.workload) == nil {
            out.append(Violation(invariant: "target-group-workload", path: "networkLoadBalancer.listeners[\(l.name)]",
                                 message: "forwards to workload \(l.workload), which is not deployed"))
        }
        guard let lb = b.loadBalancer else { return }
        let groups = Set(lb.targetGroups.map(\.name))
        if lb.targetGroups.isEmpty {
            out.append(Violation(invariant: "load-balancer-has-targets", path: "loadBalancer", message: "a load balancer with no target group"))
        }
        for tg in lb.targetGroups where b.workload(named: tg.workload) == nil {
            out.append(Violation(invariant: "target-group-workload", path: "loadBalancer.targetGroups[\(tg.name)]",
                                 message: "forwards to workload \(tg.workload), which is not deployed"))
        }
        for r in lb.rules where !groups.contains(r.targetGroup) {
            out.append(Violation(invariant: "listener-rule-target", path: "loadBalancer.rules[\(r.priority)]",
                                 message: "forwards to target group \(r.targetGroup), which is not defined"))
        }
        if let d = lb.defaultTargetGroup, !groups.contains(d) {
            out.append(Violation(invariant: "listener-rule-target", path: "loadBalancer.defaultTargetGroup",
                                 message: "default target group \(d) is not defined"))
        }
        let priorities = lb.rules.map(\.priority)
        if Set(priorities).count != priorities.count {
            out.append(Violation(invariant: "listener-rule-priority", path: "loadBalancer.rules", message: "two rules share a priority"))
        }
    }

    // MARK: workloads

    private static func workloads(_ b: Blueprint, _ out: inout [Violation]) {
        let routed = Set((b.loadBalancer?.targetGroups.map(\.workload) ?? []) + (b.networkLoadBalancer?.listeners.map(\.workload) ?? []))
        for w in b.workloads {
            if w.isPublic, w.ports.isEmpty == false, !routed.contains(w.name), w.role == .web {
                out.append(Violation(invariant: "public-workload-routed", path: "workloads[\(w.name)]",
                                     message: "a public web workload that no load balancer target group reaches"))
            }
            if w.role == .web, w.ports.isEmpty {
                out.append(Violation(invariant: "web-workload-port", path: "workloads[\(w.name)]", message: "a web workload without a port"))
            }
            if b.role(named: w.taskRole) == nil {
                out.append(Violation(invariant: "workload-roles", path: "workloads[\(w.name)].taskRole", message: "task role \(w.taskRole) is not defined"))
            }
            if b.role(named: w.executionRole) == nil {
                out.append(Violation(invariant: "workload-roles", path: "workloads[\(w.name)].executionRole",
                                     message: "execution role \(w.executionRole) is not defined"))
            }
            for d in w.dependsOn where b.workload(named: d) == nil {
                out.append(Violation(invariant: "depends-on-workload", path: "workloads[\(w.name)].dependsOn",
                                     message: "depends on \(d), which is not deployed"))
            }
        }
        for s in b.services where [.ecsFargate, .ecsEc2, .ecsFargateTask].contains(s.target) && b.workload(named: s.name) == nil
            && [.web, .internal, .worker, .job].contains(s.role) {
            out.append(Violation(invariant: "service-has-workload", path: "services[\(s.name)]",
                                 message: "planned as \(s.role.rawValue) on \(s.target.rawValue) but no workload runs it"))
        }
    }

    // MARK: names

    private static func uniqueNames(_ b: Blueprint, _ out: inout [Violation]) {
        func check(_ kind: String, _ names: [String]) {
            var seen: Set<String> = []
            for n in names where !seen.insert(n).inserted {
                out.append(Violation(invariant: "unique-names", path: kind, message: "two \(kind) are named \(n)"))
            }
        }
        check("workloads", b.workloads.map(\.name))
        check("dataStores", b.dataStores.map(\.name))
        check("secrets", b.secrets.map(\.name))
        check("parameters", b.parameters.map(\.name))
        check("buckets", b.buckets.map(\.name))
        check("tables", b.tables.map(\.name))
        check("roles", b.roles.map(\.name))
        check("logGroups", b.logGroups.map(\.name))
    }
}
