import Blueprint
/// A root template and the nested templates it points to (paths relative to the root template).
public struct CFNStackSet: Sendable, Equatable {
    public var root: CFNTemplate
    public var nested: [NestedTemplate]

    public struct NestedTemplate: Sendable, Equatable {
        /// Relative path, as written in the root's `TemplateURL` (`aws cloudformation package` uploads it).
        public var path: String
        public var template: CFNTemplate
    }
}

/// Splits a template that would break CloudFormation's limits into a root stack and one nested stack per
/// resource group (a workload and everything that belongs to it only).
///
/// One stack per group, not groups packed into stacks by size: a resource's stack is part of its identity,
/// so adding a service must never move another service into a different stack (that would replace it).
/// References that cross a stack boundary are rewritten: the nested stack receives a parameter, the root
/// passes `Ref`/`GetAtt` (or another nested stack's output), and the nested stack exports an output for
/// anything the root or a sibling reads from it. `AWS::StackName` inside a nested stack becomes the root's
/// stack name, so physical names do not change when a template is split.
public enum NestedStackSplitter {
    public static let parentStackNameParameter = "ParentStackName"

    public static func needsSplit(_ template: CFNTemplate) -> Bool {
        template.resources.count > CFNTemplate.Limits.resources
            || template.parameters.count > CFNTemplate.Limits.parameters
            || template.outputs.count > CFNTemplate.Limits.outputs
            || template.yaml().utf8.count > CFNTemplate.Limits.s3Bytes
    }

    public static func split(_ template: CFNTemplate, directory: String = "stacks") -> CFNStackSet {
        let groups = Set(template.resources.values.compactMap(\.group)).sorted()
        guard !groups.isEmpty else { return CFNStackSet(root: template, nested: []) }
        let stackIDs = LogicalIDs(names: groups, suffixes: ["Stack"], reserved: Set(template.resources.keys))
        func stackID(_ group: String) -> String { stackIDs[group] + "Stack" }
        func home(_ id: String) -> String? { template.resources[id]?.group }

        var root = template
        root.resources = template.resources.filter { $0.value.group == nil }
        var children: [String: CFNTemplate] = [:]
        var stackParameters: [String: [String: CFNValue]] = [:]
        var stackDependsOn: [String: Set<String>] = [:]
        var exports: [String: [String: CFNOutput]] = [:]

        /// Where the root reads `ref` (a reference into group `owner`) from: the owner's output.
        func fromRoot(_ ref: CFNReference, owner: String) -> CFNValue {
            let output = outputName(ref)
            let value: CFNValue = ref.attribute.map { .getAtt(ref.target, $0) } ?? .ref(ref.target)
            exports[owner, default: [:]][output] = CFNOutput("\(ref.target) \(ref.attribute ?? "Ref") for the root stack", value)
            return .getAtt(stackID(owner), "Outputs.\(output)")
        }

        for group in groups {
            var child = CFNTemplate(description: childDescription(template.description, group))
            child.resources = template.resources.filter { $0.value.group == group }
            var passed: [String: CFNValue] = [:]

            /// The name of the child parameter that carries `ref` into the child, registering what the root passes.
            func parameter(for ref: CFNReference) -> String? {
                if ref.target == "AWS::StackName" {
                    passed[parentStackNameParameter] = .stackName
                    child.parameters[parentStackNameParameter] = CFNParameter(description: "Name of the root stack (physical names derive from it).")
                    return parentStackNameParameter
                }
                if CFNValue.pseudoParameters.contains(ref.target) { return nil }
                if let rootParameter = template.parameters[ref.target] {
                    passed[ref.target] = .ref(ref.target)
                    child.parameters[ref.target] = rootParameter
                    return ref.target
                }
                guard template.resources[ref.target] != nil, home(ref.target) != group else { return nil }
                let name = parameterName(ref)
                child.parameters[name] = CFNParameter(description: "\(ref.target) \(ref.attribute ?? "Ref") from the root stack.")
                if let owner = home(ref.target) {
                    passed[name] = fromRoot(ref, owner: owner)
                    stackDependsOn[group, default: []].insert(stackID(owner))
                } else {
                    passed[name] = ref.attribute.map { .getAtt(ref.target, $0) } ?? .ref(ref.target)
                }
                return name
            }

            for (id, resource) in child.resources {
                var moved = resource
                moved.properties = resource.properties.mapValues { value in
                    rewriteValue(value, ref: { ref in parameter(for: ref).map { CFNValue.ref($0) } },
                                 subBody: { ref in parameter(for: ref) })
                }
                moved.dependsOn = resource.dependsOn.filter { dependency in
                    guard home(dependency) != group else { return true }
                    stackDependsOn[group, default: []].insert(home(dependency).map(stackID) ?? dependency)
                    return false
                }
                child.resources[id] = moved
            }
            // Conditions the child uses, with the parameters they read.
            var pending = child.resources.values.flatMap(\.conditionNames)
            while let name = pending.popLast() {
                guard child.conditions[name] == nil, let condition = template.conditions[name] else { continue }
                child.conditions[name] = condition
                for ref in condition.references { _ = parameter(for: ref) }
                pending += condition.conditionNames
            }
            children[group] = child
            stackParameters[group] = passed
        }

        // The root's own references into nested stacks become stack outputs.
        func rootValue(_ value: CFNValue) -> CFNValue {
            rewriteValue(value, ref: { ref in
                guard let owner = home(ref.target) else { return nil }
                return fromRoot(ref, owner: owner)
            }, subBody: { ref in
                guard let owner = home(ref.target) else { return nil }
                if case .getAtt(let stack, let attribute) = fromRoot(ref, owner: owner) { return "\(stack).\(attribute)" }
                return nil
            })
        }
        for (id, resource) in root.resources {
            var updated = resource
            updated.properties = resource.properties.mapValues(rootValue)
            updated.dependsOn = resource.dependsOn.map { home($0).map(stackID) ?? $0 }
            root.resources[id] = updated
        }
        for (id, output) in root.outputs {
            var updated = output
            updated.value = rootValue(output.value)
            updated.exportName = output.exportName.map(rootValue)
            root.outputs[id] = updated
        }

        var nested: [CFNStackSet.NestedTemplate] = []
        for group in groups {
            guard var child = children[group] else { continue }
            child.outputs = exports[group] ?? [:]
            let path = "\(directory)/\(stackIDs[group]).yaml"
            var stack = CFNResource("AWS::CloudFormation::Stack", [
                "TemplateURL": .string(path),
                "Parameters": .map(stackParameters[group] ?? [:]),
            ])
            // A dependency already implied by a parameter value is left out (cfn-lint W3005).
            let implied = Set((stackParameters[group] ?? [:]).values.flatMap(\.references).map(\.target))
            stack.dependsOn = (stackDependsOn[group] ?? []).sorted().filter { $0 != stackID(group) && !implied.contains($0) }
            root.resources[stackID(group)] = stack
            nested.append(.init(path: path, template: child))
        }
        // Conditions only the moved resources used went with them (cfn-lint W8001 otherwise).
        var used = Set(root.resources.values.flatMap(\.conditionNames) + root.outputs.values.flatMap { $0.value.conditionNames + ($0.condition.map { [$0] } ?? []) })
        var pending = Array(used)
        while let name = pending.popLast() {
            for inner in root.conditions[name]?.conditionNames ?? [] where used.insert(inner).inserted { pending.append(inner) }
        }
        root.conditions = root.conditions.filter { used.contains($0.key) }
        return CFNStackSet(root: root, nested: nested)
    }

    static func outputName(_ ref: CFNReference) -> String {
        ref.target + (ref.attribute.map(sanitize) ?? "Ref")
    }

    static func parameterName(_ ref: CFNReference) -> String {
        ref.target + (ref.attribute.map(sanitize) ?? "")
    }

    private static func sanitize(_ attribute: String) -> String {
        String(attribute.unicodeScalars.filter { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) }.map(Character.init))
    }

    private static func childDescription(_ description: String, _ group: String) -> String {
        String("\(description) (nested stack: \(group))".prefix(CFNTemplate.Limits.descriptionBytes / 2))
    }

    /// Rewrites `Ref`, `GetAtt` and `${…}` references: `ref` returns the replacement value for a reference
    /// (nil keeps it), `subBody` the replacement `${…}` body.
    static func rewriteValue(_ value: CFNValue, ref: (CFNReference) -> CFNValue?, subBody: (CFNReference) -> String?) -> CFNValue {
        value.rewritten { node in
            switch node {
            case .ref(let target):
                return ref(CFNReference(kind: .ref, target: target)) ?? node
            case .getAtt(let target, let attribute):
                return ref(CFNReference(kind: .getAtt, target: target, attribute: attribute)) ?? node
            case .sub(let text, let vars):
                let body = FnSub.rewrite(text) { body in
                    let reference: CFNReference
                    if let dot = body.firstIndex(of: "."), !body.hasPrefix("AWS::") {
                        reference = CFNReference(kind: .sub, target: String(body[..<dot]), attribute: String(body[body.index(after: dot)...]))
                    } else {
                        reference = CFNReference(kind: .sub, target: body)
                    }
                    if vars[reference.target] != nil { return nil }
                    return subBody(reference)
                }
                return .sub(body, vars)
            default:
                return node
            }
        }
    }
}

extension CFNStackSet {
    /// Resources by type over the root and every nested template (the nested-stack resources included).
    public var resourceCounts: [String: Int] {
        var counts: [String: Int] = [:]
        for template in [root] + nested.map(\.template) {
            for resource in template.resources.values { counts[resource.type, default: 0] += 1 }
        }
        return counts
    }
}
