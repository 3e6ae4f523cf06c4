/// An AWS IoT topic rule delivering device messages to the service that read them from the broker:
/// into an SQS queue that service polls (with a dead-letter queue for what it cannot take), or to an
/// HTTPS ingest route of its load balancer.
public struct IoTTopicRule: Sendable, Codable, Equatable {
    public enum Action: String, Sendable, Codable, Equatable { case sqs, https }

    /// The rule's name (`[a-zA-Z0-9_]`, unique in the account and region).
    public var name: String
    /// The MQTT topic filter the rule selects (`asculticor/+/#`).
    public var topicFilter: String
    /// IoT SQL (version 2016-03-23): the message plus its topic and the device's client id.
    public var sql: String
    /// The workload the messages are for (it subscribed on the broker).
    public var workload: String
    public var action: Action
    /// SQS: the queue the workload polls and its dead-letter queue (also the rule's error action).
    public var queueName: String?
    public var deadLetterQueueName: String?
    /// HTTPS: the load-balancer path of the workload's ingest route.
    public var path: String?
    public var decisions: [Decision]

    public init(name: String, topicFilter: String, sql: String, workload: String, action: Action,
                queueName: String? = nil, deadLetterQueueName: String? = nil, path: String? = nil, decisions: [Decision] = []) {
        self.name = name
        self.topicFilter = topicFilter
        self.sql = sql
        self.workload = workload
        self.action = action
        self.queueName = queueName
        self.deadLetterQueueName = deadLetterQueueName
        self.path = path
        self.decisions = decisions
    }
}
