import Blueprint
import ComposeKit
import Foundation
import Migrator

/// Finds, for each secret and parameter of the plan, the value the Compose project gave it and where
/// that value was written. The planner keeps no values (by design); this reads them again from the
/// loaded project, in memory, for `ferry migrate secrets` alone.
enum SecretSources {
    /// `stackTargets` maps a secret's name to the ARN the deployed stack gave it (when known).
    static func items(project: Project, blueprint: Blueprint, stackTargets: [String: String] = [:],
                      environment: [String: String] = ProcessInfo.processInfo.environment) -> [SecretItem] {
        var items: [SecretItem] = []
        for spec in blueprint.secrets {
            let target = stackTargets[spec.secretName] ?? spec.secretName
            var generated = false
            var stackOwned = false
            switch spec.generation {
            case .generated: generated = true
            case .managed, .composed: stackOwned = true
            case .provided: break
            }
            let found = value(of: spec, project: project, blueprint: blueprint, environment: environment)
            items.append(SecretItem(name: spec.name, target: target, store: .secretsManager, source: found.source,
                                    value: found.value, generated: generated, stackOwned: stackOwned))
        }
        for spec in blueprint.parameters {
            items.append(SecretItem(name: spec.name, target: spec.parameterName, store: .parameterStore,
                                    source: "the plan's value of \(spec.name)", value: spec.value))
        }
        return items
    }

    /// The first consumer's variable that reads the secret whole: its value and where it was set.
    static func value(of spec: SecretSpec, project: Project, blueprint: Blueprint,
                      environment: [String: String]) -> (value: String?, source: String) {
        for workload in blueprint.workloads.sorted(by: { $0.name < $1.name }) {
            for variable in workload.environment {
                guard case .secret(let name, let key) = variable.value, name == spec.name, key == nil,
                      let service = project.service(named: workload.name) else { continue }
                if let entry = service.environment.first(where: { $0.name == variable.name }), let value = entry.value {
                    return (value, describe(entry, service: service.name, project: project))
                }
                if let file = composeSecret(for: variable.name, service: service, project: project, environment: environment) {
                    return file
                }
            }
        }
        return (nil, "no compose variable or secrets: entry holds it")
    }

    /// Where an environment entry's value was written, without the value.
    static func describe(_ entry: EnvironmentEntry, service: String, project: Project) -> String {
        if case .envFile(let path) = entry.source { return "\(relative(path, project)) (\(entry.name))" }
        if let reference = entry.references.first(where: { $0.resolution == .environment }) {
            switch project.variableOrigins[reference.variable] {
            case .envFile?: return "the project's .env (\(reference.variable))"
            case .shell?: return "the shell environment (\(reference.variable))"
            default: break
            }
        }
        if let location = entry.location { return "\(relative(location.file, project)):\(location.line) (services.\(service).environment.\(entry.name))" }
        return "services.\(service).environment.\(entry.name)"
    }

    /// A compose `secrets:` entry the planner turned into this variable: its file's content, or the
    /// variable it names.
    static func composeSecret(for variable: String, service: Service, project: Project,
                              environment: [String: String]) -> (value: String?, source: String)? {
        for reference in service.secrets {
            let base = reference.target.map { ($0 as NSString).lastPathComponent } ?? reference.source
            guard envName(base) == variable, let object = project.secrets[reference.source] else { continue }
            if let file = object.file {
                guard let data = FileManager.default.contents(atPath: file) else {
                    return (nil, "secrets.\(reference.source): cannot read \(relative(file, project))")
                }
                return (String(decoding: data, as: UTF8.self), "secrets.\(reference.source) file \(relative(file, project))")
            }
            if let name = object.environment {
                return (environment[name], "secrets.\(reference.source) from the environment variable \(name)")
            }
            return (nil, "secrets.\(reference.source) has no file or environment source")
        }
        return nil
    }

    /// The planner's rule for the variable a compose secret becomes (`db-password` → `DB_PASSWORD`).
    static func envName(_ text: String) -> String {
        String(text.uppercased().map { $0.isLetter || $0.isNumber ? $0 : "_" })
    }

    static func relative(_ path: String, _ project: Project) -> String {
        let base = project.workingDirectory.hasSuffix("/") ? project.workingDirectory : project.workingDirectory + "/"
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }
}
