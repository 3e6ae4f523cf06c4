import Blueprint
/// An IoT policy with `*` lets one stolen device certificate read and write every device's topics.
struct IoTPolicyWildcard: PolicyCheck {
    let id = "FERRY-IOT-001"
    let severity = CheckSeverity.high
    let title = "IoT policies scope actions and topics to the thing"
    let rationale = "Device certificates leak (firmware dumps); a policy limited to the thing's own client id and topics contains the damage."
    let fix = "Allow iot:Connect on client/${iot:Connection.Thing.ThingName} and iot:Publish/Subscribe/Receive on that thing's topic prefix only."
    let related: [String] = []

    func evaluate(_ c: PolicyContext) -> [Violation] {
        var out: [Violation] = []
        for r in c.resources("AWS::IoT::Policy") {
            let statements = r.properties["PolicyDocument"]?["Statement"]
            let list: [TemplateValue]
            if case .array(let a)? = statements { list = a } else { list = statements.map { [$0] } ?? [] }
            for s in list where (s["Effect"]?.string ?? "Allow") == "Allow" {
                let actions = s["Action"]?.stringList ?? []
                if actions.contains(where: { $0 == "*" || $0 == "iot:*" }) {
                    out.append(c.violation(r, "IoT policy allows \(actions.filter { $0.hasSuffix("*") }.joined(separator: ", "))"))
                }
                let resources = (s["Resource"]?.allStrings ?? [])
                if resources.contains(where: { $0 == "*" || $0.hasSuffix(":*") || $0.hasSuffix("topic/*") || $0.hasSuffix("topicfilter/*") || $0.hasSuffix("client/*") }) {
                    out.append(c.violation(r, "IoT policy allows every client or topic (Resource ends in *)"))
                }
            }
        }
        return out
    }
}
