import Foundation

/// The AWS CLI's credential chain, first match wins:
/// 1. environment (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`), skipped when
///    `--profile` names a profile;
/// 2. web identity (`AWS_WEB_IDENTITY_TOKEN_FILE` + `AWS_ROLE_ARN`, GitHub Actions' OIDC);
/// 3. the profile in the shared files: `role_arn` (with `source_profile`, `credential_source` or
///    `web_identity_token_file`), `credential_process`, static keys, then IAM Identity Center (SSO)
///    with the token `aws sso login` cached;
/// 4. ECS container credentials (`AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` / `_FULL_URI`);
/// 5. EC2 instance metadata (IMDSv2).
public struct CredentialChain: Sendable {
    public var settings: AWSSettings
    public var region: String
    public var transport: HTTPTransport
    public var retry: RetryStrategy

    public init(settings: AWSSettings, region: String, transport: HTTPTransport = HTTPTransport(), retry: RetryStrategy = RetryStrategy()) {
        self.settings = settings
        self.region = region
        self.transport = transport
        self.retry = retry
    }

    public func provider() -> CachingCredentialProvider {
        let chain = self
        return CachingCredentialProvider { try await chain.resolve() }
    }

    /// The sources in order, for `resolve` and for tests that check the order.
    var sources: [any CredentialSource] {
        var list: [any CredentialSource] = []
        if !settings.profileIsExplicit { list.append(EnvironmentCredentials(environment: settings.environment)) }
        list.append(WebIdentityCredentials(environment: settings.environment, sts: { [self] in self.stsClient($0) }))
        list.append(ProfileCredentials(chain: self, profileName: settings.profileName, required: settings.profileIsExplicit))
        list.append(ContainerCredentials(environment: settings.environment, transport: metadataTransport))
        list.append(InstanceMetadataCredentials(environment: settings.environment, transport: metadataTransport))
        return list
    }

    public func resolve() async throws -> AWSCredentials {
        for source in sources {
            if let found = try await source.load() { return found }
        }
        throw AWSClientError.noCredentials("tried " + sources.map(\.name).joined(separator: ", "))
    }

    /// Metadata endpoints answer in milliseconds when present; off AWS they never answer, so wait little.
    var metadataTransport: HTTPTransport {
        var short = transport
        short.timeout = .seconds(2)
        return short
    }

    /// An STS client signing with `credentials` (nil for the unsigned web identity call).
    func stsClient(_ credentials: AWSCredentials?) -> STSClient {
        let provider: any AWSCredentialProvider = credentials.map { StaticCredentialProvider($0) }
            ?? StaticCredentialProvider(AWSCredentials(accessKeyID: "", secretAccessKey: "", source: "none"))
        let stsRegion = settings.profile["region"].flatMap { $0.isEmpty ? nil : $0 } ?? region
        return STSClient(client: AWSClient(region: stsRegion, credentials: provider, endpoints: settings.endpoints,
                                           retry: retry, transport: transport))
    }

    static func sessionName() -> String { "ferry-\(Int(Date().timeIntervalSince1970))" }
}

struct EnvironmentCredentials: CredentialSource {
    let environment: [String: String]
    var name: String { "environment" }

    func load() async throws -> AWSCredentials? {
        guard let key = environment["AWS_ACCESS_KEY_ID"], !key.isEmpty else { return nil }
        guard let secret = environment["AWS_SECRET_ACCESS_KEY"], !secret.isEmpty else {
            throw AWSClientError.credentialSource("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not")
        }
        let token = (environment["AWS_SESSION_TOKEN"] ?? environment["AWS_SECURITY_TOKEN"]).flatMap { $0.isEmpty ? nil : $0 }
        return AWSCredentials(accessKeyID: key, secretAccessKey: secret, sessionToken: token, source: name)
    }
}

struct WebIdentityCredentials: CredentialSource {
    let environment: [String: String]
    let sts: @Sendable (AWSCredentials?) -> STSClient
    var name: String { "web identity" }

    func load() async throws -> AWSCredentials? {
        guard let file = environment["AWS_WEB_IDENTITY_TOKEN_FILE"], !file.isEmpty,
              let role = environment["AWS_ROLE_ARN"], !role.isEmpty else { return nil }
        return try await Self.assume(tokenFile: file, roleARN: role,
                                     sessionName: environment["AWS_ROLE_SESSION_NAME"], sts: sts(nil))
    }

    static func assume(tokenFile: String, roleARN: String, sessionName: String?, sts: STSClient) async throws -> AWSCredentials {
        guard let token = try? String(contentsOfFile: tokenFile, encoding: .utf8) else {
            throw AWSClientError.credentialSource("cannot read web identity token file \(tokenFile)")
        }
        return try await sts.assumeRoleWithWebIdentity(roleARN: roleARN,
                                                       sessionName: sessionName ?? CredentialChain.sessionName(),
                                                       token: token.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}

struct ProfileCredentials: CredentialSource {
    let chain: CredentialChain
    let profileName: String
    let required: Bool
    var name: String { "profile \(profileName)" }

    func load() async throws -> AWSCredentials? {
        guard chain.settings.files.profile(profileName) != nil else {
            if required { throw AWSClientError.credentialSource("profile '\(profileName)' not found in ~/.aws/config or ~/.aws/credentials") }
            return nil
        }
        return try await resolve(profileName, visited: [])
    }

    private func resolve(_ profileName: String, visited: [String]) async throws -> AWSCredentials? {
        guard let profile = chain.settings.files.profile(profileName) else {
            throw AWSClientError.credentialSource("profile '\(profileName)' (a source_profile of '\(visited.last ?? self.profileName)') not found")
        }
        if visited.contains(profileName) {
            throw AWSClientError.credentialSource("source_profile loop: \((visited + [profileName]).joined(separator: " → "))")
        }
        // A source profile with its own keys uses them even if it also has role_arn (as the CLI does).
        let isSource = !visited.isEmpty
        if let role = profile["role_arn"], !role.isEmpty, !(isSource && hasStaticKeys(profile)) {
            return try await assumeRole(role, profile: profile, profileName: profileName, visited: visited)
        }
        if let command = profile["credential_process"], !command.isEmpty {
            return try await CredentialProcess.run(command, profile: profileName)
        }
        if hasStaticKeys(profile), let key = profile["aws_access_key_id"], let secret = profile["aws_secret_access_key"] {
            let token = profile["aws_session_token"].flatMap { $0.isEmpty ? nil : $0 }
            return AWSCredentials(accessKeyID: key, secretAccessKey: secret, sessionToken: token, source: "profile \(profileName)")
        }
        if SSOCredentials.isSSOProfile(profile) {
            return try await SSOCredentials(profileName: profileName, profile: profile, files: chain.settings.files,
                                            environment: chain.settings.environment, transport: chain.transport).load()
        }
        if isSource {
            throw AWSClientError.credentialSource("source_profile '\(profileName)' has no credentials")
        }
        return nil
    }

    private func hasStaticKeys(_ profile: [String: String]) -> Bool {
        !(profile["aws_access_key_id"] ?? "").isEmpty && !(profile["aws_secret_access_key"] ?? "").isEmpty
    }

    private func assumeRole(_ role: String, profile: [String: String], profileName: String, visited: [String]) async throws -> AWSCredentials {
        let sessionName = profile["role_session_name"] ?? CredentialChain.sessionName()
        if let tokenFile = profile["web_identity_token_file"], !tokenFile.isEmpty {
            return try await WebIdentityCredentials.assume(tokenFile: tokenFile, roleARN: role, sessionName: sessionName,
                                                           sts: chain.stsClient(nil))
        }
        let base: AWSCredentials?
        if let source = profile["source_profile"], !source.isEmpty {
            base = try await resolve(source, visited: visited + [profileName])
        } else if let source = profile["credential_source"] {
            let env = chain.settings.environment
            switch source {
            case "Environment": base = try await EnvironmentCredentials(environment: env).load()
            case "EcsContainer": base = try await ContainerCredentials(environment: env, transport: chain.metadataTransport).load()
            case "Ec2InstanceMetadata": base = try await InstanceMetadataCredentials(environment: env, transport: chain.metadataTransport).load()
            default: throw AWSClientError.credentialSource("profile '\(profileName)': unknown credential_source '\(source)'")
            }
        } else {
            throw AWSClientError.credentialSource("profile '\(profileName)' has role_arn but neither source_profile nor credential_source")
        }
        guard let base else {
            throw AWSClientError.credentialSource("profile '\(profileName)': no credentials to assume \(role) with")
        }
        do {
            return try await chain.stsClient(base).assumeRole(roleARN: role, sessionName: sessionName,
                                                              externalID: profile["external_id"],
                                                              durationSeconds: profile["duration_seconds"].flatMap { Int($0) })
        } catch let error as AWSServiceError {
            throw AWSClientError.credentialSource("profile '\(profileName)': assuming \(role) failed: \(error)")
        }
    }
}
