import Blueprint
/// Structural checks ferry runs on every template it writes, before cfn-lint ever sees it: dangling
/// references, malformed logical IDs, duplicates and CloudFormation's hard limits. A problem here is a
/// bug in a renderer, so `generate` refuses to write the template.
public enum CFNTemplateCheck {
    public static func problems(in template: CFNTemplate, yamlBytes: Int? = nil) -> [String] {
        var problems: [String] = []
        for id in template.duplicateIDs.sorted() { problems.append("logical ID \(id) is defined twice") }
        let ids = Set(template.resources.keys).union(template.parameters.keys)
            .union(template.conditions.keys).union(template.outputs.keys)
        for id in ids.sorted() where !isValidLogicalID(id) {
            problems.append("logical ID \(id) is not 1–255 alphanumeric characters")
        }
        let declared = Set(template.resources.keys).union(template.parameters.keys)

        func checkRefs(_ refs: [CFNReference], in place: String) {
            for ref in Set(refs).sorted() {
                switch ref.kind {
                case .ref:
                    if !declared.contains(ref.target) && !CFNValue.pseudoParameters.contains(ref.target) {
                        problems.append("\(place): Ref to undefined \(ref.target)")
                    }
                case .getAtt:
                    if template.resources[ref.target] == nil {
                        problems.append("\(place): GetAtt on undefined resource \(ref.target)")
                    }
                case .sub:
                    let known = ref.attribute == nil
                        ? declared.contains(ref.target) || CFNValue.pseudoParameters.contains(ref.target)
                        : template.resources[ref.target] != nil
                    if !known { problems.append("\(place): Fn::Sub names undefined ${\(ref.target)}") }
                }
            }
        }
        func checkConditions(_ names: [String], in place: String) {
            for name in Set(names).sorted() where template.conditions[name] == nil {
                problems.append("\(place): undefined condition \(name)")
            }
        }

        for (id, resource) in template.resources.sorted(by: { $0.key < $1.key }) {
            let references = resource.references
            checkRefs(references, in: "Resources.\(id)")
            checkConditions(resource.conditionNames, in: "Resources.\(id)")
            if references.contains(where: { $0.target == id }) {
                problems.append("Resources.\(id): refers to itself")
            }
        }
        for (id, output) in template.outputs.sorted(by: { $0.key < $1.key }) {
            checkRefs(output.value.references + (output.exportName?.references ?? []), in: "Outputs.\(id)")
            checkConditions(output.value.conditionNames + (output.condition.map { [$0] } ?? []), in: "Outputs.\(id)")
        }
        for (id, condition) in template.conditions.sorted(by: { $0.key < $1.key }) {
            for ref in Set(condition.references).sorted() where template.parameters[ref.target] == nil
                && !CFNValue.pseudoParameters.contains(ref.target)
            {
                problems.append("Conditions.\(id): may only refer to parameters, not \(ref.target)")
            }
            checkConditions(condition.conditionNames, in: "Conditions.\(id)")
        }
        for (id, parameter) in template.parameters.sorted(by: { $0.key < $1.key }) {
            if let value = parameter.defaultValue, case .string(let s) = value, !parameter.allowedValues.isEmpty,
               !parameter.allowedValues.contains(s) {
                problems.append("Parameters.\(id): default \(s) is not an allowed value")
            }
        }

        if template.resources.count > CFNTemplate.Limits.resources {
            problems.append("\(template.resources.count) resources (limit \(CFNTemplate.Limits.resources))")
        }
        if template.parameters.count > CFNTemplate.Limits.parameters {
            problems.append("\(template.parameters.count) parameters (limit \(CFNTemplate.Limits.parameters))")
        }
        if template.outputs.count > CFNTemplate.Limits.outputs {
            problems.append("\(template.outputs.count) outputs (limit \(CFNTemplate.Limits.outputs))")
        }
        if template.description.utf8.count > CFNTemplate.Limits.descriptionBytes {
            problems.append("description longer than \(CFNTemplate.Limits.descriptionBytes) bytes")
        }
        if let yamlBytes, yamlBytes > CFNTemplate.Limits.s3Bytes {
            problems.append("template is \(yamlBytes) bytes (limit \(CFNTemplate.Limits.s3Bytes))")
        }
        return problems
    }

    static func isValidLogicalID(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= 255
            && id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) }
    }
}
