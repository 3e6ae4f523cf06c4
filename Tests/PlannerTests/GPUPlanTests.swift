import XCTest
import ComposeKit
import Blueprint
@testable import Planner

/// Services reserving GPUs go to ECS on EC2 GPU instances (Fargate has none), sized from the reservation.
final class GPUPlanTests: XCTestCase {
    private func plan(_ yaml: String, tier: Tier = .mvp) throws -> Blueprint {
        let project = try ComposeLoader.load(yaml: yaml, file: "compose.yaml", workingDirectory: "/project", environment: [:], profiles: [])
        return Planner.plan(project, options: PlanOptions(tier: tier, region: "us-east-1"))
    }

    private func reserving(_ gpus: String, memory: String? = nil, extra: String = "") -> String {
        """
        services:
          api:
            image: ghcr.io/example/api:1.0
            ports: ["8080:8080"]
            environment: {MODEL_URL: "http://model:8000"}
          model:
            image: vllm/vllm-openai:v0.6.0
            expose: ["8000"]
        \(extra)
            deploy:
              resources:
                reservations:
        \(memory.map { "          memory: \($0)\n" } ?? "")          devices:
                    - driver: nvidia
                      count: \(gpus)
                      capabilities: [gpu]
        """
    }

    func testGPUReservationPlansECSOnEC2WithADecision() throws {
        let b = try plan(reserving("1"))
        XCTAssertEqual(b.target("model"), .ecsEc2)
        XCTAssertEqual(b.target("api"), .ecsFargate)
        let w = try XCTUnwrap(b.workload(named: "model"))
        XCTAssertEqual(w.gpuCount, 1)
        XCTAssertEqual(w.capacityProvider, "gpu-model")
        let decision = try XCTUnwrap(w.decisions.first { $0.topic == "target" })
        XCTAssertEqual(decision.choice, "ecs-ec2")
        XCTAssertEqual(decision.evidence.first?.path, "services.model.deploy.resources.reservations.devices")
        XCTAssertEqual(decision.evidence.first?.position?.line, 13)
        XCTAssertEqual(Set(decision.alternatives.map(\.choice)), ["sagemaker-endpoint", "bedrock", "ecs-fargate"])
        XCTAssertTrue(decision.alternatives.contains { $0.whyNot.contains("Fargate has no GPUs") })
        XCTAssertEqual(b.servicePlan(named: "model")?.decisions.first { $0.topic == "target" }?.choice, "ecs-ec2")
        let provider = try XCTUnwrap(b.capacityProvider(named: "gpu-model"))
        XCTAssertEqual(provider.instanceType, "g5.xlarge")
        XCTAssertEqual(provider.amiParameter, "/aws/service/ecs/optimized-ami/amazon-linux-2023/gpu/recommended/image_id")
        XCTAssertTrue(b.network.securityGroups.contains { $0.name == provider.securityGroup && $0.ingress.isEmpty })
        XCTAssertEqual(b.role(named: provider.instanceRole)?.assumedBy, "ec2.amazonaws.com")
        XCTAssertEqual(b.findings.filter { $0.id.hasPrefix("FERRY-PLAN-GPU") }.map(\.id), [])
    }

    func testInstanceTypeFollowsGPUCountAndMemory() throws {
        for (count, type) in [("1", "g5.xlarge"), ("4", "g5.12xlarge"), ("8", "g5.48xlarge"), ("all", "g5.xlarge")] {
            XCTAssertEqual(try plan(reserving(count)).ec2CapacityProviders.first?.instanceType, type, count)
        }
        // 1 GPU, 40 GiB: the smallest 1-GPU type whose task memory holds it.
        let big = try plan(reserving("1", memory: "40g"))
        XCTAssertEqual(big.ec2CapacityProviders.first?.instanceType, "g5.4xlarge")
        XCTAssertGreaterThanOrEqual(big.workload(named: "model")?.size.memory ?? 0, 40 * 1024)
    }

    func testTiersBoundTheInstances() throws {
        let dev = try plan(reserving("1"), tier: .dev)
        XCTAssertEqual(dev.ec2CapacityProviders.first.map { [$0.minSize, $0.maxSize] }, [0, 1])
        XCTAssertEqual(dev.workload(named: "model")?.deployment.minimumHealthyPercent, 0)
        let mvp = try plan(reserving("1"), tier: .mvp)
        XCTAssertEqual(mvp.ec2CapacityProviders.first.map { [$0.minSize, $0.maxSize] }, [1, 2])
        XCTAssertEqual(mvp.workload(named: "model")?.capacity.maximum, 1)
        let prod = try plan(reserving("1"), tier: .prod)
        XCTAssertEqual(prod.ec2CapacityProviders.first.map { [$0.minSize, $0.maxSize] }, [1, 3])
        XCTAssertEqual(prod.workload(named: "model")?.capacity.maximum, 2)
        XCTAssertNotNil(prod.workload(named: "model")?.scaling)
        for b in [dev, mvp, prod] {
            XCTAssertTrue(b.workload(named: "model")?.decisions.contains { $0.topic == "capacity" && $0.choice.hasPrefix("instances") } ?? false)
        }
    }

    func testGPUsKeyAndInstanceOverride() throws {
        let b = try plan("""
        services:
          trainer:
            image: pytorch/pytorch:2.4.0-cuda12.1-cudnn9-runtime
            command: ["python", "train.py"]
            gpus: all
            x-ferry: {instance_type: g5.2xlarge}
        """)
        XCTAssertEqual(b.target("trainer"), .ecsEc2)
        XCTAssertEqual(b.ec2CapacityProviders.first?.instanceType, "g5.2xlarge")
        let size = try XCTUnwrap(b.workload(named: "trainer")?.decisions.first { $0.topic == "size" })
        XCTAssertEqual(size.source, .override)
        XCTAssertEqual(size.overrideKey, "x-ferry.instance")
        XCTAssertEqual(b.workload(named: "trainer")?.decisions.first { $0.topic == "target" }?.evidence.first?.path, "services.trainer.gpus")

        let wrong = try plan(reserving("4", extra: "    x-ferry: {instance: g5.xlarge}"))
        XCTAssertEqual(wrong.ec2CapacityProviders.first?.instanceType, "g5.12xlarge")
        XCTAssertTrue(wrong.findings.contains { $0.id == "FERRY-PLAN-GPU-INSTANCE" })
    }

    func testScalingMinimumZeroScalesTheGroupToZero() throws {
        let b = try plan(reserving("1", extra: "    x-ferry: {scaling: {min: 0, max: 1}}"), tier: .prod)
        XCTAssertEqual(b.ec2CapacityProviders.first?.minSize, 0)
    }

    func testWithoutGPUNothingChangesAndEC2AloneFallsBack() throws {
        let plain = try plan("""
        services:
          api: {image: "ghcr.io/example/api:1.0", ports: ["8080:8080"]}
        """)
        XCTAssertNil(plain.capacityProviders)
        XCTAssertEqual(plain.target("api"), .ecsFargate)
        let asked = try plan("""
        services:
          api: {image: "ghcr.io/example/api:1.0", ports: ["8080:8080"], x-ferry: {target: ecs-ec2}}
        """)
        XCTAssertEqual(asked.target("api"), .ecsFargate)
        XCTAssertTrue(asked.findings.contains { $0.id == "FERRY-PLAN-EC2-WITHOUT-GPU" })
    }

    func testAGPUJobRunsOnBatchGPUInstances() throws {
        let b = try plan("""
        services:
          migrate:
            image: pytorch/pytorch:2.4.0-cuda12.1-cudnn9-runtime
            command: ["python", "finetune.py"]
            restart: "no"
            gpus: all
            x-ferry: {role: job}
        """)
        XCTAssertEqual(b.target("migrate"), .batch)
        XCTAssertEqual(b.workload(named: "migrate")?.gpuCount, 1)
        XCTAssertEqual(b.batch?.gpu, true)
        XCTAssertNil(b.capacityProviders, "a job takes Batch capacity, not an ECS capacity provider")
    }

    func testInvariantsHoldAndCatchAMissingProvider() throws {
        var b = try plan(reserving("1"))
        XCTAssertEqual(BlueprintValidator.violations(of: b), [])
        b.capacityProviders = nil
        XCTAssertEqual(BlueprintValidator.violations(of: b).map(\.invariant), ["ec2-workload-capacity"])
    }
}
