import XCTest
@testable import ComposeKit

/// GPU reservations survive loading: `deploy.resources.reservations.devices` and `gpus`.
final class DeviceRequestTests: XCTestCase {
    func testReservedDevicesKeepDriverCountIDsAndCapabilities() throws {
        let p = try TestSupport.load("""
        services:
          model:
            image: vllm/vllm-openai:v0.6.0
            deploy:
              resources:
                reservations:
                  memory: 16g
                  devices:
                    - driver: nvidia
                      count: 2
                      capabilities: [gpu, utility]
                    - device_ids: ["0", "3"]
                      capabilities: [gpu]
                      options: {virtualization: "false"}
          every:
            image: ollama/ollama
            deploy: {resources: {reservations: {devices: [{driver: nvidia, count: all, capabilities: [gpu]}]}}}
        """)
        let model = try XCTUnwrap(p.service(named: "model"))
        let devices = try XCTUnwrap(model.deploy?.reservations?.devices)
        XCTAssertEqual(devices.count, 2)
        XCTAssertEqual(devices[0].driver, "nvidia")
        XCTAssertEqual(devices[0].count, 2)
        XCTAssertEqual(devices[0].capabilities, ["gpu", "utility"])
        XCTAssertEqual(devices[1].deviceIDs, ["0", "3"])
        XCTAssertEqual(devices[1].requestedCount, 2)
        XCTAssertEqual(devices[1].options, ["virtualization": "false"])
        XCTAssertEqual(model.deploy?.reservations?.memoryBytes, 16 << 30)
        XCTAssertNotNil(model.locations["deploy.resources.reservations.devices"])
        XCTAssertFalse(p.diagnostics.contains { $0.keyPath?.contains("devices") ?? false }, "\(p.diagnostics)")
        let every = try XCTUnwrap(p.service(named: "every")?.deploy?.reservations?.devices.first)
        XCTAssertEqual(every.count, -1)
        XCTAssertNil(every.requestedCount)
    }

    func testGPUsKeyAllOrList() throws {
        let p = try TestSupport.load("""
        services:
          a:
            image: pytorch/pytorch
            gpus: all
          b:
            image: pytorch/pytorch
            gpus:
              - driver: nvidia
                count: 1
        """)
        XCTAssertEqual(p.service(named: "a")?.gpus.first?.count, -1)
        XCTAssertEqual(p.service(named: "b")?.gpus.first?.count, 1)
        XCTAssertEqual(p.service(named: "b")?.gpus.first?.driver, "nvidia")
        XCTAssertNil(p.service(named: "a")?.otherKeys["gpus"])
        XCTAssertFalse(p.diagnostics.contains { $0.keyPath == "services.a.gpus" })
    }

    func testConfigPrintsDeviceRequests() throws {
        let p = try TestSupport.load("""
        services:
          a:
            image: pytorch/pytorch
            gpus: all
            deploy: {resources: {reservations: {devices: [{driver: nvidia, count: 1, capabilities: [gpu]}]}}}
        """)
        let doc = p.configDocument.yaml()
        XCTAssertTrue(doc.contains("gpus:\n      - count: -1"), doc)
        XCTAssertTrue(doc.contains("capabilities:\n                - gpu"), doc)
    }

    func testBadGPUsValueIsAnError() {
        TestSupport.assertFails("""
        services:
          a:
            image: x
            gpus: some
        """, "services.a.gpus must be \"all\" or a list")
        TestSupport.assertFails("""
        services:
          a:
            image: x
            deploy: {resources: {reservations: {devices: [{count: many, capabilities: [gpu]}]}}}
        """, "devices[0].count must be an integer")
    }
}
