/// The services `ferry migrate` writes to besides S3.
extension AWSService {
    public static let secretsManager = AWSService(endpointEnvironmentID: "SECRETS_MANAGER", signingName: "secretsmanager",
                                                  endpointPrefix: "secretsmanager", signingOptions: .standard)
    public static let ssm = AWSService(endpointEnvironmentID: "SSM", signingName: "ssm", endpointPrefix: "ssm",
                                       signingOptions: .standard)
}
