import Blueprint

/// RabbitMQ and ActiveMQ → Amazon MQ brokers.
struct BrokerToAmazonMQ: RoleRule {
    let name = "BrokerToAmazonMQ"

    func decide(_ f: ServiceFacts, _ ctx: PlanningContext) -> RoleVerdict? {
        guard let t = f.technology?.technology, t == .rabbitmq || t == .activemq else { return nil }
        return DataStoreRules.verdict(f, rule: name, target: .amazonMQ,
                                      managed: t == .rabbitmq ? "Amazon MQ for RabbitMQ" : "Amazon MQ for ActiveMQ",
                                      alternatives: [Alternative(choice: "SQS/SNS", whyNot: "needs code changes; Amazon MQ keeps the protocol")])
    }
}
