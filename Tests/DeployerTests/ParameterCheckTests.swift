import AWSKit
@testable import Deployer
import XCTest

/// What a deploy is missing is found from the template alone, before anything is created.
final class ParameterCheckTests: XCTestCase {
    let template = try! TemplateDocument(text: """
        Parameters:
          CertificateArn:
            Type: String
            Description: ARN of an ACM certificate
            AllowedPattern: "^arn:aws[a-z-]*:acm:.+$"
            ConstraintDescription: an ACM certificate ARN
          ImageTag:
            Type: String
            Default: latest
        Resources:
          Topic:
            Type: AWS::SNS::Topic
        """)

    func testMissingMalformedAndUnknown() {
        XCTAssertEqual(ParameterCheck.problems(given: [], template: template, previousKeys: []),
                       [ParameterNeed(name: "CertificateArn", problem: .missing, description: "ARN of an ACM certificate")])
        XCTAssertEqual(ParameterCheck.problems(given: [], template: template, previousKeys: ["CertificateArn"]), [], "an update keeps the previous value")
        let bad = ParameterCheck.problems(given: [.init(key: "CertificateArn", value: "secret-looking-value"), .init(key: "Nope", value: "1")],
                                          template: template, previousKeys: [])
        XCTAssertEqual(bad.map(\.name), ["CertificateArn", "Nope"])
        XCTAssertEqual(bad.first?.problem, .malformed(constraint: "an ACM certificate ARN"))
        let message = ParameterCheck.message(stack: "shop", bad)
        XCTAssertFalse(message.contains("secret-looking-value"), "a given value is never echoed")
        XCTAssertTrue(message.contains("nothing was created"))
        XCTAssertEqual(ParameterCheck.problems(given: [.init(key: "CertificateArn", value: "arn:aws:acm:us-east-1:123456789012:certificate/x")],
                                               template: template, previousKeys: []), [])
    }

    func testInlineParametersAndHistory() throws {
        XCTAssertEqual(try ParametersFile.load(argument: #"{"A": "1"}"#), [.init(key: "A", value: "1")])
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-history-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let history = DeployHistory(root: root, stackName: "shop")
        XCTAssertNil(history.previous())
        history.record(.init(template: "one"), at: Date(timeIntervalSince1970: 1))
        history.record(.init(template: "one"), at: Date(timeIntervalSince1970: 2))
        history.record(.init(template: "two", nested: ["stacks/A.yaml": "a"]), at: Date(timeIntervalSince1970: 3))
        XCTAssertEqual(history.entries().count, 2, "an unchanged template is not recorded twice")
        XCTAssertEqual(history.previous()?.entry.template, "one")
    }
}
