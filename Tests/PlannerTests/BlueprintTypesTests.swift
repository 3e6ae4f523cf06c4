import XCTest
import Blueprint

final class BlueprintTypesTests: XCTestCase {
    func testFargateFitRoundsUpToAValidPair() {
        XCTAssertEqual(FargateSizes.fit(cpu: 0, memory: 0), TaskSize(cpu: 256, memory: 512))
        XCTAssertEqual(FargateSizes.fit(cpu: 2048, memory: 4096), TaskSize(cpu: 2048, memory: 4096))
        XCTAssertEqual(FargateSizes.fit(cpu: 300, memory: 512), TaskSize(cpu: 512, memory: 1024))
        XCTAssertEqual(FargateSizes.fit(cpu: 256, memory: 3000), TaskSize(cpu: 512, memory: 3072))
        XCTAssertEqual(FargateSizes.fit(cpu: 99999, memory: 1), TaskSize(cpu: 16384, memory: 122880))
        for row in FargateSizes.table { for m in row.memory { XCTAssertTrue(FargateSizes.isValid(TaskSize(cpu: row.cpu, memory: m))) } }
    }

    func testBlueprintRoundTripsThroughJSON() throws {
        var b = Blueprint(project: "demo", tier: .prod, region: "eu-west-1")
        b.workloads = [Workload(name: "api", role: .web, image: ImageSource(image: "nginx:1"),
                                environment: [EnvVar(name: "K", disposition: .secret, value: .secret(name: "k", key: nil), reason: "r")],
                                taskRole: "api-task", executionRole: "execution", logGroup: "api")]
        b.secrets = [SecretSpec(name: "k", secretName: "demo/prod/k", description: "d",
                                generation: .composed(template: "x{a}", parts: ["a": ResourceReference(kind: .dataStore, name: "db", attribute: "endpoint")]))]
        b.services = [ServicePlan(name: "api", role: .web, target: .ecsFargate, isPublic: true, reasons: ["r"])]
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys]
        let data = try enc.encode(b)
        XCTAssertEqual(try JSONDecoder().decode(Blueprint.self, from: data), b)
        XCTAssertEqual(try enc.encode(b), data)
        let summary = PlanSummary(b)
        XCTAssertEqual(summary.env.map(\.name), ["K"])
        XCTAssertEqual(summary.resources["AWS::ECS::Service"], 1)
    }
}
