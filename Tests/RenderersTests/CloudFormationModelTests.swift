import XCTest
@testable import Renderers

/// The emitters, logical IDs, template checks and the nested-stack splitter, without any Blueprint.
final class CloudFormationModelTests: XCTestCase {
    func testYAMLQuotesEverythingAmbiguous() {
        let ambiguous = ["", "yes", "No", "on", "OFF", "true", "null", "~", "y", "0.5", "10.0.0.0/16", "2010-09-09",
                         "-1", "*", "&a", "!Ref", "#x", "a: b", "a #b", "trailing:", " lead", "trail ", "{x}", "[x]",
                         "@x", "`x`", "'q'", "\"q\"", "a\nb", "|", ">", "%x", "?x", "1e3", "0x1F", "é"]
        for text in ambiguous {
            XCTAssertFalse(YAMLEmitter.isPlainSafe(text), "\(text) must be quoted")
        }
        for text in ["AWS::EC2::VPC", "Fn::GetAtt", "${AWS::StackName}-web", "/smartboard/mvp/node-env", "awsvpc",
                     "arn:aws:iam::aws:policy/x", "Keep the last 10 images"] {
            XCTAssertTrue(YAMLEmitter.isPlainSafe(text), "\(text) can be plain")
        }
    }

    func testYAMLLayoutAndEscapes() {
        let node: DataNode = .ordered([
            ("b", ["x", 1, true, .null]),
            ("a", .object(["z": [:], "y": [], "list": [["k": "v", "j": "w"], [1, 2]]])),
            ("s", "line\nbreak\t\u{7}"),
        ])
        XCTAssertEqual(YAMLEmitter.emit(node), """
        b:
          - x
          - 1
          - true
          - null
        a:
          list:
            - j: w
              k: v
            - - 1
              - 2
          "y": []
          z: {}
        s: "line\\nbreak\\t\\u0007"

        """)
    }

    func testJSONSortsKeysAndEscapes() {
        let node: DataNode = ["b": 1, "a": ["\"quoted\"\\", "\u{1}"], "c": [:]]
        XCTAssertEqual(JSONEmitter.emit(node), """
        {
          "a": [
            "\\"quoted\\"\\\\",
            "\\u0001"
          ],
          "b": 1,
          "c": {}
        }

        """)
        XCTAssertEqual(JSONEmitter.compact(node), #"{"a":["\"quoted\"\\","\u0001"],"b":1,"c":{}}"#)
    }

    func testLogicalIDsAreStableAndCollisionSafe() {
        let names = ["svc-auth", "svc_auth", "web", "api", "api-task", "---", String(repeating: "a", count: 300), "vpc"]
        let forward = LogicalIDs(names: names, suffixes: ["Service", "TaskRole", "Role"], reserved: ["VpcService"])
        let backward = LogicalIDs(names: names.reversed(), suffixes: ["Service", "TaskRole", "Role"], reserved: ["VpcService"])
        for name in names { XCTAssertEqual(forward[name], backward[name], "order must not matter for \(name)") }
        XCTAssertEqual(forward["web"], "Web")
        XCTAssertNotEqual(forward["svc-auth"], forward["svc_auth"])
        XCTAssertTrue(forward["svc-auth"].hasPrefix("SvcAuth"))
        // `api` + `TaskRole` would equal `api-task` + `Role`.
        XCTAssertNotEqual(forward["api"] + "TaskRole", forward["api-task"] + "Role")
        XCTAssertNotEqual(forward["vpc"] + "Service", "VpcService")
        for name in names {
            let id = forward[name]
            XCTAssertTrue(CFNTemplateCheck.isValidLogicalID(id + "TaskDefinition"), id)
            XCTAssertLessThanOrEqual(id.count, LogicalIDs.maxBaseLength)
        }
        XCTAssertEqual(LogicalIDs.hash("web"), LogicalIDs.hash("web"))
    }

    func testCheckFindsDanglingReferences() {
        var template = CFNTemplate(description: "t")
        template.add("Bucket", CFNResource("AWS::S3::Bucket"))
        template.add("Bucket", CFNResource("AWS::S3::Bucket", ["BucketName": .sub("${Missing}-${AWS::Region}-${!Literal}", [:])]))
        template.add("Policy", CFNResource("AWS::S3::BucketPolicy", ["Bucket": .ref("Bucket"), "X": .getAtt("Nope", "Arn"),
                                                                  "Y": .if("NoSuchCondition", "a", .noValue)]))
        let problems = CFNTemplateCheck.problems(in: template)
        XCTAssertTrue(problems.contains { $0.contains("${Missing}") }, "\(problems)")
        XCTAssertTrue(problems.contains { $0.contains("GetAtt on undefined resource Nope") })
        XCTAssertTrue(problems.contains { $0.contains("undefined condition NoSuchCondition") })
        XCTAssertTrue(problems.contains { $0.contains("defined twice") })
        XCTAssertFalse(problems.contains { $0.contains("Literal") })
    }

    func testSplitterRewritesCrossStackReferences() {
        var template = CFNTemplate(description: "split me")
        template.parameters["Tag"] = CFNParameter(description: "tag", default: "latest")
        template.conditions["HasTag"] = .not(.equals(.ref("Tag"), ""))
        template.add("Shared", CFNResource("AWS::SNS::Topic"))
        template.add("AService", CFNResource("AWS::SNS::Topic", [
            "TopicName": .sub("${AWS::StackName}-a-${Tag}", [:]),
            "X": .getAtt("Shared", "TopicName"),
            "Y": .if("HasTag", .ref("Shared"), .noValue),
        ], group: "a"))
        var b = CFNResource("AWS::SNS::Topic", ["Z": .getAtt("AService", "TopicArn"), "W": .sub("${AService}", [:])], group: "b")
        b.dependsOn = ["AService", "Shared"]
        template.add("BService", b)
        template.add("Dashboard", CFNResource("AWS::CloudWatch::Dashboard", ["DashboardBody": .sub("${BService.TopicName}", [:])]))
        template.outputs["B"] = CFNOutput("b", .ref("BService"))

        let set = NestedStackSplitter.split(template)
        XCTAssertEqual(set.nested.map(\.path), ["stacks/A.yaml", "stacks/B.yaml"])
        XCTAssertEqual(CFNTemplateCheck.problems(in: set.root), [])
        for nested in set.nested { XCTAssertEqual(CFNTemplateCheck.problems(in: nested.template), [], nested.path) }
        let a = set.nested[0].template
        XCTAssertEqual(a.resources["AService"]?.properties["TopicName"], .sub("${ParentStackName}-a-${Tag}", [:]))
        XCTAssertEqual(a.resources["AService"]?.properties["X"], .ref("SharedTopicName"))
        XCTAssertNotNil(a.conditions["HasTag"])
        XCTAssertNotNil(a.outputs["AServiceTopicArn"])
        XCTAssertNotNil(a.outputs["AServiceRef"])
        let bStack = set.root.resources["BStack"]
        XCTAssertEqual(bStack?.properties["Parameters"].flatMap { if case .map(let m) = $0 { return m["AServiceTopicArn"] } else { return nil } },
                       .getAtt("AStack", "Outputs.AServiceTopicArn"))
        XCTAssertEqual(set.root.resources["Dashboard"]?.properties["DashboardBody"], .sub("${BStack.Outputs.BServiceTopicName}", [:]))
        XCTAssertEqual(set.root.outputs["B"]?.value, .getAtt("BStack", "Outputs.BServiceRef"))
        XCTAssertEqual(set.nested[1].template.resources["BService"]?.dependsOn, [])
    }
}
