import Blueprint
/// Switches meant for a laptop (auth bypass, debug pages) must not reach production.
struct DevOnlyFlags: PolicyCheck {
    let id = "FERRY-ENV-001"
    let severity = CheckSeverity.high
    let title = "No development-only flags in deployed environments"
    let rationale = "Flags such as DEV_BYPASS_AUTH or DEBUG=true turn off authentication or expose stack traces and debug consoles."
    let fix = "Leave the variable out of the deployed task (ferry removes known dev flags); set production values through SSM parameters."
    let related: [String] = []

    /// Names that are dev-only whatever their value.
    static let alwaysDev = ["DEV_BYPASS_AUTH", "BYPASS_AUTH", "SKIP_AUTH", "DISABLE_AUTH", "AUTH_DISABLED", "INSECURE_SKIP_VERIFY"]
    /// Name → values that mean "development".
    static let devValues: [String: Set<String>] = [
        "DEBUG": ["1", "true", "yes", "on", "*"], "FLASK_DEBUG": ["1", "true"], "DJANGO_DEBUG": ["1", "true"],
        "APP_DEBUG": ["1", "true"], "NODE_ENV": ["development", "dev"], "FLASK_ENV": ["development"],
        "RAILS_ENV": ["development"], "APP_ENV": ["development", "dev", "local"], "ENVIRONMENT": ["development", "dev", "local"],
        "ASPNETCORE_ENVIRONMENT": ["development"], "SPRING_PROFILES_ACTIVE": ["dev", "local"],
    ]

    static func isDevFlag(name: String, value: String?) -> Bool {
        let n = name.uppercased()
        if alwaysDev.contains(n) || n.hasPrefix("DEV_") && (n.contains("BYPASS") || n.contains("SKIP")) {
            return !(value.map { ["", "0", "false", "no", "off"].contains($0.lowercased()) } ?? false)
        }
        guard let values = devValues[n], let v = value?.lowercased() else { return false }
        return values.contains(v)
    }

    func evaluate(_ c: PolicyContext) -> [Violation] {
        var out: [Violation] = []
        guard c.template != nil else {
            for w in c.deployedWorkloads {
                for v in w.environment where v.disposition != .removed {
                    guard case .literal(let value) = v.value, Self.isDevFlag(name: v.name, value: value) else { continue }
                    out.append(c.violation(service: w.name, subject: "workloads.\(w.name).environment.\(v.name)",
                                           "\(v.name)=\(value) would be deployed", evidence: c.envEvidence(service: w.name, name: v.name)))
                }
            }
            return out
        }
        for (task, container) in c.containers {
            for e in container["Environment"]?.array ?? [] {
                guard let name = e["Name"]?.string else { continue }
                if Self.isDevFlag(name: name, value: e["Value"]?.string) {
                    let service = c.serviceName(forLogicalID: task.logicalID)
                    out.append(c.violation(task, "container \(container["Name"]?.string ?? "?") sets \(name)=\(e["Value"]?.string ?? "")",
                                           evidence: c.envEvidence(service: service, name: name)))
                }
            }
        }
        return out
    }
}
