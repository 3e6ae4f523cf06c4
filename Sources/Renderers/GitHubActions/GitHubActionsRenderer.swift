import Blueprint

/// `ferry generate --target github-actions`: the deploy workflow and the optional template with
/// the OIDC provider and roles it needs. Paths are relative to the output directory, which is
/// meant to be the repository root.
public enum GitHubActionsRenderer {
    public static let workflowPath = ".github/workflows/deploy.yml"
    public static let roleTemplatePath = "aws/github-deploy-role.yaml"

    public static func render(_ blueprint: Blueprint, options: GitHubActionsOptions = GitHubActionsOptions()) -> [RenderedFile] {
        [
            RenderedFile(path: workflowPath,
                         contents: DeployWorkflow.render(blueprint, options, roleTemplatePath: roleTemplatePath)),
            RenderedFile(path: roleTemplatePath, contents: deployRoleTemplate(blueprint, options: options).yaml()),
        ]
    }

    /// The OIDC provider, deploy role, CloudFormation role and artifact bucket, as a template value.
    public static func deployRoleTemplate(_ blueprint: Blueprint, options: GitHubActionsOptions = GitHubActionsOptions()) -> CFNTemplate {
        DeployRoleTemplate.render(blueprint, options)
    }
}
