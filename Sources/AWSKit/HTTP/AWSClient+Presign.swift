import Foundation

extension AWSClient {
    /// A presigned GET URL for `request` (S3), valid for `expires` seconds: whoever holds it may read
    /// that one object without credentials of their own (a one-off task in the VPC, say).
    public func presignedURL(_ request: AWSRequest, expires: Int) async throws -> String {
        let endpoint = try endpoints.resolve(request.service, region: region)
        guard let base = URL(string: endpoint.baseURL), let host = base.host else { throw AWSClientError.invalidEndpoint(endpoint.baseURL) }
        var hostHeader = host
        if let prefix = request.hostPrefix, !endpoint.isCustom { hostHeader = prefix + host }
        if let port = base.port { hostHeader += ":\(port)" }
        let basePath = base.path == "/" ? "" : base.path
        let path = basePath + (request.path.hasPrefix("/") ? request.path : "/" + request.path)
        let creds = try await credentials.credentials()
        let signer = SigV4(credentials: creds, region: region, service: request.service.signingName, options: request.service.signingOptions)
        // S3 signs a presigned request's payload as UNSIGNED-PAYLOAD: the holder sends no body.
        let signed = signer.presign(SigningRequest(method: request.method, path: path, query: request.query,
                                                   headers: [.init("Host", hostHeader)], payloadHash: SigV4.unsignedPayload), date: now(), expires: expires)
        return "\(base.scheme ?? "https")://\(hostHeader)\(URIEncoding.encode(path, keepSlash: true))?" + SigV4.canonicalQuery(signed.request.query)
    }
}
