import Foundation
import Blueprint

/// `x-aws-cloudformation` written for Docker's ECS integration patches resources by Docker's logical
/// IDs (`<Service>Service`, `<Service>TCP<port>TargetGroup`, `<Service>TaskRole`, `LoadBalancer`…).
/// Each one that corresponds to an element ferry generates is mapped to it; an entry that patches a
/// resource nobody generates (no `Type`, no match) is dropped with a finding, so the template stays valid.
enum OverlayTargets {
    static func run(_ ctx: PlanningContext) {
        guard case .object(var root)? = ctx.blueprint.templateOverlay, case .object(var resources)? = root["Resources"] else { return }
        let b = ctx.blueprint
        let ferryIDs = ferryLogicalIDs(b)
        var targets: [String: OverlayTarget] = [:]
        for key in resources.keys.sorted() {
            guard case .object(let entry)? = resources[key], entry["Type"] == nil, !ferryIDs.contains(key) else { continue }
            if let t = dockerTarget(key, b) {
                targets[key] = t
                continue
            }
            resources[key] = nil
            ctx.blueprint.findings.append(Finding(id: "FERRY-PLAN-OVERLAY-UNKNOWN", severity: .warning,
                message: "x-aws-cloudformation patches \(key), a resource ferry does not generate: the patch is left out",
                subject: "x-aws-cloudformation.Resources.\(key)", evidence: ctx.overrides.evidence["x-aws-cloudformation"].map { [$0] } ?? [],
                fix: "give the resource a Type to add it, or patch one of the generated resources (ferry generate shows their logical IDs)"))
        }
        root["Resources"] = .object(resources)
        ctx.blueprint.templateOverlay = .object(root)
        ctx.blueprint.templateOverlayTargets = targets.isEmpty ? nil : targets
    }

    /// Docker's resource names: the compose service name without non-alphanumerics, first letter upper.
    static func dockerName(_ service: String) -> String {
        let alnum = String(service.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) && $0.isASCII }.map(Character.init))
        return alnum.prefix(1).uppercased() + alnum.dropFirst()
    }

    static func dockerTarget(_ key: String, _ b: Blueprint) -> OverlayTarget? {
        switch key {
        case "Cluster": return b.cluster != nil ? OverlayTarget(name: "Cluster", suffix: "", fixed: true) : nil
        case "LoadBalancer": return b.loadBalancer != nil ? OverlayTarget(name: "LoadBalancer", suffix: "", fixed: true) : nil
        case "CloudMap": return b.serviceDiscovery != nil ? OverlayTarget(name: "ServiceDiscoveryNamespace", suffix: "", fixed: true) : nil
        default: break
        }
        for w in b.workloads {
            let stem = dockerName(w.name)
            guard key.hasPrefix(stem), key.count > stem.count else { continue }
            let rest = String(key.dropFirst(stem.count))
            switch rest {
            case "Service": return OverlayTarget(name: w.name, suffix: "Service")
            case "TaskDefinition": return OverlayTarget(name: w.name, suffix: "TaskDefinition")
            case "TaskRole": return OverlayTarget(name: w.taskRole, suffix: "Role")
            case "TaskExecutionRole": return OverlayTarget(name: w.executionRole, suffix: "Role")
            case "ServiceDiscoveryEntry":
                guard let d = b.serviceDiscovery?.services.first(where: { $0.workload == w.name }) else { return nil }
                return OverlayTarget(name: d.name, suffix: "DiscoveryService")
            default:
                // `TCP80TargetGroup`, `TCP80Listener`.
                guard rest.hasPrefix("TCP") else { return nil }
                if rest.hasSuffix("TargetGroup"), let tg = b.loadBalancer?.targetGroups.first(where: { $0.workload == w.name }) {
                    return OverlayTarget(name: tg.name, suffix: "TargetGroup")
                }
                if rest.hasSuffix("Listener"), b.loadBalancer != nil { return OverlayTarget(name: "HttpsListener", suffix: "", fixed: true) }
                return nil
            }
        }
        return nil
    }

    /// The logical IDs ferry's renderer gives its elements when names do not collide (`WebService`),
    /// and its singletons: an overlay written against ferry's own template keeps working.
    static func ferryLogicalIDs(_ b: Blueprint) -> Set<String> {
        TemplateResourceNames.singletons.union(TemplateResourceNames.pairs(b).map { LogicalIDs.pascal($0.name) + $0.suffix })
    }
}
