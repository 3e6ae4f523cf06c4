import Blueprint

/// Credentials for a replaced service: static AWS keys and MinIO root keys (task roles replace
/// them), MQTT broker passwords (IoT Core uses certificates and task roles), and database or
/// cache passwords and user names (the managed secret supplies them).
struct ReplacedCredential: EnvRule {
    let name = "ReplacedCredential"

    func classify(_ i: EnvInput, _ ctx: PlanningContext) -> EnvVar? {
        let u = i.bareName
        let tokens = i.tokens
        let isKeyPair = u.hasSuffix("ACCESS_KEY_ID") || u.hasSuffix("SECRET_ACCESS_KEY") || u.hasSuffix("ACCESS_KEY") || u.hasSuffix("SECRET_KEY")
            || u == "AWS_SESSION_TOKEN"
        let first = tokens.first ?? ""
        let family = StoreLookup.family(ofPrefix: first)
        // AWS static keys: the task role replaces them everywhere.
        if first == "AWS", isKeyPair {
            return EnvVar(name: i.name, disposition: .removed, value: .unset,
                          reason: "static AWS keys: the task role gives the container temporary credentials")
        }
        // MinIO / S3-compatible root or access keys.
        if family == .objectStore || first == "MINIO" {
            if isKeyPair || u.hasSuffix("ROOT_USER") || u.hasSuffix("ROOT_PASSWORD") || u.hasSuffix("_USER") || u.hasSuffix("_PASSWORD") {
                return EnvVar(name: i.name, disposition: .removed, value: .unset,
                              reason: "object-store credentials: on S3 the task role grants access to the bucket")
            }
        }
        // MQTT user/password: IoT Core authenticates devices by certificate and services by IAM.
        if family == .mqtt, tokens.contains(where: { ["USER", "USERNAME", "PASSWORD", "PASS", "PWD"].contains($0) }),
           ctx.blueprint.iot != nil {
            return EnvVar(name: i.name, disposition: .removed, value: .unset,
                          reason: "MQTT broker credentials: AWS IoT Core authenticates with certificates (devices) and the task role (services)")
        }
        // Database/cache user and password that match a managed store's credentials.
        guard let family, [.relational, .redis, .mongo, .broker].contains(family),
              let (store, _) = StoreLookup.store(family: family, for: i.facts.name, ctx),
              let managed = ctx.blueprint.dataStore(named: store.name), let secret = managed.credentialsSecret else { return nil }
        if tokens.contains(where: { ["PASSWORD", "PASS", "PWD", "SECRET", "TOKEN", "AUTH"].contains($0) }) {
            let key: String? = family == .redis ? "token" : "password"
            return EnvVar(name: i.name, disposition: .rewritten, value: .secret(name: secret, key: key),
                          reason: "password of \(store.name): read from the managed secret \(secret)")
        }
        if tokens.contains(where: { ["USER", "USERNAME", "LOGIN"].contains($0) }) {
            return EnvVar(name: i.name, disposition: .rewritten, value: .literal(managed.masterUsername ?? "app"),
                          reason: "user name of \(store.name): the managed service's master user")
        }
        if tokens.last == "NAME" || tokens.last == "DB" || tokens.last == "DATABASE", family == .relational, let db = managed.databaseName {
            return EnvVar(name: i.name, disposition: .rewritten, value: .literal(db), reason: "database name of \(store.name)")
        }
        return nil
    }
}
