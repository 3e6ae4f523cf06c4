import Foundation

/// Reads the dependency manifests and source files in a service's local build context, so the planner
/// can see which SDKs the code uses without doing I/O itself. Bounded: folders to a fixed depth, a fixed
/// number of entries visited and files kept, each file under a size limit; dependency, virtualenv,
/// build-output, test and hidden folders are skipped. Manifests come first, then sources, each shallowest
/// first and by name within a folder, so the result is deterministic. Unreadable or oversized files are skipped.
public enum BuildContextFiles {
    static let maxDepth = 5
    static let maxEntries = 4000
    static let maxFiles = 64
    static let maxBytes = 128 * 1024

    static let manifestNames: Set<String> = ["pyproject.toml", "Pipfile", "setup.py", "setup.cfg", "package.json", "go.mod"]
    static let sourceExtensions: Set<String> = ["py", "js", "mjs", "cjs", "ts", "tsx", "jsx", "go"]
    static let skippedFolders: Set<String> = ["node_modules", "venv", "env", "site-packages", "__pycache__", "vendor", "dist", "build",
                                              "target", "coverage", "test", "tests", "__tests__", "testdata", "fixtures", "migrations"]

    static let composeFileNames = ["compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml"]

    /// A Dockerfile in a subfolder of a shared (monorepo) context names the service's own folder: that
    /// folder is read, with paths still relative to the context.
    public static func files(for service: Service) -> [ContextFile] {
        guard let context = service.build?.context, !context.contains("://") else { return [] }
        if let dockerfile = service.build?.dockerfile, !(service.build?.dockerfileInline ?? false), !dockerfile.hasPrefix("/"), !dockerfile.hasPrefix(".."),
           dockerfile.contains("/") {
            let folder = (dockerfile as NSString).deletingLastPathComponent.replacingOccurrences(of: "./", with: "")
            if !folder.isEmpty, folder != "." {
                return files(in: context + "/" + folder).map { ContextFile(path: folder + "/" + $0.path, kind: $0.kind, text: $0.text) }
            }
        }
        return files(in: context)
    }

    public static func files(in root: String) -> [ContextFile] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else { return [] }
        var manifests: [String] = []
        var sources: [String] = []
        var visited = 0
        var queue: [(path: String, depth: Int)] = [("", 0)]
        // Breadth first, names sorted: shallow files (the app's entry points) are kept before deep ones.
        while !queue.isEmpty, visited < maxEntries {
            let (relative, depth) = queue.removeFirst()
            let folder = relative.isEmpty ? root : root + "/" + relative
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
            for name in names {
                visited += 1
                if visited > maxEntries { break }
                guard !name.hasPrefix(".") else { continue }
                let path = relative.isEmpty ? name : relative + "/" + name
                var sub: ObjCBool = false
                guard FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &sub) else { continue }
                if sub.boolValue {
                    // A folder with its own compose file is another project (a context above several).
                    let otherProject = composeFileNames.contains { FileManager.default.fileExists(atPath: root + "/" + path + "/" + $0) }
                    if depth + 1 < maxDepth, !skippedFolders.contains(name.lowercased()), !otherProject { queue.append((path, depth + 1)) }
                } else if isManifest(name) {
                    manifests.append(path)
                } else if let ext = name.split(separator: ".").last.map(String.init), name.contains("."),
                          sourceExtensions.contains(ext.lowercased()), !name.hasSuffix(".d.ts"), !name.contains(".test."), !name.contains(".spec."),
                          !name.hasPrefix("test_"), !name.hasSuffix("_test.go") {
                    sources.append(path)
                }
            }
        }
        var out: [ContextFile] = []
        for (kind, paths) in [(ContextFile.Kind.manifest, manifests), (.source, sources)] {
            for path in paths where out.count < maxFiles {
                guard let text = read(root + "/" + path) else { continue }
                out.append(ContextFile(path: path, kind: kind, text: text))
            }
        }
        return out
    }

    static func isManifest(_ name: String) -> Bool {
        manifestNames.contains(name) || (name.hasPrefix("requirements") && name.hasSuffix(".txt"))
    }

    static func read(_ path: String) -> String? { BoundedFile.text(at: path, maxBytes: maxBytes) }
}
