import Foundation

/// Stage 0: which files, which directory, which environment, which name.
/// Follows Docker Compose: `-f` files (or `COMPOSE_FILE`, or `compose.yaml` & co. found in
/// the working directory or a parent, plus its `.override` file), the project directory
/// (`--project-directory` or the first file's directory), `.env` there unless
/// `--env-file` is given, and the shell environment winning over env files.
struct ProjectContext {
    var workingDirectory: String
    var files: [String]
    var environment: InterpolationEnvironment
    var envFiles: [String]
    var profiles: [String]
    var explicitName: String?
    var home: String?
    var diagnostics: [Diagnostic] = []

    static let defaultFileNames = ["compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml"]
    static let overrideFileNames = ["compose.override.yaml", "compose.override.yml", "docker-compose.override.yaml", "docker-compose.override.yml"]

    static func resolve(_ options: LoadOptions, limits: LoadLimits) throws -> ProjectContext {
        let cwd = options.currentDirectory.map { Paths.normalize($0) } ?? FileManager.default.currentDirectoryPath
        let shell = options.environment
        let home = shell["HOME"]
        var diagnostics: [Diagnostic] = []
        let explicitDir = options.projectDirectory.map { Paths.resolve($0, against: cwd, home: home) }

        // COMPOSE_FILE may also come from a `.env` in the working (or project) directory.
        var files = options.files.map { $0 == "-" ? $0 : Paths.resolve($0, against: cwd, home: home) }
        if files.isEmpty {
            var composeFile = shell["COMPOSE_FILE"]
            if composeFile == nil, options.envFiles.isEmpty {
                let dotenv = (explicitDir ?? cwd) + "/.env"
                if Paths.exists(dotenv), let text = try? Paths.read(dotenv, limits: limits, referencedAt: nil) {
                    composeFile = (try? DotEnv.parse(text, file: dotenv, lookup: { shell[$0] }))?.last { $0.name == "COMPOSE_FILE" }?.value
                }
            }
            if let composeFile, !composeFile.isEmpty {
                let separator = shell["COMPOSE_PATH_SEPARATOR"].flatMap(\.first) ?? ":"
                files = composeFile.split(separator: separator).map { Paths.resolve(String($0), against: explicitDir ?? cwd, home: home) }
            }
        }
        if files.isEmpty {
            files = try discover(from: explicitDir ?? cwd, diagnostics: &diagnostics)
        }
        for f in files where f != "-" && !Paths.exists(f) {
            throw ComposeError("compose file not found: \(f)")
        }
        let workingDirectory = explicitDir ?? files.first.map { $0 == "-" ? cwd : Paths.directory(of: $0) } ?? cwd

        // Env files: `--env-file` (relative to the working directory), else `.env` in the project directory.
        var envFiles: [String] = []
        if options.envFiles.isEmpty {
            let dotenv = workingDirectory + "/.env"
            if Paths.exists(dotenv), !Paths.isDirectory(dotenv) { envFiles = [dotenv] }
        } else {
            envFiles = options.envFiles.map { Paths.resolve($0, against: cwd, home: home) }
            for f in envFiles where !Paths.exists(f) { throw ComposeError("env file not found: \(f)") }
        }
        var fromFiles: [String: String] = [:]
        for f in envFiles {
            let text = try Paths.read(f, limits: limits, referencedAt: nil, what: "env file")
            let current = fromFiles
            for e in try DotEnv.parse(text, file: f, lookup: { shell[$0] ?? current[$0] }) { fromFiles[e.name] = e.value }
        }
        let environment = InterpolationEnvironment(shell: shell, fromFiles: fromFiles)

        var profiles = options.profiles
        if profiles.isEmpty, let fromEnv = environment.value("COMPOSE_PROFILES") {
            profiles = fromEnv.split(separator: ",").map { String($0).trimmed(" ") }.filter { !$0.isEmpty }
        }
        let explicitName = options.projectName ?? environment.value("COMPOSE_PROJECT_NAME").flatMap { $0.isEmpty ? nil : $0 }
        return ProjectContext(workingDirectory: workingDirectory, files: files, environment: environment, envFiles: envFiles,
                              profiles: profiles, explicitName: explicitName, home: home, diagnostics: diagnostics)
    }

    /// The first directory from `start` upwards holding a compose file; its override file joins it.
    static func discover(from start: String, diagnostics: inout [Diagnostic]) throws -> [String] {
        var dir = start
        while true {
            let found = defaultFileNames.map { dir + "/" + $0 }.filter { Paths.exists($0) }
            if let first = found.first {
                if found.count > 1 {
                    diagnostics.append(Diagnostic(.warning, "found multiple config files with supported names: \(found.joined(separator: ", ")); using \(first)"))
                }
                var files = [first]
                if let override = overrideFileNames.map({ dir + "/" + $0 }).first(where: { Paths.exists($0) }) { files.append(override) }
                return files
            }
            if dir == "/" || dir.isEmpty { break }
            dir = Paths.directory(of: dir)
        }
        throw ComposeError("no configuration file provided: not found (looked for \(defaultFileNames.joined(separator: ", ")) in \(start) and its parents)")
    }

    /// Compose's rule: lowercase letters, digits, `_` and `-`, starting with a letter or digit.
    static func normalizeProjectName(_ name: String) -> String {
        let lowered = name.lowercased()
        var out = String(lowered.unicodeScalars.filter { ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") || $0 == "_" || $0 == "-" }.map(Character.init))
        while let f = out.first, f == "_" || f == "-" { out.removeFirst() }
        return out
    }

    static func isValidProjectName(_ name: String) -> Bool {
        !name.isEmpty && normalizeProjectName(name) == name
    }
}
