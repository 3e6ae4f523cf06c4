import Blueprint

/// Everything else is plain configuration in the task definition's `environment`.
struct PlainEnvVar: EnvRule {
    let name = "PlainEnvVar"

    func classify(_ i: EnvInput, _ ctx: PlanningContext) -> EnvVar? {
        let value = i.value ?? ""
        if BrowserVariables.isBrowserSide(i.name) {
            return EnvVar(name: i.name, disposition: .plain, value: .literal(value),
                          reason: "browser-side configuration (public by design); baked in at build time")
        }
        if i.bareName == "PORT" {
            return EnvVar(name: i.name, disposition: .plain, value: .literal(value), reason: "the port the container listens on")
        }
        return EnvVar(name: i.name, disposition: .plain, value: .literal(value),
                      reason: value.isEmpty ? "plain configuration (empty locally)" : "plain configuration")
    }
}
