import Blueprint

/// `ferry generate --target github-actions`: the deploy workflow and the optional template with
/// the OIDC provider and roles it needs, next to the stack's own template. Paths are relative to
/// the repository root.
public enum GitHubActionsRenderer {
    public static let workflowPath = ".github/workflows/deploy.yml"
    public static let roleTemplateName = "github-deploy-role.yaml"

    /// Beside the CloudFormation template: `infra/aws/github-deploy-role.yaml`.
    public static func roleTemplatePath(_ options: GitHubActionsOptions) -> String {
        let directory = options.templatePath.split(separator: "/").dropLast().joined(separator: "/")
        return directory.isEmpty ? roleTemplateName : directory + "/" + roleTemplateName
    }

    public static func render(_ blueprint: Blueprint, options: GitHubActionsOptions = GitHubActionsOptions()) -> [RenderedFile] {
        let rolePath = roleTemplatePath(options)
        return [
            RenderedFile(path: workflowPath, contents: DeployWorkflow.render(blueprint, options, roleTemplatePath: rolePath)),
            RenderedFile(path: rolePath, contents: deployRoleTemplate(blueprint, options: options).yaml()),
        ]
    }

    /// The OIDC provider, deploy role, CloudFormation role and artifact bucket, as a template value.
    public static func deployRoleTemplate(_ blueprint: Blueprint, options: GitHubActionsOptions = GitHubActionsOptions()) -> CFNTemplate {
        DeployRoleTemplate.render(blueprint, options)
    }
}
