import Blueprint
/// `latest` changes under you: two tasks of one service can run different code.
struct ImageLatestTag: PolicyCheck {
    let id = "FERRY-IMG-001"
    let severity = CheckSeverity.medium
    let title = "Images are pinned to a tag or digest other than latest"
    let rationale = "A moving tag makes deployments unrepeatable and rollbacks impossible; a scaled-out task may start newer code."
    let fix = "Pin the compose image to a version (postgres:16.4) or digest; built images get the commit SHA as tag (ImageTag parameter)."
    let related: [String] = []

    static func isFloating(_ image: String) -> Bool {
        if image.contains("@sha256:") { return false }
        let last = image.split(separator: "/").last.map(String.init) ?? image
        guard let colon = last.lastIndex(of: ":") else { return true }
        return last[last.index(after: colon)...] == "latest"
    }

    func evaluate(_ c: PolicyContext) -> [Violation] {
        var out: [Violation] = []
        guard c.template != nil else {
            for w in c.deployedWorkloads where w.image.build == nil {
                if let image = w.image.image, Self.isFloating(image) {
                    out.append(c.violation(service: w.name, subject: "workloads.\(w.name).image", "image \(image) floats (latest or no tag)"))
                }
            }
            return out
        }
        for (task, container) in c.containers {
            if let image = container["Image"]?.string, Self.isFloating(image) {
                out.append(c.violation(task, "container \(container["Name"]?.string ?? "?") uses image \(image)"))
            }
        }
        for p in c.template?.parameters.keys.sorted() ?? [] where p.hasSuffix("ImageTag") {
            if c.template?.parameters[p]?["Default"]?.string == "latest" {
                let service = c.serviceName(forLogicalID: p)
                out.append(Violation(subject: "template.Parameters.\(p)", message: "parameter \(p) defaults to latest",
                                     evidence: service.map(c.serviceEvidence) ?? [], service: service))
            }
        }
        return out
    }
}
