import Foundation
import XCTest
@testable import AWSKit

/// Runs every case of the public SigV4 suites (v4/ and legacy/), found by listing the directories,
/// so a case added to the fixtures is tested without touching this file.
final class SigV4ConformanceTests: XCTestCase {
    private static let date = Date(timeIntervalSince1970: 1_440_938_160) // 2015-08-30T12:36:00Z
    private static let accessKey = "AKIDEXAMPLE"
    private static let secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"

    private struct Context: Decodable {
        struct Creds: Decodable { var access_key_id: String; var secret_access_key: String; var token: String? }
        var credentials: Creds
        var expiration_in_seconds: Int
        var normalize: Bool
        var region: String
        var service: String
        var sign_body: Bool
        var omit_session_token: Bool?
    }

    private func read(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

    func testEveryV4Vector() throws {
        let root = try TestEnvironment.sharedDirectory().appendingPathComponent("sigv4/v4")
        let cases = try FileManager.default.contentsOfDirectory(atPath: root.path)
            .filter { FileManager.default.fileExists(atPath: root.appendingPathComponent("\($0)/context.json").path) }
            .sorted()
        XCTAssertEqual(cases.count, 38, "the v4 suite has 38 cases")
        for name in cases {
            let dir = root.appendingPathComponent(name)
            let context = try JSONDecoder().decode(Context.self, from: Data(contentsOf: dir.appendingPathComponent("context.json")))
            let raw = RawRequest(try read(dir.appendingPathComponent("request.txt")))
            let creds = AWSCredentials(accessKeyID: context.credentials.access_key_id,
                                       secretAccessKey: context.credentials.secret_access_key,
                                       sessionToken: context.credentials.token)
            let options = SigV4.Options(normalizePath: context.normalize, signPayloadHeader: context.sign_body,
                                        omitSessionToken: context.omit_session_token ?? false)
            let signer = SigV4(credentials: creds, region: context.region, service: context.service, options: options)
            let request = SigningRequest(method: raw.method, path: raw.path, query: raw.query, headers: raw.headers, body: raw.body)

            let header = signer.signHeaders(request, date: Self.date)
            XCTAssertEqual(header.canonicalRequest, try read(dir.appendingPathComponent("header-canonical-request.txt")), "\(name): header canonical request")
            XCTAssertEqual(header.stringToSign, try read(dir.appendingPathComponent("header-string-to-sign.txt")), "\(name): header string to sign")
            XCTAssertEqual(header.signature, try read(dir.appendingPathComponent("header-signature.txt")), "\(name): header signature")
            let expectedHeader = RawRequest(try read(dir.appendingPathComponent("header-signed-request.txt")))
            XCTAssertEqual(RawRequest.headerSet(header.request.headers), RawRequest.headerSet(expectedHeader.headers), "\(name): header signed request")

            let query = signer.presign(request, date: Self.date, expires: context.expiration_in_seconds)
            XCTAssertEqual(query.canonicalRequest, try read(dir.appendingPathComponent("query-canonical-request.txt")), "\(name): query canonical request")
            XCTAssertEqual(query.stringToSign, try read(dir.appendingPathComponent("query-string-to-sign.txt")), "\(name): query string to sign")
            XCTAssertEqual(query.signature, try read(dir.appendingPathComponent("query-signature.txt")), "\(name): query signature")
            let expectedQuery = RawRequest(try read(dir.appendingPathComponent("query-signed-request.txt")))
            XCTAssertEqual(RawRequest.querySet(query.request.query), RawRequest.querySet(expectedQuery.query), "\(name): presigned query")
            XCTAssertEqual(RawRequest.headerSet(query.request.headers), RawRequest.headerSet(expectedQuery.headers), "\(name): presigned headers")
        }
    }

    func testEveryLegacyVector() throws {
        let root = try TestEnvironment.sharedDirectory().appendingPathComponent("sigv4/legacy")
        guard let walker = FileManager.default.enumerator(atPath: root.path) else { return XCTFail("cannot list \(root.path)") }
        let requests = walker.compactMap { $0 as? String }.filter { $0.hasSuffix(".req") }.sorted()
        XCTAssertEqual(requests.count, 34, "the legacy suite has 34 cases")
        let token = "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA=="
        for path in requests {
            let base = root.appendingPathComponent(String(path.dropLast(4)))
            let name = base.lastPathComponent
            let raw = RawRequest(try read(base.appendingPathExtension("req")))
            let canonical = try read(base.appendingPathExtension("creq"))
            // The token is whatever the expected canonical request signs; post-sts-token/readme.txt
            // gives the one "after" adds once the request is signed.
            let signedToken = canonical.split(separator: "\n").first { $0.hasPrefix("x-amz-security-token:") }
                .map { String($0.dropFirst("x-amz-security-token:".count)) }
            let creds = AWSCredentials(accessKeyID: Self.accessKey, secretAccessKey: Self.secret,
                                       sessionToken: signedToken ?? (path.hasPrefix("post-sts-token/") ? token : nil))
            let signer = SigV4(credentials: creds, region: "us-east-1", service: "service",
                               options: .init(omitSessionToken: name == "post-sts-header-after"))
            let request = SigningRequest(method: raw.method, path: raw.path, query: raw.query, headers: raw.headers, body: raw.body)
            let result = signer.signHeaders(request, date: Self.date)
            XCTAssertEqual(result.canonicalRequest, canonical, "\(path): canonical request")
            XCTAssertEqual(result.stringToSign, try read(base.appendingPathExtension("sts")), "\(path): string to sign")
            XCTAssertEqual(result.request.header("Authorization"), try read(base.appendingPathExtension("authz")), "\(path): authorization")
            var expected = RawRequest(try read(base.appendingPathExtension("sreq")))
            // One upstream .sreq (get-vanilla-with-session-token) carries get-vanilla's signature, which
            // contradicts its own .authz; the .authz (checked above) is the consistent one, so use it.
            let authz = try read(base.appendingPathExtension("authz"))
            if let index = expected.headers.firstIndex(where: { $0.name.lowercased() == "authorization" }) {
                expected.headers[index].value = authz
            }
            XCTAssertEqual(RawRequest.headerSet(result.request.headers), RawRequest.headerSet(expected.headers), "\(path): signed request")
        }
    }
}
