import ComposeKit
import Planner
import Renderers

/// One fuzz input: the bytes as a compose file, loaded with every profile enabled and a
/// small environment. Any outcome but a crash, a hang or a sanitizer report is a pass:
/// errors are the expected answer to most inputs.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLoader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let limits = LoadLimits(maxFileBytes: 1 << 20, maxDepth: 64, maxNodes: 200_000, maxFiles: 16)
    if let project = try? ComposeLoader.load(yaml: text, file: "fuzz.yaml", workingDirectory: "/nonexistent/ferry-fuzz",
                                             environment: ["HOME": "/home/fuzz", "TAG": "1.0", "EMPTY": ""],
                                             profiles: ["*"], limits: limits) {
        // Exercise the renderers too: they must handle whatever the loader accepts.
        _ = project.configDocument.json()
        _ = project.configDocument.yaml()
        // The planner "never traps on any input", and the CloudFormation renderer must take any Blueprint
        // it returns. One tier keeps an execution fast; the input's own `x-ferry.tier` still applies.
        let blueprint = Planner.plan(project, options: PlanOptions())
        _ = CloudFormationRenderer.render(blueprint)
    }
    return 0
}
