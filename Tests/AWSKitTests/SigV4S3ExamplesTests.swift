import Foundation
import XCTest
@testable import AWSKit

/// The worked examples of the Amazon S3 API Reference ("Signature Calculations for the Authorization
/// Header", "Query String Authentication", "Streaming"), which pin S3's signing rules.
final class SigV4S3ExamplesTests: XCTestCase {
    private let date = Date(timeIntervalSince1970: 1_369_353_600) // 2013-05-24T00:00:00Z
    private var signer: SigV4 {
        SigV4(credentials: AWSCredentials(accessKeyID: "AKIAIOSFODNN7EXAMPLE",
                                          secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
              region: "us-east-1", service: "s3", options: .s3)
    }
    private let host = SigningRequest.Header("Host", "examplebucket.s3.amazonaws.com")

    func testGetObject() {
        let request = SigningRequest(method: "GET", path: "/test.txt", headers: [host, .init("Range", "bytes=0-9")])
        XCTAssertEqual(signer.signHeaders(request, date: date).signature,
                       "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
    }

    func testPutObjectEncodesEachSegmentOnce() {
        let request = SigningRequest(method: "PUT", path: "/test$file.text", headers: [
            host, .init("Date", "Fri, 24 May 2013 00:00:00 GMT"), .init("x-amz-storage-class", "REDUCED_REDUNDANCY"),
        ], body: Data("Welcome to Amazon S3.".utf8))
        let result = signer.signHeaders(request, date: date)
        XCTAssertTrue(result.canonicalRequest.contains("\n/test%24file.text\n"))
        XCTAssertEqual(result.signature, "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd")
    }

    func testGetBucketLifecycle() {
        let request = SigningRequest(method: "GET", path: "/", query: [.init("lifecycle", "")], headers: [host])
        let result = signer.signHeaders(request, date: date)
        XCTAssertTrue(result.canonicalRequest.contains("\nlifecycle=\n"))
        XCTAssertEqual(result.signature, "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543")
    }

    func testListObjects() {
        let request = SigningRequest(method: "GET", path: "/", query: [.init("max-keys", "2"), .init("prefix", "J")], headers: [host])
        XCTAssertEqual(signer.signHeaders(request, date: date).signature,
                       "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7")
    }

    func testPresignedGetUsesUnsignedPayload() {
        let request = SigningRequest(method: "GET", path: "/test.txt", query: [], headers: [host], payloadHash: SigV4.unsignedPayload)
        let result = signer.presign(request, date: date, expires: 86400)
        XCTAssertTrue(result.canonicalRequest.hasSuffix("\nhost\nUNSIGNED-PAYLOAD"))
        XCTAssertEqual(result.signature, "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404")
    }

    func testChunkedUploadSeedAndChunks() {
        let seedRequest = SigningRequest(method: "PUT", path: "/examplebucket/chunkObject.txt", query: [], headers: [
            .init("Host", "s3.amazonaws.com"), .init("Content-Encoding", "aws-chunked"), .init("Content-Length", "66824"),
            .init("x-amz-decoded-content-length", "66560"), .init("x-amz-storage-class", "REDUCED_REDUNDANCY"),
        ], payloadHash: SigV4.streamingPayload)
        let seed = signer.signHeaders(seedRequest, date: date).signature
        XCTAssertEqual(seed, "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9")
        let first = signer.chunkSignature(chunk: Data(repeating: UInt8(ascii: "a"), count: 65536), previousSignature: seed, date: date)
        XCTAssertEqual(first, "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648")
        let second = signer.chunkSignature(chunk: Data(repeating: UInt8(ascii: "a"), count: 1024), previousSignature: first, date: date)
        XCTAssertEqual(second, "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497")
        let last = signer.chunkSignature(chunk: Data(), previousSignature: second, date: date)
        XCTAssertEqual(last, "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9")
    }

    func testCredentialsNeverPrintTheSecret() {
        let creds = AWSCredentials(accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", sessionToken: "tok")
        let printed = "\(creds) \(String(reflecting: creds))"
        XCTAssertFalse(printed.contains("wJalr"))
        XCTAssertFalse(printed.contains("tok,"))
        XCTAssertFalse(printed.contains("AKIAIOSFODNN7EXAMPLE"))
    }
}
