import Foundation
import Blueprint

/// Code the app must change because a cloud service it calls (Google Cloud, Firebase) is replaced by an
/// AWS one: per service, the calls to swap and the lines that use the old SDK; then what the new Cognito
/// user pools mean for existing users. Absent when the code calls nothing that is replaced.
struct CodeChangesSection: GuideSection {
    /// The variable the planner gave the tasks for `reference` (`SNS_TOPIC_ARN_ORDERS`).
    static func variable(for reference: ResourceReference, in b: Blueprint) -> String {
        b.workloads.lazy.flatMap(\.environment).first { $0.value == .reference(reference) }?.name ?? reference.name
    }

    func title(_ context: GuideContext) -> String { "Code changes" }

    func body(_ context: GuideContext) -> String? {
        let b = context.blueprint
        guard let changes = b.codeChanges, !changes.isEmpty else { return nil }
        var out = ["ferry changes no code. These services call Google Cloud or Firebase; on AWS they call what replaces it."]
        for c in changes {
            out.append("")
            out.append("### \(c.service): \(c.from) → \(c.to)")
            out.append("")
            if let e = c.element { out.append("Replaced by `\(e)`.\n") }
            out += c.swaps.map { "- " + $0 }
            let sites = c.sites.map { e in
                e.position.map { "- `\($0.file):\($0.line)`" + (e.value.map { " — `\($0.replacingOccurrences(of: "`", with: "'"))`" } ?? "") } ?? "- `\(e.path)`"
            }
            if !sites.isEmpty { out += ["", "Seen in:", ""] + sites }
        }
        for pool in b.userPools ?? [] {
            out.append("")
            out.append("### Users in the Cognito user pool `\(pool.name)`")
            out.append("")
            out.append("The pool replaces \(pool.replaces) and starts empty. Export the users (`firebase auth:export users.json`) and "
                       + "import them with a Cognito user import job, or add a user-migration Lambda trigger that signs each user in "
                       + "against \(pool.replaces) once and copies them: Firebase's scrypt password hashes cannot be imported. "
                       + "Sign-in is by email; passwords need \(pool.minimumPasswordLength)+ characters with upper and lower case, a digit "
                       + "and a symbol; MFA is \(pool.mfa.lowercased()). The tasks of \(pool.clients.joined(separator: ", ")) get "
                       + "`COGNITO_USER_POOL_ID` and `COGNITO_CLIENT_ID`\(pool.deletionProtection ? "; the pool is protected from deletion" : "").")
        }
        for topic in b.messageTopics ?? [] {
            out.append("")
            out.append("### Messages on the SNS topic `\(topic.name)`")
            out.append("")
            let env = Self.variable(for: ResourceReference(kind: .messageTopic, name: topic.name, attribute: "arn"), in: b)
            out.append(topic.publishers.isEmpty
                       ? "Nothing in the project publishes to it: publish with `sns.publish(TopicArn=…)`."
                       : "\(topic.publishers.joined(separator: ", ")) \(topic.publishers.count == 1 ? "publishes" : "publish") with `sns.publish(TopicArn=os.environ[\"\(env)\"], Message=data)`; "
                         + "Pub/Sub attributes become `MessageAttributes`.")
            for s in topic.subscriptions {
                let queue = Self.variable(for: ResourceReference(kind: .queue, name: s.name, attribute: "url"), in: b)
                out.append("- Subscription `\(s.name)` → an SQS queue (\(s.consumers.joined(separator: ", ")) \(s.consumers.count == 1 ? "reads" : "read") `\(queue)`): receive with a "
                           + "20-second long poll, handle, then delete; a message not deleted within \(s.visibilityTimeoutSeconds) s is delivered again, "
                           + "and after \(s.maxReceiveCount) receives it moves to the dead-letter queue. Delivery is raw: the body is the message as published. "
                           + "Messages still in the Pub/Sub subscription are not moved: drain it before switching.")
            }
        }
        return out.joined(separator: "\n")
    }
}
