import Blueprint

/// A service whose device messages now arrive through a topic rule's queue learns the queue's URL
/// (`DEVICE_MESSAGES_QUEUE_URL`); its broker variables are handled by the environment rules as before.
enum IoTRuleDelivery {
    static let variable = "DEVICE_MESSAGES_QUEUE_URL"

    static func run(_ ctx: PlanningContext) {
        for rule in ctx.blueprint.iot?.rules ?? [] where rule.action == .sqs {
            guard let queue = rule.queueName,
                  let i = ctx.blueprint.workloads.firstIndex(where: { $0.name == rule.workload }),
                  !ctx.blueprint.workloads[i].environment.contains(where: { $0.name == variable }) else { continue }
            ctx.blueprint.workloads[i].environment.append(EnvVar(
                name: variable, disposition: .rewritten,
                value: .reference(.arn("https://sqs.${AWS::Region}.amazonaws.com/${AWS::AccountId}/\(queue)")),
                reason: "device messages reach \(rule.workload) through the IoT topic rule \(rule.name) and this queue",
                rule: "MosquittoToIoTCore"))
            ctx.blueprint.workloads[i].environment.sort { $0.name < $1.name }
        }
    }
}
