import Blueprint

/// DynamoDB tables replacing DynamoDB Local: one per `x-ferry` table or per table name found in
/// clients' `*TABLE*` variables; on-demand. Keys the compose files cannot show come from
/// `x-ferry`; otherwise a default `pk`/`sk` is used and reported.
enum TableBuilder {
    static func run(_ ctx: PlanningContext) {
        for f in ctx.facts where ctx.verdicts[f.name]?.target == .dynamodb && ctx.verdicts[f.name]?.role == .datastore {
            let clients = ctx.clients(of: f.name)
            var names: [(String, Evidence?)] = []
            for t in f.overrides.tables { if let n = t.name, !names.contains(where: { $0.0 == n }) { names.append((n, f.overrides.overrideEvidence("table").first)) } }
            // Overrides on clients too (`x-ferry.table` on the app).
            for c in clients.compactMap(ctx.facts) {
                for e in c.service.environment where e.name.uppercased().contains("TABLE") {
                    guard let v = e.value, !v.isEmpty, !v.contains("://"), v.count <= 255,
                          v.allSatisfy({ $0.isLetter || $0.isNumber || "_-.".contains($0) }) else { continue }
                    if !names.contains(where: { $0.0 == v }) {
                        names.append((v, Evidence(path: "services.\(c.name).environment.\(e.name)", value: v, position: e.location.map(SourcePosition.init))))
                    }
                }
            }
            if names.isEmpty { names = [("\(ctx.slug)-\(f.shortName)", nil)] }
            let overrides = f.overrides.tables + clients.compactMap(ctx.facts).flatMap(\.overrides.tables)
            for (i, (tableName, evidence)) in names.sorted(by: { $0.0 < $1.0 }).enumerated() {
                let o = overrides.first { $0.name == tableName } ?? (overrides.count == 1 && names.count == 1 ? overrides.first : nil)
                // A table name is unique in an account and Region: a second DynamoDB Local naming the same
                // table declares the same table, and its clients share it.
                if let existing = ctx.blueprint.tables.firstIndex(where: { $0.tableName == tableName }) {
                    merge(into: existing, from: f.name, clients: clients, override: o, ctx)
                    if i == 0 { ctx.elements[f.name] = "tables.\(ctx.blueprint.tables[existing].name)" }
                    continue
                }
                let logical = uniqueLogicalName(Naming.shortName(tableName, project: ctx.project.name), ctx)
                var decisions = ctx.verdicts[f.name]?.decisions ?? []
                decisions.append(Decision(topic: "tableName", choice: tableName, reason: evidence == nil ? "no table name found: named after the service" : "table name the app uses",
                                          evidence: evidence.map { [$0] } ?? [], overrideKey: "x-ferry.table", rule: "DynamoDBLocalToDynamoDB"))
                let pk = o?.partitionKey ?? KeyAttribute(name: "pk")
                let sk = o == nil ? KeyAttribute(name: "sk") : o?.sortKey
                decisions.append(Decision(topic: "keys", choice: "\(pk.name)\(sk.map { " / \($0.name)" } ?? "")",
                                          reason: o == nil ? "the compose files cannot show the key schema: a generic pk/sk default, flagged" : "keys from x-ferry",
                                          source: o == nil ? .default : .override, overrideKey: "x-ferry.partition_key", rule: "DynamoDBLocalToDynamoDB"))
                decisions.append(Decision(topic: "billingMode", choice: "PAY_PER_REQUEST", reason: "on-demand: no capacity to guess, pay per request", source: .default, rule: "DynamoDBLocalToDynamoDB"))
                ctx.blueprint.tables.append(DynamoDBTable(name: logical, tableName: tableName, partitionKey: pk, sortKey: sk,
                                                          pointInTimeRecovery: ctx.defaults.pointInTimeRecovery,
                                                          deletionProtection: ctx.defaults.deletionProtection, keysAreDefault: o == nil,
                                                          ttlAttribute: o?.ttl, clients: clients, replaces: f.name, decisions: decisions))
                if i == 0 { ctx.elements[f.name] = "tables.\(logical)" }
                if o == nil {
                    ctx.addFinding(Finding(id: "FERRY-PLAN-DEFAULT-KEYS", severity: .warning,
                                           message: "table \(tableName) uses default keys pk/sk: the compose files do not show the real key schema",
                                           subject: "tables.\(logical)", evidence: evidence.map { [$0] } ?? [],
                                           fix: "set x-ferry: {table: \(tableName), partition_key: <name>, sort_key: <name>} on \(f.name)"), waiverFor: f.name)
                }
            }
        }
    }
}

extension TableBuilder {
    /// Adds `service`'s clients to the table already planned; keys that disagree are reported, the first kept.
    static func merge(into index: Int, from service: String, clients: [String], override: ServiceOverrides.TableOverride?, _ ctx: PlanningContext) {
        var table = ctx.blueprint.tables[index]
        table.clients += clients.filter { !table.clients.contains($0) }
        if let override, !table.keysAreDefault,
           override.partitionKey != table.partitionKey || override.sortKey != table.sortKey {
            ctx.addFinding(Finding(id: "FERRY-PLAN-TABLE-KEYS", severity: .warning,
                                   message: "\(service) declares table \(table.tableName ?? table.name) with other keys than \(table.replaces ?? "another service"): the first declaration's keys are used",
                                   subject: "tables.\(table.name)", evidence: [],
                                   fix: "give both services the same x-ferry partition_key and sort_key, or different table names"), waiverFor: service)
        }
        ctx.blueprint.tables[index] = table
    }

    /// Different table names can shorten to the same logical name (`shop-items` and `items` in project
    /// shop): later ones get a numeric suffix, so every table has its own resource.
    static func uniqueLogicalName(_ base: String, _ ctx: PlanningContext) -> String {
        var candidate = base
        var n = 2
        while ctx.blueprint.tables.contains(where: { $0.name == candidate }) {
            candidate = "\(base)-\(n)"
            n += 1
        }
        return candidate
    }
}

/// AWS IoT Core replacing an MQTT broker: a thing type, and a policy that lets a device connect
/// as its own thing and use only its own topics.
enum IoTBuilder {
    static func run(_ ctx: PlanningContext) {
        guard let f = ctx.facts.first(where: { ctx.verdicts[$0.name]?.target == .iotCore && ctx.verdicts[$0.name]?.role == .datastore }) else { return }
        let clients = ctx.clients(of: f.name)
        var topics = f.overrides.topics
        var evidence: [Evidence] = []
        let broker = MosquittoConfig.from(f.service.brokerConfig)
        let acl = broker.map { MosquittoACLTopics(config: $0, service: f.name) }
        if topics.isEmpty, let acl, !acl.all.isEmpty {
            topics = acl.all
            evidence += acl.evidence
        }
        if topics.isEmpty {
            for c in ([f.name] + clients).compactMap(ctx.facts) {
                for e in c.service.environment where e.name.uppercased().contains("TOPIC") {
                    guard let v = e.value, !v.isEmpty, !v.contains(" ") else { continue }
                    topics.append(v)
                    evidence.append(Evidence(path: "services.\(c.name).environment.\(e.name)", value: v, position: e.location.map(SourcePosition.init)))
                }
            }
        }
        let thing = "${iot:Connection.Thing.ThingName}"
        var scoped = topics.map { t -> String in
            if t.contains(thing) { return t }
            // The first single-level wildcard is the device id: pin it to the connecting thing.
            if let r = t.range(of: "+") { return t.replacingCharacters(in: r, with: thing) }
            return t
        }
        if scoped.isEmpty { scoped = ["\(ctx.slug)/\(thing)/*"] }
        scoped = Array(Set(scoped)).sorted()
        let fromACL = f.overrides.topics.isEmpty && !(acl?.all.isEmpty ?? true)
        var decisions = (ctx.verdicts[f.name]?.decisions ?? []) + [
            Decision(topic: "topics", choice: scoped.joined(separator: ", "),
                     reason: topics.isEmpty ? "no topic found in the compose files: each device gets \(ctx.slug)/<thing>/*"
                         : fromACL ? "topic filters from the broker's ACL, %c/%u scoped to the connecting thing"
                         : "topic filters from the compose files, scoped to the connecting thing",
                     evidence: evidence, overrideKey: "x-ferry.topics", rule: "MosquittoToIoTCore"),
        ]
        let devices = broker?.users ?? []
        if let broker {
            decisions.append(Decision(topic: "devices", choice: devices.isEmpty ? "none listed" : devices.joined(separator: ", "),
                reason: devices.isEmpty ? "the broker's password and ACL files name no user: register each device with ferry iot add-device NAME"
                    : "each broker user becomes a thing with its own certificate: ferry iot add-device NAME",
                evidence: [Evidence(path: broker.file ?? "mosquitto.conf")], rule: "MosquittoToIoTCore"))
            MosquittoDifferences.report(broker, service: f.name, ctx: ctx)
        }
        ctx.blueprint.iot = IoTCoreSetup(replaces: f.name, thingTypeName: "\(ctx.slug)-device", policyName: "\(ctx.slug)-\(ctx.environment)-device",
                                         topics: scoped, clients: clients,
                                         publishTopics: fromACL ? acl?.publish ?? [] : [], subscribeTopics: fromACL ? acl?.subscribe ?? [] : [],
                                         devices: devices,
                                         rules: IoTTopicRuleBuilder.rules(ctx, broker: f.name, clients: clients,
                                                                          deviceTopics: fromACL ? acl?.publish ?? [] : scoped),
                                         decisions: decisions)
        ctx.elements[f.name] = "iot"
    }
}
