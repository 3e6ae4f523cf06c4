import Blueprint
import ComposeKit
import Foundation
import Planner
import XCTest
@testable import Renderers

/// A GPU service's template: EC2 capacity (launch template, Auto Scaling group, capacity provider),
/// cluster associations that keep Fargate, an EC2 task definition with its GPUs, and a service
/// placed through the capacity provider; lint clean at every tier, counted as the plan counts.
final class GPUCapacityTemplateTests: XCTestCase {
    static let compose = """
    services:
      api:
        image: ghcr.io/example/api:1.0
        ports: ["8080:8080"]
        environment: {MODEL_URL: "http://model:8000"}
      queue-worker:
        image: ghcr.io/example/worker:1.0
      model:
        image: vllm/vllm-openai:v0.6.0
        expose: ["8000"]
        deploy:
          resources:
            reservations:
              devices:
                - driver: nvidia
                  count: 1
                  capabilities: [gpu]
    """

    static func blueprint(_ tier: Tier) throws -> Blueprint {
        let project = try ComposeLoader.load(yaml: compose, file: "compose.yaml", workingDirectory: "/project", environment: [:], profiles: [])
        return Planner.plan(project, options: PlanOptions(tier: tier, region: "eu-west-1"))
    }

    func testCapacityResourcesAndTheGPUService() throws {
        let (template, problems) = CloudFormationRenderer.template(for: try Self.blueprint(.mvp))
        XCTAssertEqual(problems, [])
        func resource(_ id: String) throws -> CFNResource { try XCTUnwrap(template.resources[id], id) }

        XCTAssertEqual(template.parameters["GpuAmiId"]?.type, "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>")
        XCTAssertEqual(template.parameters["GpuAmiId"]?.defaultValue, .string(EC2CapacityProvider.gpuAMIParameter))

        guard case .map(let data)? = try resource("GpuModelLaunchTemplate").properties["LaunchTemplateData"] else { return XCTFail("no launch template data") }
        XCTAssertEqual(data["ImageId"], .ref("GpuAmiId"))
        XCTAssertEqual(data["InstanceType"], "g5.xlarge")
        XCTAssertEqual(data["MetadataOptions"], ["HttpEndpoint": "enabled", "HttpTokens": "required", "HttpPutResponseHopLimit": 1])
        let userData = JSONEmitter.compact(data["UserData"]?.node ?? .null)
        XCTAssertTrue(userData.contains("ECS_CLUSTER=${Cluster}"), userData)
        XCTAssertTrue(userData.contains("ECS_ENABLE_GPU_SUPPORT=true"), userData)
        XCTAssertTrue(JSONEmitter.compact(data["BlockDeviceMappings"]?.node ?? .null).contains("\"Encrypted\":true"))

        let group = try resource("GpuModelAutoScalingGroup")
        XCTAssertEqual(group.properties["NewInstancesProtectedFromScaleIn"], true)
        XCTAssertEqual(group.properties["MinSize"], "1")
        XCTAssertEqual(group.properties["MaxSize"], "2")
        XCTAssertEqual(group.properties["VPCZoneIdentifier"], [.ref("Private1"), .ref("Private2")])

        let provider = JSONEmitter.compact(try resource("GpuModelCapacityProvider").properties["AutoScalingGroupProvider"]?.node ?? .null)
        XCTAssertTrue(provider.contains("\"ManagedTerminationProtection\":\"ENABLED\""), provider)
        XCTAssertTrue(provider.contains("\"TargetCapacity\":100"), provider)

        let associations = try resource("ClusterCapacityProviders")
        XCTAssertEqual(associations.properties["CapacityProviders"], ["FARGATE", "FARGATE_SPOT", .ref("GpuModelCapacityProvider")])
        // The cluster itself names no providers: two owners of one property would fight.
        XCTAssertNil(try resource("Cluster").properties["CapacityProviders"])

        let task = try resource("ModelTaskDefinition")
        XCTAssertEqual(task.properties["RequiresCompatibilities"], ["EC2"])
        XCTAssertEqual(task.properties["NetworkMode"], "awsvpc")
        XCTAssertTrue(JSONEmitter.compact(task.properties["ContainerDefinitions"]?.node ?? .null).contains("\"ResourceRequirements\":[{\"Type\":\"GPU\",\"Value\":\"1\"}]"))
        let service = try resource("ModelService")
        XCTAssertNil(service.properties["LaunchType"])
        XCTAssertEqual(service.properties["CapacityProviderStrategy"], [["CapacityProvider": .ref("GpuModelCapacityProvider"), "Weight": 1]])
        XCTAssertTrue(service.dependsOn.contains("ClusterCapacityProviders"))

        // The other services stay on Fargate (the worker on Spot below prod).
        XCTAssertEqual(try resource("ApiService").properties["LaunchType"], "FARGATE")
        XCTAssertEqual(try resource("QueueWorkerService").properties["CapacityProviderStrategy"], [["CapacityProvider": "FARGATE_SPOT", "Weight": 1]])
        XCTAssertEqual(try resource("ApiTaskDefinition").properties["RequiresCompatibilities"], ["FARGATE"])
        XCTAssertTrue(try resource("GpuInstancesSecurityGroup").properties.keys.contains("SecurityGroupEgress"))
        XCTAssertNotNil(template.resources["GpuInstanceInstanceProfile"])
    }

    func testEveryTierCountsAsPlannedAndLintsClean() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-gpu-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        var templates: [URL] = []
        for tier in Tier.allCases {
            let blueprint = try Self.blueprint(tier)
            let rendering = CloudFormationRenderer.render(blueprint)
            XCTAssertEqual(rendering.problems, [], tier.rawValue)
            XCTAssertEqual(rendering.stacks.resourceCounts, ResourceCounter.count(blueprint), tier.rawValue)
            XCTAssertEqual(CloudFormationRenderer.render(blueprint).files, rendering.files, "deterministic at \(tier.rawValue)")
            templates += try CloudFormationLint.write(rendering, to: directory.appendingPathComponent(tier.rawValue))
        }
        try CloudFormationLint.assertClean(templates)
    }
}

/// The guide names the GPU target with its reason and alternatives, and asks for the GPU quota first.
final class GPUGuideTests: XCTestCase {
    func testMappingRowAndQuotaStep() throws {
        let guide = GuideRenderer.render(try GPUCapacityTemplateTests.blueprint(.mvp))
        let row = try XCTUnwrap(guide.split(separator: "\n").first { $0.hasPrefix("| `model`") })
        XCTAssertTrue(row.contains("ECS on EC2 GPU instances (`g5.xlarge`)"), String(row))
        XCTAssertTrue(row.contains("Fargate has no GPUs"), String(row))
        XCTAssertTrue(row.contains("SageMaker real-time endpoint") && row.contains("Bedrock"), String(row))
        XCTAssertTrue(guide.contains("**Running On-Demand G and VT instances** to at least 8 vCPUs"), guide)
        XCTAssertTrue(guide.contains("--quota-code L-DB2E81BA"))
        let quota = try XCTUnwrap(guide.range(of: "Running On-Demand G and VT"))
        let service = try XCTUnwrap(guide.range(of: "- [ ] Service `model`"))
        XCTAssertLessThan(quota.lowerBound, service.lowerBound)
    }
}
