/// `build` (a mapping after Canonical): context (absolute path, or a URL kept as is),
/// dockerfile, dockerfile_inline, args (a bare name takes its value from the environment),
/// target, platforms. Other build keys are reported.
enum BuildSyntax {
    static func transform(_ node: YAMLNode, service: String, context: TransformContext, diagnostics: inout [Diagnostic]) throws -> Build? {
        let path = "services.\(service).build"
        if node.isNull { return nil }
        let entries = try node.asMapping(path)
        let contextText = try node["context"]?.asOptionalString("\(path).context") ?? "."
        var b = Build(context: isRemote(contextText) ? contextText : Paths.resolve(contextText, against: context.baseDirectory, home: context.home))
        for e in entries {
            let p = "\(path).\(e.key)"
            switch e.key {
            case "context": break
            case "dockerfile": b.dockerfile = try e.value.asOptionalString(p)
            case "dockerfile_inline": b.dockerfileInline = !e.value.isNull; if b.dockerfile == nil { b.dockerfile = nil }
            case "target": b.target = try e.value.asOptionalString(p)
            case "platforms": b.platforms = try e.value.asStringList(p)
            case "args":
                // A bare `- NAME` takes its value from the environment, as Compose does.
                for (k, v, _) in try e.value.asStringMap(p) { b.args[k] = .some(v ?? context.environment.value(k)) }
            default:
                if !e.key.hasPrefix("x-") { diagnostics.append(DeploySyntax.dropped(p, e.keyLocation)) }
            }
        }
        if b.dockerfile == nil, !b.dockerfileInline { b.dockerfile = "Dockerfile" }
        return b
    }

    static func isRemote(_ context: String) -> Bool {
        context.contains("://") || context.hasPrefix("git@") || context.hasPrefix("github.com/")
    }
}
