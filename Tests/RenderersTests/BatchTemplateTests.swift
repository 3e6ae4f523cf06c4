import Blueprint
import ComposeKit
import Foundation
import Planner
import XCTest
@testable import Renderers

/// Batch jobs' template: Spot then on-demand compute environments from zero vCPUs, one queue, a job
/// definition per job with its roles, logs, secrets and retry on Spot reclaims; a schedule submits
/// through EventBridge. The same in Terraform; lint clean at every tier, counted as the plan counts.
final class BatchTemplateTests: XCTestCase {
    static let compose = """
    name: lab
    services:
      app:
        build: .
        ports: ["8501:8501"]
        environment: {OPENAI_API_KEY: sk-proj-abcdefghijklmnopqrstuvwx1234567890}
        command: ["sh", "-c", "jupyter lab"]
        volumes: ["./models:/home/app/models", "./notebooks:/home/app/notebooks"]
      nightly:
        image: example/trainer:2.0
        command: ["python", "train.py"]
        deploy:
          resources:
            reservations:
              devices: [{driver: nvidia, count: 1, capabilities: [gpu]}]
        x-ferry: {role: job, schedule: "rate(1 day)"}
    """

    static func blueprint(_ tier: Tier) throws -> Blueprint {
        let project = try ComposeLoader.load(yaml: compose, file: "compose.yaml", workingDirectory: "/project", environment: [:], profiles: [])
        return Planner.plan(project, options: PlanOptions(tier: tier, region: "eu-west-1"))
    }

    func testComputeEnvironmentsQueueAndJobDefinitions() throws {
        let (template, problems) = CloudFormationRenderer.template(for: try Self.blueprint(.mvp))
        XCTAssertEqual(problems, [])
        func resource(_ id: String) throws -> CFNResource { try XCTUnwrap(template.resources[id], id) }
        let spot = JSONEmitter.compact(try resource("BatchSpotComputeEnvironment").properties["ComputeResources"]?.node ?? .null)
        XCTAssertTrue(spot.contains("\"Type\":\"SPOT\"") && spot.contains("\"MinvCpus\":0") && spot.contains("ECS_AL2023_NVIDIA"), spot)
        let onDemand = JSONEmitter.compact(try resource("BatchOnDemandComputeEnvironment").properties["ComputeResources"]?.node ?? .null)
        XCTAssertTrue(onDemand.contains("\"Type\":\"EC2\""), onDemand)
        let queue = JSONEmitter.compact(try resource("BatchJobQueue").properties["ComputeEnvironmentOrder"]?.node ?? .null)
        XCTAssertTrue(queue.contains("{\"ComputeEnvironment\":{\"Ref\":\"BatchSpotComputeEnvironment\"},\"Order\":1}"), queue)
        let job = try resource("NightlyJobDefinition")
        let container = JSONEmitter.compact(job.properties["ContainerProperties"]?.node ?? .null)
        XCTAssertTrue(container.contains("{\"Type\":\"GPU\",\"Value\":\"1\"}"), container)
        XCTAssertTrue(container.contains("\"JobRoleArn\":{\"Fn::GetAtt\":[\"NightlyTaskRole\",\"Arn\"]}"), container)
        XCTAssertTrue(JSONEmitter.compact(job.properties["RetryStrategy"]?.node ?? .null).contains("Host EC2*"))
        let training = JSONEmitter.compact(try resource("AppTrainingJobDefinition").properties["ContainerProperties"]?.node ?? .null)
        XCTAssertTrue(training.contains("\"Secrets\":[{\"Name\":\"OPENAI_API_KEY\""), training)
        XCTAssertFalse(training.contains("sk-proj"), "a secret value never reaches the template")
        let schedule = JSONEmitter.compact(try resource("NightlySchedule").properties["Targets"]?.node ?? .null)
        XCTAssertTrue(schedule.contains("BatchParameters") && schedule.contains("\"Arn\":{\"Ref\":\"BatchJobQueue\"}"), schedule)
        XCTAssertNil(template.resources["NightlyTaskDefinition"], "a Batch job has no ECS task definition")
    }

    func testTerraformHoldsTheSameBatchResources() throws {
        let rendering = TerraformRenderer.render(try Self.blueprint(.mvp))
        XCTAssertEqual(rendering.problems, [])
        let cluster = try XCTUnwrap(rendering.files.first { $0.path == "cluster.tf" }?.contents)
        for block in ["resource \"aws_batch_compute_environment\" \"spot\"", "resource \"aws_batch_compute_environment\" \"on_demand\"",
                      "resource \"aws_batch_job_queue\" \"jobs\"", "resource \"aws_batch_job_definition\" \"nightly\"",
                      "resource \"aws_batch_job_definition\" \"app_training\"", "batch_target {"] {
            XCTAssertTrue(cluster.contains(block), block)
        }
        XCTAssertFalse(cluster.contains("resource \"aws_ecs_task_definition\" \"nightly\""))
        XCTAssertFalse(rendering.files.contains { $0.contents.contains("sk-proj") })
    }

    func testEveryTierCountsAsPlannedAndLintsClean() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-batch-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        var templates: [URL] = []
        for tier in Tier.allCases {
            let blueprint = try Self.blueprint(tier)
            let rendering = CloudFormationRenderer.render(blueprint)
            XCTAssertEqual(rendering.problems, [], tier.rawValue)
            XCTAssertEqual(rendering.stacks.resourceCounts, ResourceCounter.count(blueprint), tier.rawValue)
            templates += try CloudFormationLint.write(rendering, to: directory.appendingPathComponent(tier.rawValue))
        }
        try CloudFormationLint.assertClean(templates)
    }
}
