/// A publish/subscribe topic (Amazon SNS) and its subscriptions, each an SQS queue with a dead-letter
/// queue: the AWS shape of a Cloud Pub/Sub topic and its pull subscriptions. Publishers get the topic's
/// ARN, consumers their queue's URL; every renderer writes the same topics, queues and grants from it.
public struct MessageTopic: Sendable, Codable, Equatable {
    /// Logical name (the topic name the code used: `note-events`).
    public var name: String
    /// What it replaces, in the plan's words (`Cloud Pub/Sub topic note-events`).
    public var replaces: String
    /// Workloads that publish to it (sorted); they get `SNS_TOPIC_ARN_<NAME>`.
    public var publishers: [String]
    public var subscriptions: [MessageSubscription]
    public var decisions: [Decision]

    public init(name: String, replaces: String, publishers: [String] = [], subscriptions: [MessageSubscription] = [], decisions: [Decision] = []) {
        self.name = name
        self.replaces = replaces
        self.publishers = publishers
        self.subscriptions = subscriptions
        self.decisions = decisions
    }
}

/// One subscription of a topic: an SQS queue the consumers long-poll, fed by the topic with raw
/// message delivery (the body is the published message, as a Pub/Sub pull returns it), and a
/// dead-letter queue for messages that failed `maxReceiveCount` times.
public struct MessageSubscription: Sendable, Codable, Equatable {
    /// Logical name, unique in the Blueprint (the subscription name the code used: `note-events-worker`).
    public var name: String
    /// Workloads that receive from it (sorted); they get `SQS_QUEUE_URL_<NAME>`.
    public var consumers: [String]
    /// How long a received message stays invisible before it is delivered again (Pub/Sub's ack deadline).
    public var visibilityTimeoutSeconds: Int
    /// Receives before a message moves to the dead-letter queue (Pub/Sub's max delivery attempts).
    public var maxReceiveCount: Int
    /// Seconds an unconsumed message is kept (Pub/Sub keeps 7 days by default).
    public var retentionSeconds: Int
    public var decisions: [Decision]

    public init(name: String, consumers: [String] = [], visibilityTimeoutSeconds: Int = 60, maxReceiveCount: Int = 5,
                retentionSeconds: Int = 604_800, decisions: [Decision] = []) {
        self.name = name
        self.consumers = consumers
        self.visibilityTimeoutSeconds = visibilityTimeoutSeconds
        self.maxReceiveCount = maxReceiveCount
        self.retentionSeconds = retentionSeconds
        self.decisions = decisions
    }
}
