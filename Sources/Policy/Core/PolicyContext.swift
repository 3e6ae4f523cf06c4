import Blueprint

/// What checks look at: the Blueprint (what ferry decided, with compose evidence) and the rendered
/// CloudFormation template (what would be deployed). Either may be absent: `ferry check --template`
/// checks a template alone; checks skip what they cannot see.
public struct PolicyContext: Sendable {
    public var blueprint: Blueprint?
    public var template: TemplateDocument?
    public var tier: Tier
    /// Compose service names, longest first (to attribute template resources to services).
    var serviceNames: [String]
    /// Logical-ID prefixes → service, longest first.
    var logicalPrefixes: [(prefix: String, service: String)]
    /// Where each service is declared.
    var servicePositions: [String: SourcePosition]

    public init(blueprint: Blueprint?, template: TemplateDocument?, tier: Tier) {
        self.blueprint = blueprint
        self.template = template
        self.tier = tier
        let index = blueprint.map(BlueprintIndex.init) ?? BlueprintIndex()
        serviceNames = index.serviceNames
        logicalPrefixes = index.logicalPrefixes
        servicePositions = index.positions
    }
}
