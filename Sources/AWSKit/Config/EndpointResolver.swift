import Foundation

/// Where requests for a service go, in the AWS CLI's order: `--endpoint-url`, then
/// `AWS_ENDPOINT_URL_<SERVICE>`, then `AWS_ENDPOINT_URL`, then the profile's `endpoint_url`, then the
/// public AWS endpoint of the region. `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true` skips the
/// environment and profile (not the flag).
public struct EndpointResolver: Sendable {
    public var explicitURL: String?
    public var environment: [String: String]
    public var profileEndpoint: String?

    public init(explicitURL: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment,
                profileEndpoint: String? = nil) {
        self.explicitURL = explicitURL
        self.environment = environment
        self.profileEndpoint = profileEndpoint
    }

    public struct Endpoint: Sendable, Equatable {
        /// scheme://host[:port] plus any base path, without a trailing slash.
        public var baseURL: String
        /// True when the user chose it (moto, LocalStack, a VPC endpoint): S3 then uses path-style.
        public var isCustom: Bool
    }

    public func resolve(_ service: AWSService, region: String) throws -> Endpoint {
        if let explicitURL, !explicitURL.isEmpty { return try Self.custom(explicitURL) }
        let ignore = environment["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"]?.lowercased() == "true"
        if !ignore {
            if let url = environment["AWS_ENDPOINT_URL_\(service.endpointEnvironmentID)"], !url.isEmpty { return try Self.custom(url) }
            if let url = environment["AWS_ENDPOINT_URL"], !url.isEmpty { return try Self.custom(url) }
            if let url = profileEndpoint, !url.isEmpty { return try Self.custom(url) }
        }
        let suffix = region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com"
        return Endpoint(baseURL: "https://\(service.endpointPrefix).\(region).\(suffix)", isCustom: false)
    }

    static func custom(_ url: String) throws -> Endpoint {
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(),
              scheme == "http" || scheme == "https", parsed.host != nil else {
            throw AWSClientError.invalidEndpoint(url)
        }
        var base = url
        while base.hasSuffix("/") { base.removeLast() }
        return Endpoint(baseURL: base, isCustom: true)
    }
}
