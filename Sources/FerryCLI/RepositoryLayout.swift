import Foundation
import Renderers

/// Where the Compose project sits in its git repository, for the GitHub Actions workflow: the
/// repository root (the nearest directory holding `.git`), the project directory relative to it,
/// the GitHub `owner/name` of the `origin` remote and the checked-out branch. Read from files only
/// (no `git` process), and every part has a fallback: a project outside git is its own root.
struct RepositoryLayout: Equatable {
    var root: String
    var projectPath: String
    var repository: String?
    var branch: String?

    /// `repositoryRoot`: the directory the workflow is written under (`ferry generate -o DIR`); nil
    /// finds it from the project directory.
    init(projectDirectory: String, repositoryRoot: String? = nil) {
        let project = URL(fileURLWithPath: projectDirectory).standardizedFileURL.path
        let root = repositoryRoot.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
            ?? Self.gitRoot(from: project) ?? project
        self.root = root
        self.projectPath = Self.relative(project, to: root)
        let git = Self.gitRoot(from: root).flatMap(Self.gitDirectory(at:))
        self.repository = git.flatMap { Self.originRepository(configAt: $0 + "/config") }
        self.branch = git.flatMap { Self.currentBranch(headAt: $0 + "/HEAD") }
    }

    /// Options for the renderer; `templateDirectory` is where the CloudFormation output is kept,
    /// relative to the repository root.
    func options(templateDirectory: String) -> GitHubActionsOptions {
        let directory = templateDirectory.hasSuffix("/") ? String(templateDirectory.dropLast()) : templateDirectory
        return GitHubActionsOptions(repository: repository, branch: branch ?? "main", projectPath: projectPath,
                                    templatePath: (directory.isEmpty || directory == "." ? "" : directory + "/") + "template.yaml")
    }

    /// Where an earlier `ferry generate --target cloudformation` wrote its template under the root
    /// (a `.ferry-generated` manifest listing `template.yaml`, at most three levels down), else `infra/aws`.
    func templateDirectory() -> String {
        let skip: Set<String> = [".git", ".build", "node_modules", ".venv", ".venv-test", ".venv-checkov"]
        var found: [String] = []
        func scan(_ relative: String, depth: Int) {
            let path = relative.isEmpty ? root : root + "/" + relative
            if let manifest = try? String(contentsOfFile: path + "/.ferry-generated", encoding: .utf8),
               manifest.split(separator: "\n").contains("template.yaml") {
                found.append(relative.isEmpty ? "." : relative)
            }
            guard depth < 3, let entries = try? FileManager.default.contentsOfDirectory(atPath: path) else { return }
            for entry in entries.sorted() where !skip.contains(entry) {
                var isDirectory: ObjCBool = false
                let child = relative.isEmpty ? entry : relative + "/" + entry
                if FileManager.default.fileExists(atPath: root + "/" + child, isDirectory: &isDirectory), isDirectory.boolValue {
                    scan(child, depth: depth + 1)
                }
            }
        }
        scan("", depth: 0)
        return found.sorted().first ?? "infra/aws"
    }

    static func gitRoot(from directory: String) -> String? {
        var url = URL(fileURLWithPath: directory)
        while true {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent(".git").path) { return url.path }
            let parent = url.deletingLastPathComponent()
            if parent.path == url.path { return nil }
            url = parent
        }
    }

    /// `.git` is a directory, or (worktrees, submodules) a file `gitdir: PATH`.
    static func gitDirectory(at root: String) -> String? {
        let dotGit = root + "/.git"
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dotGit, isDirectory: &isDirectory) else { return nil }
        if isDirectory.boolValue { return dotGit }
        guard let text = try? String(contentsOfFile: dotGit, encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("gitdir:") }) else { return nil }
        let path = line.dropFirst("gitdir:".count).trimmingCharacters(in: .whitespaces)
        return path.hasPrefix("/") ? path : root + "/" + path
    }

    /// `owner/name` from the `origin` remote's URL when it points at GitHub.
    static func originRepository(configAt path: String) -> String? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        var inOrigin = false
        for raw in text.split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") { inOrigin = line == "[remote \"origin\"]"; continue }
            guard inOrigin, line.hasPrefix("url") else { continue }
            let value = line.split(separator: "=", maxSplits: 1).dropFirst().first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            return githubRepository(fromRemote: value)
        }
        return nil
    }

    static func githubRepository(fromRemote url: String) -> String? {
        var rest: Substring
        if let range = url.range(of: "github.com:") ?? url.range(of: "github.com/") {
            rest = url[range.upperBound...]
        } else {
            return nil
        }
        if rest.hasSuffix(".git") { rest = rest.dropLast(4) }
        let parts = rest.split(separator: "/")
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isLetter || $0.isNumber || "-_.".contains($0) } })
        else { return nil }
        return parts.joined(separator: "/")
    }

    static func currentBranch(headAt path: String) -> String? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        let head = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard head.hasPrefix("ref: refs/heads/") else { return nil }
        let branch = String(head.dropFirst("ref: refs/heads/".count))
        return branch.isEmpty ? nil : branch
    }

    static func relative(_ path: String, to root: String) -> String {
        if path == root { return "." }
        let prefix = root.hasSuffix("/") ? root : root + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : "."
    }
}
