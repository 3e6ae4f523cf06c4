import Renderers

extension GenerateTarget {
    /// `github-actions`: the deploy workflow (`.github/workflows/deploy.yml`) and the template with the
    /// OIDC provider and roles it assumes, beside the stack's template. `-o` is the repository root; the
    /// project's place in it, the GitHub repository and the branch are read from `.git`.
    static let githubActions = GenerateTarget(
        name: "github-actions",
        summary: "GitHub Actions deploy workflow (OIDC, ECR push, change set) and its optional IAM role template; -o is the repository root",
        render: { blueprint, context in
            let layout = RepositoryLayout(projectDirectory: context.projectDirectory, repositoryRoot: context.outputDirectory)
            let options = layout.options(templateDirectory: layout.templateDirectory())
            return (GitHubActionsRenderer.render(blueprint, options: options), [])
        })
}
