/// What the client needs to know about a service: how to sign for it, where it lives, and the name
/// the AWS CLI uses for its `AWS_ENDPOINT_URL_<SERVICE>` variable.
public struct AWSService: Sendable, Equatable {
    /// The service id of the CLI's endpoint variables, e.g. `CLOUDFORMATION`, `S3`, `STS`.
    public var endpointEnvironmentID: String
    public var signingName: String
    public var endpointPrefix: String
    public var signingOptions: SigV4.Options

    public init(endpointEnvironmentID: String, signingName: String, endpointPrefix: String, signingOptions: SigV4.Options) {
        self.endpointEnvironmentID = endpointEnvironmentID
        self.signingName = signingName
        self.endpointPrefix = endpointPrefix
        self.signingOptions = signingOptions
    }

    public static let cloudFormation = AWSService(endpointEnvironmentID: "CLOUDFORMATION", signingName: "cloudformation",
                                                  endpointPrefix: "cloudformation", signingOptions: .standard)
    public static let sts = AWSService(endpointEnvironmentID: "STS", signingName: "sts", endpointPrefix: "sts",
                                       signingOptions: .standard)
    public static let s3 = AWSService(endpointEnvironmentID: "S3", signingName: "s3", endpointPrefix: "s3",
                                      signingOptions: .s3)
    public static let ecs = AWSService(endpointEnvironmentID: "ECS", signingName: "ecs", endpointPrefix: "ecs",
                                       signingOptions: .standard)
}
