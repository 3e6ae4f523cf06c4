import Foundation

/// Everything a run of ferry knows about its AWS setup before talking to AWS: the environment, the
/// shared config files, the chosen profile, region, endpoint and retry settings. Built once per
/// command from flags + environment + files, then handed to `AWSClient` and the credential chain.
public struct AWSSettings: Sendable {
    public var environment: [String: String]
    public var files: SharedConfigFiles
    public var profileName: String
    /// True when `--profile` named the profile: then, as in the AWS CLI, environment keys are skipped.
    public var profileIsExplicit: Bool
    public var explicitRegion: String?
    public var explicitEndpointURL: String?

    public init(environment: [String: String] = ProcessInfo.processInfo.environment, profile: String? = nil,
                region: String? = nil, endpointURL: String? = nil, files: SharedConfigFiles? = nil) {
        self.environment = environment
        self.files = files ?? SharedConfigFiles.load(environment: environment)
        let fromEnvironment = environment["AWS_PROFILE"].flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["AWS_DEFAULT_PROFILE"].flatMap { $0.isEmpty ? nil : $0 }
        self.profileName = profile ?? fromEnvironment ?? "default"
        self.profileIsExplicit = profile != nil
        self.explicitRegion = region
        self.explicitEndpointURL = endpointURL
    }

    public var profile: [String: String] { files.profile(profileName) ?? [:] }

    /// `--region`, `AWS_REGION`, `AWS_DEFAULT_REGION`, then the profile's `region`.
    public func region() throws -> String {
        for candidate in [explicitRegion, environment["AWS_REGION"], environment["AWS_DEFAULT_REGION"], profile["region"]] {
            if let candidate, !candidate.isEmpty { return candidate }
        }
        throw AWSClientError.noRegion
    }

    /// `AWS_MAX_ATTEMPTS`, then the profile's `max_attempts`, else the standard mode's 3.
    public var maxAttempts: Int {
        for candidate in [environment["AWS_MAX_ATTEMPTS"], profile["max_attempts"]] {
            if let candidate, let value = Int(candidate.trimmingCharacters(in: .whitespaces)), value >= 1 { return value }
        }
        return 3
    }

    public var endpoints: EndpointResolver {
        EndpointResolver(explicitURL: explicitEndpointURL, environment: environment, profileEndpoint: profile["endpoint_url"])
    }
}

extension AWSClient {
    /// A client for `settings` with the standard credential chain.
    public static func make(settings: AWSSettings, retry: RetryStrategy? = nil, transport: HTTPTransport = HTTPTransport()) throws -> AWSClient {
        let region = try settings.region()
        let retry = retry ?? RetryStrategy(maxAttempts: settings.maxAttempts)
        let chain = CredentialChain(settings: settings, region: region, transport: transport, retry: retry)
        return AWSClient(region: region, credentials: chain.provider(), endpoints: settings.endpoints,
                         retry: retry, transport: transport)
    }
}
