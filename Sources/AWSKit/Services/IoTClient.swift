import Foundation

/// The AWS IoT control-plane calls `ferry iot` makes to register, list and revoke devices
/// (REST-JSON). A created private key is returned to the caller once and never logged: the
/// response body is decoded here and goes nowhere else.
public struct IoTClient: Sendable {
    public var client: AWSClient
    public init(client: AWSClient) { self.client = client }

    public struct CreatedCertificate: Sendable {
        public var certificateID: String
        public var certificateARN: String
        public var certificatePEM: String
        /// Nil for a certificate made from a CSR (the device kept its key).
        public var privateKey: String?
    }

    public struct Thing: Sendable, Equatable {
        public var name: String
        public var arn: String
        public var thingTypeName: String?
    }

    public struct Certificate: Sendable, Equatable {
        public var id: String
        public var arn: String
        public var status: String
    }

    struct CertificateOutput: Decodable {
        struct KeyPair: Decodable { var PrivateKey: String? }
        var certificateId: String?
        var certificateArn: String?
        var certificatePem: String?
        var keyPair: KeyPair?
    }

    func created(_ response: HTTPExchangeResponse) throws -> CreatedCertificate {
        let out = try JSONProtocol.decode(CertificateOutput.self, from: response)
        guard let id = out.certificateId, let arn = out.certificateArn, let pem = out.certificatePem else {
            throw AWSClientError.malformedResponse("IoT answered without a certificate")
        }
        return CreatedCertificate(certificateID: id, certificateARN: arn, certificatePEM: pem, privateKey: out.keyPair?.PrivateKey)
    }

    /// A new key pair and a certificate for it, active at once.
    public func createKeysAndCertificate() async throws -> CreatedCertificate {
        try created(try await client.send(RestJSONProtocol.request(service: .iot, operation: "CreateKeysAndCertificate",
            method: "POST", path: "/keys-and-certificate", query: [.init("setAsActive", "true")], body: [:])))
    }

    /// A certificate signed by AWS IoT for the device's own CSR (the key never leaves the device).
    public func createCertificate(fromCSR csr: String) async throws -> CreatedCertificate {
        try created(try await client.send(RestJSONProtocol.request(service: .iot, operation: "CreateCertificateFromCsr",
            method: "POST", path: "/certificates", query: [.init("setAsActive", "true")],
            body: ["certificateSigningRequest": csr])))
    }

    struct CreateThingOutput: Decodable { var thingName: String?; var thingArn: String? }

    public func createThing(_ name: String, thingTypeName: String?) async throws -> Thing {
        let body = thingTypeName.map { ["thingTypeName": $0] } ?? [:]
        let response = try await client.send(RestJSONProtocol.request(service: .iot, operation: "CreateThing",
            method: "POST", path: "/things/\(name)", body: body))
        let out = try JSONProtocol.decode(CreateThingOutput.self, from: response)
        return Thing(name: out.thingName ?? name, arn: out.thingArn ?? "", thingTypeName: thingTypeName)
    }

    public func attachPolicy(_ policyName: String, target: String) async throws {
        _ = try await client.send(RestJSONProtocol.request(service: .iot, operation: "AttachPolicy",
            method: "PUT", path: "/target-policies/\(policyName)", body: ["target": target]))
    }

    public func detachPolicy(_ policyName: String, target: String) async throws {
        _ = try await client.send(RestJSONProtocol.request(service: .iot, operation: "DetachPolicy",
            method: "POST", path: "/target-policies/\(policyName)", body: ["target": target]))
    }

    struct TargetsOutput: Decodable { var targets: [String]?; var nextMarker: String? }

    /// The targets (certificate ARNs) a policy is attached to, sorted.
    public func listTargetsForPolicy(_ policyName: String) async throws -> [String] {
        let response = try await client.send(RestJSONProtocol.request(service: .iot, operation: "ListTargetsForPolicy",
            method: "POST", path: "/policy-targets/\(policyName)", body: [:]))
        return (try JSONProtocol.decode(TargetsOutput.self, from: response).targets ?? []).sorted()
    }

    /// A policy's default version document (JSON text). AWS answers with the document as a string;
    /// an object (as moto answers for a policy CloudFormation created) is accepted too.
    public func policyDocument(_ policyName: String) async throws -> String {
        let response = try await client.send(RestJSONProtocol.request(service: .iot, operation: "GetPolicy",
            method: "GET", path: "/policies/\(policyName)"))
        let object = try? JSONSerialization.jsonObject(with: response.body) as? [String: Any]
        switch object?["policyDocument"] {
        case let text as String: return text
        case let document as [String: Any]:
            return String(decoding: try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys]), as: UTF8.self)
        default: return "{}"
        }
    }

    public func attachThingPrincipal(thing: String, principal: String) async throws {
        _ = try await client.send(RestJSONProtocol.request(service: .iot, operation: "AttachThingPrincipal",
            method: "PUT", path: "/things/\(thing)/principals", headers: [.init("x-amzn-principal", principal)]))
    }

    public func detachThingPrincipal(thing: String, principal: String) async throws {
        _ = try await client.send(RestJSONProtocol.request(service: .iot, operation: "DetachThingPrincipal",
            method: "DELETE", path: "/things/\(thing)/principals", headers: [.init("x-amzn-principal", principal)]))
    }

    struct ListThingsOutput: Decodable {
        struct Item: Decodable { var thingName: String?; var thingArn: String?; var thingTypeName: String? }
        var things: [Item]?
        var nextToken: String?
    }

    /// Every thing (of one thing type when given), sorted by name.
    public func listThings(thingTypeName: String?) async throws -> [Thing] {
        var out: [Thing] = []
        var token: String?
        repeat {
            var query: [SigningRequest.QueryItem] = [.init("maxResults", "250")]
            if let thingTypeName { query.append(.init("thingTypeName", thingTypeName)) }
            if let token { query.append(.init("nextToken", token)) }
            let response = try await client.send(RestJSONProtocol.request(service: .iot, operation: "ListThings",
                method: "GET", path: "/things", query: query))
            let page = try JSONProtocol.decode(ListThingsOutput.self, from: response)
            out += (page.things ?? []).compactMap { item in
                item.thingName.map { Thing(name: $0, arn: item.thingArn ?? "", thingTypeName: item.thingTypeName) }
            }
            token = page.nextToken.flatMap { $0.isEmpty ? nil : $0 }
        } while token != nil
        return out.sorted { $0.name < $1.name }
    }

    struct PrincipalsOutput: Decodable { var principals: [String]?; var nextToken: String? }

    /// The principals (certificate ARNs) attached to a thing, sorted.
    public func listThingPrincipals(thing: String) async throws -> [String] {
        let response = try await client.send(RestJSONProtocol.request(service: .iot, operation: "ListThingPrincipals",
            method: "GET", path: "/things/\(thing)/principals"))
        return (try JSONProtocol.decode(PrincipalsOutput.self, from: response).principals ?? []).sorted()
    }

    struct DescribeCertificateOutput: Decodable {
        struct Description: Decodable { var certificateId: String?; var certificateArn: String?; var status: String? }
        var certificateDescription: Description?
    }

    public func describeCertificate(_ id: String) async throws -> Certificate {
        let response = try await client.send(RestJSONProtocol.request(service: .iot, operation: "DescribeCertificate",
            method: "GET", path: "/certificates/\(id)"))
        let d = try JSONProtocol.decode(DescribeCertificateOutput.self, from: response).certificateDescription
        return Certificate(id: d?.certificateId ?? id, arn: d?.certificateArn ?? "", status: d?.status ?? "UNKNOWN")
    }

    /// `ACTIVE`, `INACTIVE` or `REVOKED`.
    public func updateCertificate(_ id: String, status: String) async throws {
        _ = try await client.send(RestJSONProtocol.request(service: .iot, operation: "UpdateCertificate",
            method: "PUT", path: "/certificates/\(id)", query: [.init("newStatus", status)]))
    }

    public func deleteCertificate(_ id: String) async throws {
        _ = try await client.send(RestJSONProtocol.request(service: .iot, operation: "DeleteCertificate",
            method: "DELETE", path: "/certificates/\(id)", query: [.init("forceDelete", "false")]))
    }

    public func deleteThing(_ name: String) async throws {
        _ = try await client.send(RestJSONProtocol.request(service: .iot, operation: "DeleteThing",
            method: "DELETE", path: "/things/\(name)"))
    }

    struct EndpointOutput: Decodable { var endpointAddress: String? }

    /// The account's device data endpoint (`iot:Data-ATS`, served with Amazon Trust Services certificates).
    public func describeEndpoint(type: String = "iot:Data-ATS") async throws -> String {
        let response = try await client.send(RestJSONProtocol.request(service: .iot, operation: "DescribeEndpoint",
            method: "GET", path: "/endpoint", query: [.init("endpointType", type)]))
        guard let address = try JSONProtocol.decode(EndpointOutput.self, from: response).endpointAddress else {
            throw AWSClientError.malformedResponse("IoT answered without an endpoint address")
        }
        return address
    }

    /// The certificate id is the last path component of its ARN (`…:cert/<id>`).
    public static func certificateID(fromARN arn: String) -> String? {
        guard let range = arn.range(of: ":cert/") else { return nil }
        let id = String(arn[range.upperBound...])
        return id.isEmpty ? nil : id
    }
}

extension AWSService {
    /// Paths carry thing and policy names, so they are encoded twice as SigV4 wants for every service
    /// but S3; the signed payload header keeps bodiless PUT/DELETE/GET calls unambiguous to verifiers.
    public static let iot = AWSService(endpointEnvironmentID: "IOT", signingName: "iot", endpointPrefix: "iot",
                                       signingOptions: SigV4.Options(signPayloadHeader: true, doubleEncodePath: true))
}
