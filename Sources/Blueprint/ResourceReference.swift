/// A pointer from one Blueprint element to another (or to an AWS ARN), so renderers can
/// emit `Ref`/`GetAtt` without guessing. `name` is the referenced element's `name`.
public struct ResourceReference: Sendable, Codable, Equatable, Hashable {
    public enum Kind: String, Sendable, Codable, Equatable, Hashable {
        case bucket, table, secret, parameter, logGroup, dataStore, workload, loadBalancer, topic
        case iotTopic, iotClient, repository, namespace, cluster
        /// An EFS file system (`Blueprint.fileSystems[].name`) or one of its access points (by volume name).
        case fileSystem, accessPoint
        /// A Cognito user pool (`Blueprint.userPools[].name`): attribute `id`, `client` (the app client id) or the ARN.
        case userPool
        /// An SNS topic of `Blueprint.messageTopics` (attribute `arn` or `name`).
        case messageTopic
        /// The SQS queue of a subscription of `Blueprint.messageTopics`, by subscription name
        /// (attribute `url`, `arn`, `name`; `deadLetterArn` for its dead-letter queue).
        case queue
        /// A literal ARN or ARN pattern in `name`.
        case arn
    }

    public var kind: Kind
    public var name: String
    /// What of the element: `arn`, `name`, `endpoint`, `port`, `url`, `objects` (bucket/*),
    /// `index` (table/index/*), `dns`; nil means the element itself (its ARN in a policy).
    /// A `secret` reference's attribute is the JSON key read from it (`username`, `password`,
    /// `token`). `iotClient` with attribute `endpoint` is the account's IoT data endpoint (no
    /// CloudFormation attribute exists: renderers take it as a template parameter).
    public var attribute: String?

    public init(kind: Kind, name: String, attribute: String? = nil) {
        self.kind = kind
        self.name = name
        self.attribute = attribute
    }

    public static func arn(_ arn: String) -> ResourceReference { ResourceReference(kind: .arn, name: arn) }
}
