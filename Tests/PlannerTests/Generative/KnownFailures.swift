import Foundation

/// Failure classes already reduced to a regression fixture (Fixtures/Generative) and waiting for a
/// planner or renderer fix. The generative test reports them but passes; `FERRY_KNOWN_FAILURES=1`
/// makes them fail again.
enum KnownFailures {
    /// Substrings of a failure class, each with the fixture that reproduces it.
    static let classes: [(substring: String, fixture: String)] = [
        // ResourceCounter leaves out the role EventBridge assumes to run a scheduled task.
        ("resource count AWS::IAM::Role: plan N, template N", "scheduled-worker-role-count"),
        // `role: web` with `schedule`: counted as a scheduled rule, rendered as a service without one.
        ("resource count AWS::Events::Rule: plan N, template N", "web-schedule-events-rule"),
        // An app's variable naming ZooKeeper (folded into the Kafka mapping) points at a data store that is not planned.
        ("reference to dataStore zookeeper", "zookeeper-client-reference"),
        // A connection URL with a literal password, to a service that is not deployed (`target: none`,
        // `role: devtool`), is kept as plain text in the template and the Blueprint.
        ("contains the value of a secret", "url-secret-external-datastore"),
        ("contains the value of a secret", "url-secret-devtool-broker"),
        // `role: proxy` on a service with no readable configuration, and a browser URL to it: no public load balancer.
        ("reference to loadBalancer public", "proxy-role-browser-url-load-balancer"),
        // Two S3-compatible stores and one `S3_BUCKET` value: both become the same bucket's logical ID.
        ("is defined twice", "two-object-stores-one-bucket"),
        ("resource count AWS::S3::Bucket", "two-object-stores-one-bucket"),
        // `role: internal` with `target: s3` on a datastore image: counted as an autoscaled service, rendered as a bucket.
        ("resource count AWS::ApplicationAutoScaling::", "autoscaling-internal-s3-target"),
    ]

    /// Whether the regression test skips `fixture` (a known failure, and `FERRY_KNOWN_FAILURES` unset).
    static func skips(fixture: String) -> Bool {
        ProcessInfo.processInfo.environment["FERRY_KNOWN_FAILURES"] != "1" && classes.contains { $0.fixture == fixture }
    }

    /// Known, unless `FERRY_KNOWN_FAILURES=1` asks for every failure.
    @Sendable static func isKnown(_ failureClass: String) -> Bool {
        guard ProcessInfo.processInfo.environment["FERRY_KNOWN_FAILURES"] != "1" else { return false }
        return classes.contains { failureClass.contains($0.substring) }
    }
}
