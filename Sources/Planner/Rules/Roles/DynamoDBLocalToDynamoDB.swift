import Blueprint

/// DynamoDB Local → DynamoDB tables (on-demand). Keys come from `x-ferry` or a flagged default.
struct DynamoDBLocalToDynamoDB: RoleRule {
    let name = "DynamoDBLocalToDynamoDB"

    func decide(_ f: ServiceFacts, _ ctx: PlanningContext) -> RoleVerdict? {
        guard f.technology?.technology == .dynamodbLocal else { return nil }
        return DataStoreRules.verdict(f, rule: name, target: .dynamodb, managed: "Amazon DynamoDB", why: "on-demand tables")
    }
}
