import Blueprint
import Planner

/// ferry's own ways to give a parameter, shown under the generic `--parameters` advice when a deploy
/// stops before creating anything.
enum DeployHints {
    static func parameters(_ blueprint: Blueprint?) -> [String: [String]] {
        guard let lb = blueprint?.loadBalancer, case .parameter(let name) = lb.certificate else { return [:] }
        return [name: [
            "or set x-ferry.domain: app.example.com in the compose file: the stack requests an ACM certificate for it (give HostedZoneId to validate it automatically)",
            "or set x-ferry.certificate: arn:aws:acm:… to use a certificate you already have",
            "or serve plain HTTP on the load balancer's DNS name for now: --allow-http (or --tier dev); adding a domain later switches to HTTPS in a normal update",
        ]]
    }
}
