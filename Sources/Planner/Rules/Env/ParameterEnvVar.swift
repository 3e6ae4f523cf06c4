import Blueprint

/// Configuration that differs per environment (the runtime environment name, log levels,
/// OAuth client and tenant ids) goes to SSM Parameter Store, so it changes without a new image.
/// Development environment names become `production`.
struct ParameterEnvVar: EnvRule {
    let name = "ParameterEnvVar"
    static let environmentNames: Set<String> = ["NODE_ENV", "RAILS_ENV", "RACK_ENV", "APP_ENV", "ENVIRONMENT", "ENV", "FLASK_ENV",
                                                "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "SPRING_PROFILES_ACTIVE", "GO_ENV",
                                                "MIX_ENV", "APP_ENVIRONMENT", "STAGE", "DEPLOY_ENV", "PYTHON_ENV", "DJANGO_ENV"]
    static let devValues: Set<String> = ["development", "dev", "local", "develop", "debug", "test"]

    func classify(_ i: EnvInput, _ ctx: PlanningContext) -> EnvVar? {
        let u = i.bareName
        var value = i.value ?? ""
        var reason: String
        if Self.environmentNames.contains(u) {
            if Self.devValues.contains(value.lowercased()) {
                value = value.lowercased() == "dev" ? "prod" : "production"
                reason = "runtime environment name: \(i.value ?? "") locally, \(value) on AWS (SSM parameter)"
            } else {
                reason = "runtime environment name (SSM parameter)"
            }
        } else if u == "LOG_LEVEL" || u.hasSuffix("_LOG_LEVEL") || u == "LOGLEVEL" || u == "LOGGING_LEVEL" || u == "RUST_LOG" {
            reason = "log level: per-environment configuration (SSM parameter)"
        } else if u.hasSuffix("_CLIENT_ID") || u.hasSuffix("_TENANT_ID") || u.hasSuffix("_APP_ID") || u.hasSuffix("_PROJECT_ID") {
            reason = "identifier of an external account: per-environment configuration (SSM parameter)"
        } else {
            return nil
        }
        if SecretSignals.valueLooksSecret(value) || !i.secretParts.isEmpty { return nil }
        if value.isEmpty { value = "-" }  // SSM parameters cannot be empty
        let p = ctx.parameter(forEnv: i.name, value: value, service: i.facts.name, description: "\(i.name) of \(ctx.slug)", decisions: [])
        return EnvVar(name: i.name, disposition: .parameter, value: .parameter(name: p), reason: reason)
    }
}
