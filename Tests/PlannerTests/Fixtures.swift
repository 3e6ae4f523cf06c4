import Foundation
import ComposeKit
import Blueprint
@testable import Planner

/// Builds `Project` values in code, so rule tests need neither files nor the loader.
enum Fixture {
    static func service(_ name: String, image: String? = nil, build: String? = nil, env: [String: String] = [:],
                        ports: [Int] = [], published: [Int: Int] = [:], expose: [Int] = [], command: [String]? = nil,
                        entrypoint: [String]? = nil, health: [String]? = nil, restart: String? = nil,
                        dependsOn: [String: String] = [:], volumes: [VolumeMount] = [], profiles: [String] = [],
                        xferry: ComposeValue? = nil, extensions: [String: ComposeValue] = [:]) -> Service {
        var s = Service(name: name)
        s.image = image
        s.build = build.map { Build(context: "/project/\($0)") }
        s.environment = env.sorted { $0.key < $1.key }.map { EnvironmentEntry(name: $0.key, value: $0.value) }
        s.ports = ports.map { PortMapping(target: $0, published: String($0)) } + published.sorted { $0.key < $1.key }.map { PortMapping(target: $0.value, published: String($0.key)) }
        s.expose = expose.map(String.init)
        s.command = command
        s.entrypoint = entrypoint
        s.healthcheck = health.map { Healthcheck(test: $0) }
        s.restart = restart
        s.dependsOn = dependsOn.sorted { $0.key < $1.key }.map { Dependency(service: $0.key, condition: $0.value) }
        s.volumes = volumes
        s.profiles = profiles
        s.extensions = extensions
        if let xferry { s.extensions["x-ferry"] = xferry }
        return s
    }

    static func project(_ services: [Service], name: String = "demo", extensions: [String: ComposeValue] = [:]) -> Project {
        Project(name: name, workingDirectory: "/project", services: services.sorted { $0.name < $1.name }, extensions: extensions)
    }

    static func map(_ pairs: [(String, ComposeValue)]) -> ComposeValue { .mapping(pairs.map { (key: $0.0, value: $0.1) }) }

    static func plan(_ p: Project, tier: Tier? = nil) -> Blueprint { Planner.plan(p, options: PlanOptions(tier: tier, region: "eu-west-1")) }

    static func json(_ b: Blueprint) -> String {
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys]
        return (try? enc.encode(b)).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }
}

extension Blueprint {
    func role(_ name: String) -> ServiceRole? { servicePlan(named: name)?.role }
    func target(_ name: String) -> DeploymentTarget? { servicePlan(named: name)?.target }
    func env(_ service: String, _ name: String) -> EnvVar? {
        (workload(named: service)?.environment ?? servicePlan(named: service)?.environment)?.first { $0.name == name }
    }
}
