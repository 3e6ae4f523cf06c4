import Blueprint
import ComposeKit
import Foundation
import Planner
import XCTest
@testable import Renderers

/// EFS in the template: the file system and its pieces, the task definitions and services that mount it,
/// the task roles, the count `ferry plan` reports, and nested stacks.
final class FileSystemRenderTests: XCTestCase {
    static let compose = """
    name: media
    services:
      app:
        image: example/media:5.2
        ports: ["8000:8000"]
        volumes:
          - media:/srv/media
      thumbnailer:
        image: example/thumbs:1.1
        command: ["thumbs", "--watch", "/srv/media"]
        volumes:
          - media:/srv/media:ro
    volumes:
      media:
    """

    func blueprint(_ tier: Tier = .mvp) throws -> Blueprint {
        Planner.plan(try ComposeLoader.load(yaml: Self.compose, workingDirectory: "/project"), options: PlanOptions(tier: tier))
    }

    func testFileSystemMountTargetsAndAccessPoint() throws {
        let (template, problems) = CloudFormationRenderer.template(for: try blueprint())
        XCTAssertEqual(problems, [])
        let fs = try XCTUnwrap(template.resources["VolumesFileSystem"])
        XCTAssertEqual(fs.type, "AWS::EFS::FileSystem")
        XCTAssertEqual([fs.deletionPolicy, fs.updateReplacePolicy], ["Retain", "Retain"])
        XCTAssertEqual(fs.properties["Encrypted"], true)
        XCTAssertEqual(fs.properties["BackupPolicy"], ["Status": "ENABLED"])
        XCTAssertEqual(fs.properties["ThroughputMode"], "elastic")
        XCTAssertNotNil(fs.properties["FileSystemTags"], "EFS takes its tags as FileSystemTags")

        let targets = template.resources.filter { $0.value.type == "AWS::EFS::MountTarget" }
        XCTAssertEqual(targets.keys.sorted(), ["VolumesMountTarget1", "VolumesMountTarget2"])
        XCTAssertEqual(targets["VolumesMountTarget1"]?.properties["SubnetId"], .ref("Private1"))
        XCTAssertEqual(targets["VolumesMountTarget1"]?.properties["SecurityGroups"], [.getAtt("EfsVolumesSecurityGroup", "GroupId")])

        let point = try XCTUnwrap(template.resources["MediaAccessPoint"])
        XCTAssertEqual(point.properties["RootDirectory"], [
            "Path": "/media", "CreationInfo": ["OwnerUid": "1000", "OwnerGid": "1000", "Permissions": "0755"],
        ])
        XCTAssertEqual(point.properties["PosixUser"], ["Uid": "1000", "Gid": "1000"])

        let nfs = template.resources.values.filter {
            $0.type == "AWS::EC2::SecurityGroupIngress" && $0.properties["GroupId"] == .getAtt("EfsVolumesSecurityGroup", "GroupId")
        }
        XCTAssertEqual(nfs.count, 2)
        XCTAssertTrue(nfs.allSatisfy { $0.properties["FromPort"] == 2049 && $0.properties["ToPort"] == 2049 })
    }

    func testTasksMountOverTLSThroughTheAccessPointAndServicesWaitForMountTargets() throws {
        let template = CloudFormationRenderer.template(for: try blueprint()).template
        let task = try XCTUnwrap(template.resources["AppTaskDefinition"])
        XCTAssertEqual(task.properties["Volumes"], [[
            "Name": "efs-media",
            "EFSVolumeConfiguration": [
                "FilesystemId": .ref("VolumesFileSystem"), "TransitEncryption": "ENABLED",
                "AuthorizationConfig": ["AccessPointId": .ref("MediaAccessPoint"), "IAM": "ENABLED"],
            ],
        ]])
        guard case .list(let containers)? = task.properties["ContainerDefinitions"], case .map(let container)? = containers.first else {
            return XCTFail("no container")
        }
        XCTAssertEqual(container["MountPoints"], [["SourceVolume": "efs-media", "ContainerPath": "/srv/media", "ReadOnly": false]])

        let service = try XCTUnwrap(template.resources["AppService"])
        XCTAssertEqual(service.properties["PlatformVersion"], "LATEST")
        XCTAssertTrue(Set(service.dependsOn).isSuperset(of: ["VolumesMountTarget1", "VolumesMountTarget2"]))

        guard case .list(let policies)? = template.resources["ThumbnailerTaskRole"]?.properties["Policies"],
              case .map(let policy)? = policies.first, case .map(let document)? = policy["PolicyDocument"],
              case .list(let statements)? = document["Statement"] else { return XCTFail("no task role policy") }
        XCTAssertEqual(statements, [[
            "Sid": "MountVolumes", "Effect": "Allow", "Action": ["elasticfilesystem:ClientMount"],
            "Resource": .getAtt("VolumesFileSystem", "Arn"),
            "Condition": ["StringEquals": ["elasticfilesystem:AccessPointArn": .getAtt("MediaAccessPoint", "Arn")]],
        ]], "read-only mounts get no ClientWrite")
    }

    func testPlannedCountEqualsTemplateAtEveryTier() throws {
        for tier in Tier.allCases {
            let b = try blueprint(tier)
            XCTAssertEqual(ResourceCounter.count(b), CloudFormationRenderer.render(b).stacks.resourceCounts, tier.rawValue)
        }
    }

    /// Split into nested stacks, a task definition receives the file system and access point from the root,
    /// and its stack waits for the mount targets.
    func testNestedStacksReceiveTheFileSystem() throws {
        let template = CloudFormationRenderer.template(for: try blueprint()).template
        let stacks = NestedStackSplitter.split(template)
        let app = try XCTUnwrap(stacks.nested.first { $0.template.resources["AppTaskDefinition"] != nil })
        XCTAssertNotNil(app.template.parameters["VolumesFileSystem"])
        XCTAssertNotNil(app.template.parameters["MediaAccessPoint"])
        XCTAssertNotNil(app.template.parameters["MediaAccessPointArn"])
        for nested in stacks.nested { XCTAssertEqual(CFNTemplateCheck.problems(in: nested.template), [], nested.path) }
        XCTAssertEqual(CFNTemplateCheck.problems(in: stacks.root), [])
        let stack = try XCTUnwrap(stacks.root.resources.first { $0.value.type == "AWS::CloudFormation::Stack"
            && $0.key.hasPrefix("App") }?.value)
        XCTAssertTrue(Set(stack.dependsOn).isSuperset(of: ["VolumesMountTarget1", "VolumesMountTarget2"]))
    }

    func testTemplateIsLintClean() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-efs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var urls: [URL] = []
        for tier in Tier.allCases {
            let url = dir.appendingPathComponent("\(tier.rawValue).yaml")
            try CloudFormationRenderer.template(for: try blueprint(tier)).template.yaml().write(to: url, atomically: true, encoding: .utf8)
            urls.append(url)
        }
        let accepted = CloudFormationTestTools.acceptedWarnings()
        let matches = try CloudFormationTestTools.lint(urls)
        XCTAssertEqual(matches.filter { !accepted.contains($0.Rule.Id) }.map(\.description), [])
    }
}
