@testable import AWSKit
import XCTest
@testable import Deployer

final class ChangeSummaryTests: XCTestCase {
    private func change(_ action: String, _ id: String, _ type: String, replacement: String? = nil, properties: [String] = []) -> CloudFormation.ResourceChange {
        .init(action: action, logicalID: id, physicalID: nil, resourceType: type, replacement: replacement, scope: ["Properties"],
              changedProperties: properties, requiresRecreation: [])
    }

    func testPlainLanguageDiffFlagsDataLoss() throws {
        let deployed = try TemplateDocument(text: """
        Resources:
          Db: {Type: AWS::RDS::DBInstance, Properties: {DBClusterIdentifier: x}}
          Kept: {Type: AWS::DynamoDB::Table, DeletionPolicy: Retain}
          Snap: {Type: AWS::RDS::DBInstance}
        """)
        let summary = ChangeSummary(changes: [
            change("Add", "Web", "AWS::ECS::Service"),
            change("Modify", "Db", "AWS::RDS::DBInstance", replacement: "True", properties: ["DBInstanceClass", "Engine"]),
            change("Modify", "Queue", "AWS::SQS::Queue", replacement: "False", properties: ["VisibilityTimeout"]),
            change("Remove", "Kept", "AWS::DynamoDB::Table"),
            change("Remove", "Snap", "AWS::RDS::DBInstance"),
            change("Remove", "Uploads", "AWS::S3::Bucket"),
        ], deployed: deployed, proposed: nil)
        XCTAssertEqual(summary.render(color: false), [
            "Changes: 1 to add, 2 to modify, 3 to remove",
            "  + add     Web (AWS::ECS::Service)",
            "  ~ modify  Db (AWS::RDS::DBInstance), REPLACED: DBInstanceClass, Engine  ← DATA LOSS: replacing it starts from empty",
            "  ~ modify  Queue (AWS::SQS::Queue), in place: VisibilityTimeout",
            "  - remove  Kept (AWS::DynamoDB::Table)  (DeletionPolicy Retain keeps its data)",
            "  - remove  Snap (AWS::RDS::DBInstance)  (DeletionPolicy Snapshot keeps its data)",
            "  - remove  Uploads (AWS::S3::Bucket)  ← DATA LOSS: deleting it deletes its data",
        ])
        XCTAssertEqual(summary.dataLoss.map(\.logicalID), ["Db", "Uploads"])
    }

    func testTemplateSizeAndErrors() throws {
        let small = try TemplateDocument(text: #"{"Resources": {"T": {"Type": "AWS::SNS::Topic"}}}"#)
        XCTAssertFalse(small.needsUpload)
        let padding = String(repeating: "#", count: 52_000)
        XCTAssertTrue(try TemplateDocument(text: "# \(padding)\nResources:\n  T: {Type: AWS::SNS::Topic}\n").needsUpload)
        XCTAssertThrowsError(try TemplateDocument(text: "Resources: [", path: "t.yaml")) {
            XCTAssertTrue("\($0)".hasPrefix("t.yaml:"), "\($0)")
        }
        XCTAssertThrowsError(try TemplateDocument(text: "Outputs: {}", path: "t.yaml")) {
            XCTAssertEqual("\($0)", "t.yaml:1:1: the template has no Resources")
        }
    }

    func testParametersFileForms() throws {
        let map = try ParametersFile.parse(Data(#"{"Tier": "prod", "Count": 2, "On": true, "Zones": ["a", "b"]}"#.utf8), path: "p.json")
        XCTAssertEqual(map.map(\.key), ["Count", "On", "Tier", "Zones"])
        XCTAssertEqual(map.map(\.value), ["2", "true", "prod", "a,b"])
        let list = try ParametersFile.parse(Data(#"[{"ParameterKey": "Tier", "ParameterValue": "dev"}, {"ParameterKey": "Old", "UsePreviousValue": true}]"#.utf8), path: "p.json")
        XCTAssertEqual(list, [.init(key: "Tier", value: "dev"), .init(key: "Old", value: nil, usePreviousValue: true)])
        XCTAssertThrowsError(try ParametersFile.parse(Data("{\n  \"a\": \n}".utf8), path: "p.json")) {
            XCTAssertTrue("\($0)".hasPrefix("p.json:"), "\($0)")
        }
    }
}
