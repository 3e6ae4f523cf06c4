import Blueprint

/// Blueprint → CloudFormation. A pure function: the same Blueprint always gives the same bytes.
///
/// The Blueprint decides everything (sizes, names, which resources exist); this renderer only spells it
/// the way CloudFormation wants. When the result would break CloudFormation's limits it is split into a
/// root stack and one nested stack per workload (see `NestedStackSplitter`).
public enum CloudFormationRenderer {
    public struct Rendering: Sendable, Equatable {
        /// The root template and nested templates.
        public var stacks: CFNStackSet
        /// Inconsistencies found in the Blueprint or the template (empty for a correct Blueprint).
        public var problems: [String]
        /// template.yaml, nested templates, parameters.json, PARAMETERS.md and README.md.
        public var files: [RenderedFile]
    }

    public static let templateFileName = "template.yaml"
    public static let parametersFileName = "parameters.json"

    /// The single, unsplit template and the Blueprint problems met while rendering it.
    public static func template(for blueprint: Blueprint) -> (template: CFNTemplate, problems: [String]) {
        var c = CFNContext(blueprint)
        NetworkSection.render(&c)
        SecurityGroupSection.render(&c)
        IdentitySection.render(&c)
        ConfigurationSection.render(&c)
        ClusterSection.render(&c)
        CapacitySection.render(&c)
        ServiceDiscoverySection.render(&c)
        LoadBalancerSection.render(&c)
        NetworkLoadBalancerSection.render(&c)
        WorkloadSection.render(&c)
        BatchSection.render(&c)
        DataStoreSection.render(&c)
        StorageSection.render(&c)
        FileSystemSection.render(&c)
        IoTSection.render(&c)
        UserPoolSection.render(&c)
        MessagingSection.render(&c)
        ObservabilitySection.render(&c)
        OutputSection.render(&c)
        if blueprint.network.existingVpcId != nil { NetworkSection.pruneUnusedSubnetParameters(&c) }
        c.template.metadata["ferry"] = [
            "project": .string(blueprint.project),
            "environment": .string(blueprint.environment),
            "tier": .string(blueprint.tier.rawValue),
            "region": .string(blueprint.region),
        ]
        Tagging.apply(tags(blueprint), to: &c.template)
        return (c.template, c.problems)
    }

    /// Project, Environment and ManagedBy, unless the Blueprint sets them itself.
    static func tags(_ b: Blueprint) -> [Tag] { AWSRules.tags(b) }

    public static func render(_ blueprint: Blueprint) -> Rendering {
        let (template, renderProblems) = template(for: blueprint)
        var problems = renderProblems
        var stacks = NestedStackSplitter.needsSplit(template)
            ? NestedStackSplitter.split(template)
            : CFNStackSet(root: template, nested: [])
        // The nested-stack resources the split added take the tags too.
        Tagging.apply(tags(blueprint), to: &stacks.root)

        var files: [RenderedFile] = []
        let rootText = blueprint.templateOverlay.map { overlay in
            YAMLEmitter.emit(TemplateOverlay.apply(TemplateOverlay.retargeted(overlay, blueprint), to: stacks.root.node))
        }
            ?? stacks.root.yaml()
        problems += CFNTemplateCheck.problems(in: stacks.root, yamlBytes: rootText.utf8.count).map { "\(templateFileName): \($0)" }
        files.append(RenderedFile(path: templateFileName, contents: rootText))
        for nested in stacks.nested {
            let child = nested.template
            let text = child.yaml()
            problems += CFNTemplateCheck.problems(in: child, yamlBytes: text.utf8.count).map { "\(nested.path): \($0)" }
            files.append(RenderedFile(path: nested.path, contents: text))
        }
        files.append(RenderedFile(path: parametersFileName, contents: ParametersFile.json(stacks.root)))
        files.append(RenderedFile(path: "PARAMETERS.md", contents: ParametersFile.markdown(stacks.root)))
        files.append(RenderedFile(path: "README.md", contents: DeployReadme.markdown(blueprint, stacks: stacks, rootBytes: rootText.utf8.count)))
        return Rendering(stacks: stacks, problems: problems, files: files)
    }
}
