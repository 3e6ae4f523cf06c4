import Foundation
import Blueprint

/// Connection strings and hosts that name a replaced datastore are rebuilt for the managed
/// service: `DATABASE_URL` from the database's managed secret, `REDIS_URL` with TLS (`rediss://`)
/// and the auth token, `DB_HOST` as the endpoint, `MQTT_URL` as IoT Core over TLS, bucket and
/// table names as the real resources' names. Credentials in a rebuilt URL make it a secret.
struct ConnectionStringRewrite: EnvRule {
    let name = "ConnectionStringRewrite"

    func classify(_ i: EnvInput, _ ctx: PlanningContext) -> EnvVar? {
        let tokens = i.tokens
        guard let value = i.value, !value.isEmpty else { return nil }
        // Bucket and table names.
        if tokens.contains("BUCKET"), let b = ctx.blueprint.buckets.first(where: { $0.bucketNameHint == value.lowercased() }) {
            return EnvVar(name: i.name, disposition: .rewritten, value: .reference(ResourceReference(kind: .bucket, name: b.name, attribute: "name")),
                          reason: "bucket name: the S3 bucket \(b.name) created for it")
        }
        if tokens.contains("TABLE"), let t = ctx.blueprint.tables.first(where: { $0.tableName == value }) {
            return EnvVar(name: i.name, disposition: .rewritten, value: .reference(ResourceReference(kind: .table, name: t.name, attribute: "name")),
                          reason: "table name: the DynamoDB table \(t.name)")
        }
        for m in i.mentions {
            guard let (store, verdict) = StoreLookup.store(host: m.host, ctx) else { continue }
            let managed = ctx.blueprint.dataStore(named: store.name)
            let ref = { (attr: String) in ResourceReference(kind: .dataStore, name: store.name, attribute: attr) }
            switch StoreLookup.family(of: verdict.target) {
            case .relational?, .mongo?, .broker?:
                guard let managed else { return nil }
                if m.scheme != nil {
                    return composed(i, ctx, store: store.name, managed: managed, mention: m, value: value)
                }
                return EnvVar(name: i.name, disposition: .rewritten, value: .reference(ref("endpoint")),
                              reason: "host of \(store.name): the \(verdict.target.rawValue) endpoint")
            case .redis?, .memcached?:
                guard let managed else { return nil }
                if m.scheme != nil, let secret = managed.credentialsSecret {
                    let path = m.path ?? ""
                    let template = "rediss://:{authToken}@{host}:{port}\(path)"
                    let s = ctx.secret(forEnv: i.name, value: template, service: i.facts.name,
                                       description: "\(i.name) for \(i.facts.name): \(store.name) over TLS with its auth token",
                                       generation: .composed(template: template, parts: ["authToken": ResourceReference(kind: .secret, name: secret, attribute: "token"),
                                                                                         "host": ref("endpoint"), "port": ref("port")]),
                                       decisions: [])
                    return EnvVar(name: i.name, disposition: .rewritten, value: .secret(name: s, key: nil),
                                  reason: "\(store.name) URL rebuilt for \(verdict.target.rawValue): rediss:// (TLS) with the auth token, kept in Secrets Manager")
                }
                if m.scheme != nil {
                    return EnvVar(name: i.name, disposition: .rewritten, value: .template("\(m.scheme ?? "memcache")://{host}:{port}", parts: ["host": ref("endpoint"), "port": ref("port")]),
                                  reason: "\(store.name) URL rebuilt for the managed endpoint")
                }
                return EnvVar(name: i.name, disposition: .rewritten, value: .reference(ref("endpoint")),
                              reason: "host of \(store.name): the \(verdict.target.rawValue) endpoint (TLS required)")
            case .mqtt?:
                let endpoint = ResourceReference(kind: .iotClient, name: "endpoint", attribute: "endpoint")
                if m.scheme != nil {
                    let path = m.path ?? ""
                    return EnvVar(name: i.name, disposition: .rewritten, value: .template("mqtts://{endpoint}:8883\(path)", parts: ["endpoint": endpoint]),
                                  reason: "\(store.name) replaced by AWS IoT Core: MQTT over TLS on 8883 at the account's IoT data endpoint")
                }
                return EnvVar(name: i.name, disposition: .rewritten, value: .reference(endpoint),
                              reason: "\(store.name) replaced by AWS IoT Core: the account's IoT data endpoint")
            case .kafka?:
                guard managed != nil else {
                    // ZooKeeper folded into MSK: nothing to point at; clients use the bootstrap brokers.
                    return EnvVar(name: i.name, disposition: .removed, value: .unset,
                                  reason: "\(store.name) is part of Amazon MSK, which does not expose ZooKeeper to clients: connect to the bootstrap brokers instead")
                }
                return EnvVar(name: i.name, disposition: .rewritten, value: .reference(ref("bootstrapBrokers")),
                              reason: "\(store.name) replaced by Amazon MSK: its TLS bootstrap brokers")
            case .search?:
                return EnvVar(name: i.name, disposition: .rewritten, value: .template("https://{endpoint}", parts: ["endpoint": ref("endpoint")]),
                              reason: "\(store.name) replaced by Amazon OpenSearch Service: its HTTPS endpoint")
            default:
                continue
            }
        }
        // `REDIS_PORT=6379`, `MQTT_PORT=1883`, `DB_PORT`: the managed port.
        if tokens.last == "PORT", let family = StoreLookup.family(ofPrefix: tokens.first ?? ""),
           let (store, verdict) = StoreLookup.store(family: family, for: i.facts.name, ctx),
           let port = StoreLookup.managedPort(verdict.target, store: ctx.blueprint.dataStore(named: store.name)) {
            return EnvVar(name: i.name, disposition: .rewritten, value: .literal(String(port)),
                          reason: "port of \(verdict.target.rawValue) replacing \(store.name)")
        }
        if let family = StoreLookup.family(ofPrefix: tokens.first ?? ""), [.redis, .relational, .mqtt, .broker, .mongo].contains(family),
           tokens.contains(where: { ["SSL", "TLS"].contains($0) }),
           StoreLookup.store(family: family, for: i.facts.name, ctx) != nil {
            return EnvVar(name: i.name, disposition: .rewritten, value: .literal("true"), reason: "the managed service requires TLS")
        }
        return nil
    }

    /// `postgresql://user:pass@db:5432/app?schema=auth` → a secret composed at deploy time from the
    /// managed credentials and endpoint, keeping the scheme, database path and query.
    private func composed(_ i: EnvInput, _ ctx: PlanningContext, store: String, managed: DataStore, mention m: HostMention, value: String) -> EnvVar {
        let scheme = m.scheme ?? "postgresql"
        var path = m.path ?? ""
        var extra = ""
        switch managed.kind {
        case .documentdb:
            extra = path.contains("?") ? "&tls=true&retryWrites=false" : "?tls=true&retryWrites=false"
        case .amazonMQ:
            path = ""
        default:
            if path.isEmpty || path == "/" { path = "/" + (managed.databaseName ?? "") }
        }
        let outScheme = managed.kind == .amazonMQ ? "amqps" : scheme
        let template = "\(outScheme)://{username}:{password}@{host}:{port}\(path)\(extra)"
        let secret = managed.credentialsSecret ?? "\(store)-master"
        let ref = { (attr: String) in ResourceReference(kind: .dataStore, name: store, attribute: attr) }
        let s = ctx.secret(forEnv: i.name, value: template, service: i.facts.name,
                           description: "\(i.name) for \(i.facts.name): \(managed.kind.rawValue) connection string",
                           generation: .composed(template: template, parts: [
                               "username": ref("username"),
                               "password": ResourceReference(kind: .secret, name: secret, attribute: "password"),
                               "host": ref("endpoint"), "port": ref("port"),
                           ]), decisions: [])
        return EnvVar(name: i.name, disposition: .rewritten, value: .secret(name: s, key: nil),
                      reason: "connection string to \(store) rebuilt for \(managed.kind.rawValue) from its managed credentials, kept in Secrets Manager")
    }
}
