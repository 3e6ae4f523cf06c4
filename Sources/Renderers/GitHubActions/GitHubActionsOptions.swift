import Blueprint
/// Where things are in the user's git repository; the CLI works these out from the project.
public struct GitHubActionsOptions: Sendable, Equatable {
    /// `owner/name` of the GitHub repository, when known (from the `origin` remote). It becomes the
    /// default of the deploy role template's `GitHubRepository` parameter.
    public var repository: String?
    /// The branch whose pushes deploy (the role trusts only this branch).
    public var branch: String
    /// The Compose project directory relative to the repository root (`.` or `infra`); build
    /// contexts in the Blueprint are relative to it.
    public var projectPath: String
    /// The CloudFormation template relative to the repository root (from `ferry generate --target cloudformation`).
    public var templatePath: String

    public init(repository: String? = nil, branch: String = "main", projectPath: String = ".",
                templatePath: String = "infra/aws/template.yaml") {
        self.repository = repository
        self.branch = branch
        self.projectPath = projectPath
        self.templatePath = templatePath
    }
}

/// Repository-relative path arithmetic for the workflow (POSIX paths, no file system access).
enum RepoPath {
    /// Joins and normalizes: `infra` + `../apps/web` → `apps/web`; never climbs above the root.
    static func join(_ base: String, _ path: String) -> String {
        var parts: [Substring] = path.hasPrefix("/") ? [] : base.split(separator: "/")
        for part in path.split(separator: "/") { parts.append(part) }
        var out: [Substring] = []
        for part in parts {
            switch part {
            case ".", "": continue
            case "..": if !out.isEmpty { out.removeLast() }
            default: out.append(part)
            }
        }
        return out.isEmpty ? "." : out.joined(separator: "/")
    }
}
