import ComposeKit
import Blueprint

/// What a bind mount of a deployed service holds, judged from its paths. Fargate has no host disk,
/// so each kind needs its own move.
enum BindMountKind: Equatable {
    case dockerSocket
    /// Source code mounted for live reload: the image already has it.
    case sourceCode
    /// A file (`./nginx.conf`), a `conf.d`-style directory, or anything mounted read-only.
    case configuration
    /// A host directory the service writes (`./data:/var/lib/app`).
    case dataDirectory

    static let sourceTargets: Set<String> = ["/src", "/app/src", "/code", "/app", "/usr/src/app", "/home/app/src", "/workspace"]

    init(_ m: VolumeMount) {
        let source = m.source ?? ""
        if source.hasSuffix("docker.sock") {
            self = .dockerSocket
        } else if Self.sourceTargets.contains(m.target) || m.target.hasSuffix("/src") {
            self = .sourceCode
        } else if m.readOnly || Self.hasExtension(source) || Self.hasExtension(m.target) {
            self = .configuration
        } else {
            self = .dataDirectory
        }
    }

    /// `nginx.conf`, `conf.d`: a dot inside the last path component (not a hidden name like `.n8n`).
    static func hasExtension(_ path: String) -> Bool {
        let name = path.split(separator: "/").last.map(String.init) ?? ""
        return name.dropFirst().contains(".") && !name.hasSuffix(".")
    }
}

/// A finding for each bind mount of a deployed service that carries data or configuration, saying
/// where it goes on AWS and how to move the files. Source code and the Docker socket are dropped keys only.
enum BindMountAdvice {
    static func run(_ ctx: PlanningContext) {
        for w in ctx.blueprint.workloads {
            guard let f = ctx.facts(w.name) else { continue }
            for (i, m) in f.service.volumes.enumerated() where m.type == .bind && ctx.directoryBuckets["\(f.name)/volumes[\(i)]"] == nil {
                let relative = WorkloadBuilder.relative(m.source ?? "", to: ctx.project.workingDirectory)
                let source = relative.hasPrefix(".") || relative.hasPrefix("/") ? relative : "./" + relative
                let evidence = [f.evidence("volumes[\(i)]", "\(source):\(m.target)")]
                let subject = "services.\(f.name).volumes[\(i)]"
                switch BindMountKind(m) {
                case .configuration:
                    ctx.addFinding(Finding(
                        id: "FERRY-PLAN-BIND-CONFIG", severity: .warning,
                        message: "\(f.name) reads \(source) from the host at \(m.target): Fargate has no host disk, the container would start without it",
                        subject: subject, evidence: evidence,
                        fix: "bake it into the image (`COPY \(source) \(m.target)` in the Dockerfile), or keep it in SSM Parameter Store (small text) or S3 and fetch it when the container starts"),
                              waiverFor: f.name)
                case .dataDirectory:
                    ctx.addFinding(Finding(
                        id: "FERRY-PLAN-BIND-DATA", severity: .warning,
                        message: "\(f.name) mounts the host directory \(source) at \(m.target): Fargate has no host disk, what it holds is missing and what is written there is lost with each task",
                        subject: subject, evidence: evidence,
                        fix: "files the app could read as objects go to S3 (`aws s3 sync \(source) s3://<bucket>/`); otherwise make it a named volume, which ferry keeps on EFS, and copy the files in with a one-off task that mounts the volume, or with AWS DataSync"),
                              waiverFor: f.name)
                case .dockerSocket, .sourceCode:
                    continue
                }
            }
        }
    }
}
