import Blueprint
import ComposeKit
import Planner
import XCTest

/// Training and batch work goes to AWS Batch: jobs whose command trains, that reserve GPUs or ask for
/// `batch`; and a training job beside a service that writes models and works in notebooks.
final class TrainingJobPlanTests: XCTestCase {
    func plan(_ yaml: String, tier: Tier = .mvp) throws -> Blueprint {
        let project = try ComposeLoader.load(yaml: yaml, workingDirectory: "/project")
        return Planner.plan(project, options: PlanOptions(tier: tier, region: "eu-west-1"))
    }

    static let jobs = """
    name: lab
    services:
      api:
        image: example/api:1.0
        ports: ["8080:8080"]
        environment: {DATABASE_URL: "postgres://app:pw@db:5432/app"}
      db:
        image: postgres:16
        environment: {POSTGRES_PASSWORD: pw, POSTGRES_USER: app, POSTGRES_DB: app}
      train:
        image: example/trainer:2.0
        command: ["torchrun", "--nproc_per_node=1", "train.py", "--epochs", "10"]
        restart: "no"
        environment: {DATABASE_URL: "postgres://app:pw@db:5432/app"}
        deploy:
          resources:
            limits: {cpus: "6", memory: 24G}
            reservations:
              devices: [{driver: nvidia, count: 1, capabilities: [gpu]}]
        x-ferry: {role: job, schedule: "cron(0 3 * * ? *)"}
      migrate:
        image: example/api:1.0
        command: ["python", "manage.py", "migrate"]
        restart: "no"
        depends_on: [db]
    """

    func testTrainingAndGPUJobsRunOnBatchOtherJobsStayOnFargate() throws {
        let b = try plan(Self.jobs)
        let train = try XCTUnwrap(b.workload(named: "train"))
        XCTAssertEqual(train.target, .batch)
        XCTAssertEqual(train.gpuCount, 1)
        XCTAssertEqual(train.size, TaskSize(cpu: 6 * 1024, memory: 24 * 1024), "sized from deploy.resources in whole vCPUs")
        XCTAssertEqual(train.schedule, "cron(0 3 * * ? *)")
        XCTAssertEqual(train.securityGroup, "batch-instances")
        XCTAssertTrue(train.decisions.contains { $0.topic == "target" && $0.alternatives.contains { $0.choice == "sagemaker-training" } })
        XCTAssertEqual(b.workload(named: "migrate")?.target, .ecsFargateTask, "a migration is not training")
        XCTAssertEqual(b.servicePlan(named: "train")?.target, .batch)
        let env = try XCTUnwrap(b.batch)
        XCTAssertTrue(env.gpu)
        XCTAssertTrue(env.spot)
        XCTAssertEqual(env.instanceTypes, ["c6i", "m6i", "r6i", "g5"])
        XCTAssertGreaterThanOrEqual(env.maxvCpus, 12)
        XCTAssertNotNil(b.role(named: "batch-instance"))
        XCTAssertTrue(b.network.securityGroups.contains { $0.name == "batch-instances" })
        XCTAssertEqual(b.network.securityGroups.filter { $0.name == "batch-instances" }.count, 1)
        XCTAssertTrue(b.capacityProviders == nil, "a GPU job takes Batch capacity, not an ECS capacity provider")
        XCTAssertFalse(b.findings.contains { $0.id == "FERRY-PLAN-GPU-JOB" })
        // The database admits the Batch instances.
        let store = try XCTUnwrap(b.dataStores.first)
        let group = try XCTUnwrap(b.network.securityGroups.first { $0.name == store.securityGroup })
        XCTAssertTrue(group.ingress.contains { $0.sourceGroup == "batch-instances" }, "\(group.ingress)")
        XCTAssertEqual(BlueprintValidator.violations(of: b), [])
    }

    static let notebookApp = """
    name: lab
    services:
      app:
        build: .
        ports: ["8501:8501"]
        command: ["sh", "-c", "streamlit run app.py || jupyter lab"]
        volumes:
          - ./data:/home/app/data
          - ./models:/home/app/models
          - ./notebooks:/home/app/notebooks
    """

    func testANotebookServiceWritingModelsGetsATrainingJobWithItsImageAndBuckets() throws {
        let b = try plan(Self.notebookApp)
        let job = try XCTUnwrap(b.workload(named: "app-training"))
        let app = try XCTUnwrap(b.workload(named: "app"))
        XCTAssertEqual(job.role, .job)
        XCTAssertEqual(job.target, .batch)
        XCTAssertEqual(job.image, app.image)
        XCTAssertNil(job.command, "no training command in the compose files: given at ferry run")
        XCTAssertEqual(job.ports, [])
        XCTAssertEqual(job.taskRole, "app-training-task")
        XCTAssertEqual(job.size, TaskSize(cpu: 4096, memory: 16_384))
        XCTAssertTrue(job.environment.contains { $0.name == "MODELS_BUCKET" })
        XCTAssertEqual(b.bucket(named: "models")?.writers, ["app", "app-training"])
        XCTAssertTrue(b.roles.first { $0.name == "app-training-task" }?.statements.contains { $0.sid == "WriteObjects" } ?? false)
        XCTAssertTrue(b.findings.contains { $0.id == "FERRY-PLAN-TRAINING-JOB" && $0.fix.contains("ferry run app-training") })
        XCTAssertEqual(BlueprintValidator.violations(of: b), [])
    }

    func testTrainingOverridesShapeOrDropTheJob() throws {
        let shaped = try plan(Self.notebookApp + """

            x-ferry:
              training: {command: "python train.py --epochs 5", cpu: 8, memory: 32768, gpus: 1}
        """)
        let job = try XCTUnwrap(shaped.workload(named: "app-training"))
        XCTAssertEqual(job.command, ["sh", "-c", "python train.py --epochs 5"])
        XCTAssertEqual(job.size, TaskSize(cpu: 8 * 1024, memory: 32_768))
        XCTAssertEqual(job.gpuCount, 1)
        XCTAssertEqual(shaped.batch?.gpu, true)

        let dropped = try plan(Self.notebookApp + """

            x-ferry: {training: false}
        """)
        XCTAssertNil(dropped.workload(named: "app-training"))
        XCTAssertNil(dropped.batch)
    }

    func testATargetOfBatchMakesAJobAndAServiceKeepsItsRole() throws {
        let b = try plan("""
        services:
          web:
            image: example/web:1.0
            ports: ["80:80"]
            x-ferry: {role: web, target: batch}
          crunch:
            image: example/crunch:1.0
            x-ferry: {target: batch}
        """)
        XCTAssertEqual(b.workload(named: "web")?.target, .ecsFargate)
        XCTAssertTrue(b.findings.contains { $0.id == "FERRY-PLAN-OVERRIDE-CONFLICT" })
        XCTAssertEqual(b.workload(named: "crunch")?.role, .job)
        XCTAssertEqual(b.workload(named: "crunch")?.target, .batch)
        XCTAssertNotNil(b.batch)
    }
}
