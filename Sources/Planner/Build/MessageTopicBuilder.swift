import Blueprint

/// Cloud Pub/Sub as the code uses it → SNS topics with SQS subscriptions (`Blueprint.messageTopics`).
/// Topics are the ones the code names (shared by every service naming them); a service that publishes
/// gets the topic's ARN. Each subscription the code names becomes a queue fed by its topic: the topic
/// the same line names, else the topic its name starts with, else the only topic; a service that
/// receives without naming a subscription gets `<topic>-<service>`. What the code does not show is a
/// flagged default (`FERRY-PLAN-PUBSUB-TOPIC`), never a guess left silent.
enum MessageTopicBuilder {
    static let rule = "MessageTopicBuilder"
    static let maxTopics = 16

    /// The topic a subscription is named after when no topic is in sight: `orders-sub`, `orders-worker`
    /// (the consumer's name) → `orders`.
    static func topicNamed(by subscription: String, consumer: String) -> String? {
        for suffix in ["-subscription", "_subscription", "-sub", "_sub", "-" + consumer, "_" + consumer]
        where subscription.hasSuffix(suffix) && subscription.count > suffix.count + 1 {
            return String(subscription.dropLast(suffix.count))
        }
        return nil
    }

    struct Use {
        var service: String
        var shortName: String
        var use: GoogleCloudUse
        var decision: Decision
    }

    /// Builds the topics; returns each service's element path (`messageTopics.<topic>`) for its code change.
    static func run(_ uses: [Use], _ ctx: PlanningContext) -> [String: String] {
        guard !uses.isEmpty else { return [:] }
        let named = Array(Set(uses.flatMap(\.use.names))).sorted().prefix(maxTopics)
        let defaultTopic = "\(ctx.slug)-events"
        var topics: [String: MessageTopic] = [:]
        var elements: [String: String] = [:]

        func topic(_ name: String, _ u: Use) -> String {
            if topics[name] == nil {
                let guessed = !named.contains(name)
                topics[name] = MessageTopic(name: name, replaces: "Cloud Pub/Sub topic \(name)", decisions: [
                    u.decision,
                    Decision(topic: "topic", choice: name, reason: guessed ? "the code names no topic: one topic for the app, flagged" : "a topic the code names: one SNS topic",
                             source: guessed ? .default : .inferred, evidence: u.use.sites, rule: rule),
                ])
                if guessed {
                    ctx.addFinding(Finding(id: "FERRY-PLAN-PUBSUB-TOPIC", severity: .warning,
                                           message: "\(u.service) uses Pub/Sub but its code names no topic: ferry created the topic \(name)",
                                           subject: "messageTopics.\(name)", evidence: u.use.sites,
                                           fix: "rename the topic in the template, or name it in the code (topic_path(project, \"NAME\") / topic('NAME'))"),
                                   waiverFor: u.service)
                }
            }
            elements[u.service] = elements[u.service] ?? "messageTopics.\(name)"
            return name
        }

        func subscribe(_ subscription: String, to name: String, _ u: Use, reason: String, flagged: Bool) {
            _ = topic(name, u)
            var t = topics[name]!
            if let i = t.subscriptions.firstIndex(where: { $0.name == subscription }) {
                t.subscriptions[i].consumers = Array(Set(t.subscriptions[i].consumers + [u.service])).sorted()
            } else {
                t.subscriptions.append(MessageSubscription(name: subscription, consumers: [u.service], decisions: [
                    Decision(topic: "subscription", choice: "\(subscription) ← \(name)", reason: reason, source: flagged ? .default : .inferred,
                             evidence: u.use.sites, rule: rule),
                    Decision(topic: "delivery", choice: "SQS queue, raw message delivery, 5 receives then a dead-letter queue",
                             reason: "a pull subscription's semantics: the consumer receives, then deletes what it handled; poison messages are set aside",
                             source: .default, alternatives: [Alternative(choice: "SNS → HTTPS push", whyNot: "needs a public endpoint and retries the app must absorb")], rule: rule),
                ]))
            }
            topics[name] = t
            if flagged {
                ctx.addFinding(Finding(id: "FERRY-PLAN-PUBSUB-TOPIC", severity: .warning,
                                       message: "subscription \(subscription) of \(u.service): the code does not show its topic; ferry subscribed it to \(name)",
                                       subject: "messageTopics.\(name).subscriptions.\(subscription)", evidence: u.use.sites,
                                       fix: "check the subscription's topic, or name both on one line (topic('T').subscription('S'))"),
                               waiverFor: u.service)
            }
        }

        for u in uses.sorted(by: { $0.service < $1.service }) {
            let pubsub = u.use.pubsub ?? PubSubUse()
            let mine = u.use.names.filter { named.contains($0) }
            let receives = pubsub.receives || !pubsub.subscriptions.isEmpty
            // Naming a topic without any receive call is publishing to it.
            if pubsub.publishes || !receives {
                for name in mine.isEmpty ? [defaultTopic] : mine {
                    _ = topic(name, u)
                    topics[name]!.publishers = Array(Set(topics[name]!.publishers + [u.service])).sorted()
                }
            }
            for s in pubsub.subscriptions {
                if let t = pubsub.topicOf[s] {
                    subscribe(s, to: t, u, reason: "the code names the subscription on its topic", flagged: false)
                } else if let t = named.filter({ s.hasPrefix($0) }).max(by: { $0.count < $1.count }) {
                    subscribe(s, to: t, u, reason: "the subscription's name starts with the topic's", flagged: false)
                } else if named.count == 1 {
                    subscribe(s, to: named[named.startIndex], u, reason: "the app's only topic", flagged: false)
                } else {
                    subscribe(s, to: named.first ?? topicNamed(by: s, consumer: u.shortName) ?? defaultTopic, u,
                              reason: "the code does not show the topic: flagged", flagged: true)
                }
            }
            if receives && pubsub.subscriptions.isEmpty {
                for name in mine.isEmpty ? [named.first ?? defaultTopic] : mine {
                    subscribe("\(name)-\(u.shortName)", to: name, u, reason: "\(u.service) receives from \(name) without naming a subscription: one of its own",
                              flagged: mine.isEmpty)
                }
            }
        }

        let built = topics.values.map { t -> MessageTopic in
            var t = t
            t.subscriptions.sort { $0.name < $1.name }
            return t
        }.sorted { $0.name < $1.name }
        ctx.blueprint.messageTopics = built
        for t in built {
            for p in t.publishers {
                GoogleCloudBuilder.addEnv(p, "SNS_TOPIC_ARN_" + GoogleCloudBuilder.envSuffix(t.name),
                                          .reference(ResourceReference(kind: .messageTopic, name: t.name, attribute: "arn")),
                                          "SNS topic replacing the Pub/Sub topic \(t.name)", ctx)
            }
            for s in t.subscriptions {
                for c in s.consumers {
                    GoogleCloudBuilder.addEnv(c, "SQS_QUEUE_URL_" + GoogleCloudBuilder.envSuffix(s.name),
                                              .reference(ResourceReference(kind: .queue, name: s.name, attribute: "url")),
                                              "SQS queue replacing the Pub/Sub subscription \(s.name) of \(t.name)", ctx)
                }
            }
        }
        return elements
    }
}
