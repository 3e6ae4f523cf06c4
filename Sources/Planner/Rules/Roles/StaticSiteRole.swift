import ComposeKit
import Blueprint

/// A web server that only serves files (nginx/httpd/caddy with a document root mounted and
/// no upstream it proxies to) → S3 + CloudFront.
struct StaticSiteRole: RoleRule {
    let name = "StaticSiteRole"
    static let documentRoots = ["/usr/share/nginx/html", "/var/www", "/srv", "/usr/local/apache2/htdocs", "/app/public", "/public"]

    func decide(_ f: ServiceFacts, _ ctx: PlanningContext) -> RoleVerdict? {
        guard f.technology?.technology == .proxy else { return nil }
        guard let root = f.service.volumes.first(where: { m in
            m.type == .bind && Self.documentRoots.contains { m.target == $0 || m.target.hasPrefix($0 + "/") }
        }) else { return nil }
        // Proxying to other services (network references in env or command) means routing, not static.
        let upstreams = ctx.graph.callees(of: f.name).filter { $0.isNetworkCall && !$0.viaHostPort }
        guard upstreams.isEmpty else { return nil }
        let idx = f.service.volumes.firstIndex(where: { $0 == root }) ?? 0
        return Verdicts.make(.static, .cloudfrontS3, rule: name,
                             reason: "\(f.image?.name ?? "web server") serves files mounted at \(root.target) and proxies to no service → S3 bucket behind CloudFront",
                             evidence: [f.evidence("volumes[\(idx)]", "\(root.source.map { WorkloadBuilder.relative($0, to: ctx.project.workingDirectory) } ?? ""):\(root.target)")],
                             alternatives: [Alternative(choice: "ecs-fargate", whyNot: "a container to serve static files costs more and scales worse than CloudFront")],
                             isPublic: true)
    }
}
