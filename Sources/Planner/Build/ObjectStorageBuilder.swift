import Foundation
import ComposeKit
import Blueprint

/// Buckets replacing an S3-compatible store: one per bucket name found in `x-ferry.bucket`,
/// an init job's commands (`mc mb local/NAME`, `aws s3 mb s3://NAME`) or clients' `*BUCKET*`
/// variables. Versioned, encrypted, public access blocked, with a lifecycle.
enum ObjectStorageBuilder {
    static func run(_ ctx: PlanningContext) {
        for f in ctx.facts where ctx.verdicts[f.name]?.target == .s3 && ctx.verdicts[f.name]?.role == .datastore {
            let found = bucketNames(for: f, ctx)
            let names = found.isEmpty ? [(name: "\(ctx.slug)-\(f.shortName)", evidence: [Evidence]())] : found
            let clients = ctx.clients(of: f.name)
            for (i, entry) in names.enumerated() {
                let logical = Naming.shortName(entry.name, project: ctx.project.name)
                let users = Array(Set(clients + clientsNaming(entry.name, ctx))).sorted()
                // Two local stores naming the same bucket: on S3 it is one bucket, used by both stores' clients.
                if let j = ctx.blueprint.buckets.firstIndex(where: { $0.name == logical }) {
                    ctx.blueprint.buckets[j].readers = Array(Set(ctx.blueprint.buckets[j].readers + users)).sorted()
                    ctx.blueprint.buckets[j].writers = Array(Set(ctx.blueprint.buckets[j].writers + users)).sorted()
                    if i == 0 { ctx.elements[f.name] = "buckets.\(logical)" }
                    continue
                }
                var decisions = ctx.verdicts[f.name]?.decisions ?? []
                decisions.append(Decision(topic: "bucket", choice: entry.name,
                                          reason: found.isEmpty ? "no bucket name found in the compose files: one bucket for the store" : "bucket name used locally",
                                          evidence: entry.evidence, overrideKey: "x-ferry.bucket.name", rule: "MinioToS3"))
                let transition = f.overrides.lifecycleDays ?? 90
                var lifecycle = [
                    LifecycleRule(id: "archive", transitionDays: transition, transitionStorageClass: "GLACIER_IR"),
                    LifecycleRule(id: "cleanup", noncurrentExpirationDays: 30, abortIncompleteUploadDays: 7),
                ]
                if let expire = f.overrides.expireDays { lifecycle.append(LifecycleRule(id: "expire", expirationDays: expire)) }
                decisions.append(Decision(topic: "lifecycle", choice: "GLACIER_IR after \(transition) days",
                                          reason: "objects move to Glacier Instant Retrieval after \(transition) days (still readable at once); old versions expire after 30 days; unfinished uploads after 7",
                                          source: f.overrides.lifecycleDays != nil ? .override : .default, overrideKey: "x-ferry.bucket.lifecycle", rule: "MinioToS3"))
                var cors: [CORSRule] = []
                let origins = f.overrides.corsOrigins.isEmpty ? (ctx.overrides.domain.map { ["https://\($0)"] } ?? []) : f.overrides.corsOrigins
                let browserApp = ctx.verdicts.values.contains { $0.role == .web || $0.role == .static }
                if browserApp {
                    if origins.isEmpty {
                        cors = [CORSRule(allowedOrigins: ["https://*"], allowedMethods: ["GET", "PUT"])]
                        if i == 0 {
                            ctx.addFinding(Finding(id: "FERRY-PLAN-CORS-ORIGIN", severity: .info,
                                                   message: "bucket \(entry.name) allows presigned browser uploads from any HTTPS origin until a domain is set",
                                                   subject: "buckets.\(logical)", fix: "set x-ferry.domain (top level) or x-ferry.bucket.cors on \(f.name)"))
                        }
                    } else {
                        cors = [CORSRule(allowedOrigins: origins, allowedMethods: ["GET", "PUT"])]
                    }
                }
                ctx.blueprint.buckets.append(Bucket(name: logical, bucketNameHint: entry.name,
                                                    versioning: f.overrides.bucketVersioning ?? true, lifecycle: lifecycle, cors: cors,
                                                    readers: users, writers: users, replaces: f.name, decisions: decisions))
                if i == 0 { ctx.elements[f.name] = "buckets.\(logical)" }
            }
        }
    }

    /// Bucket names with the evidence that names them.
    static func bucketNames(for f: ServiceFacts, _ ctx: PlanningContext) -> [(name: String, evidence: [Evidence])] {
        var out: [(String, [Evidence])] = []
        func add(_ raw: String, _ e: Evidence) {
            let name = raw.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "\"';/ "))
            guard name.count >= 3, name.count <= 63, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." }),
                  !name.contains("$") else { return }
            if let i = out.firstIndex(where: { $0.0 == name }) { out[i].1.append(e) } else { out.append((name, [e])) }
        }
        if let b = f.overrides.bucketName { add(b, f.overrides.overrideEvidence("bucket").first ?? f.evidence("x-ferry", b)) }
        // Setup one-shots talking to this store.
        for other in ctx.facts where ctx.role(of: other.name) == .`init` || ctx.role(of: other.name) == .job {
            guard ctx.graph.callees(of: other.name).contains(where: { $0.callee == f.name }) else { continue }
            let words = ((other.service.entrypoint ?? []) + (other.service.command ?? [])).joined(separator: " ")
                .components(separatedBy: CharacterSet(charactersIn: " \n\t;&|"))
            for (i, w) in words.enumerated() where w == "mb" || w == "--bucket" || w == "create-bucket" {
                guard let arg = words.dropFirst(i + 1).first(where: { !$0.isEmpty && !$0.hasPrefix("-") }) else { continue }
                let name = arg.hasPrefix("s3://") ? String(arg.dropFirst(5)) : (arg.split(separator: "/").last.map(String.init) ?? arg)
                add(name, other.evidence(other.service.entrypoint != nil ? "entrypoint" : "command", "… \(w) \(name)"))
            }
        }
        // Client variables naming a bucket.
        for client in ctx.clients(of: f.name).compactMap(ctx.facts) {
            for e in client.service.environment where e.name.uppercased().contains("BUCKET") {
                guard let v = e.value, !v.isEmpty, !v.contains("://") else { continue }
                add(v, Evidence(path: "services.\(client.name).environment.\(e.name)", value: v, position: e.location.map(SourcePosition.init)))
            }
        }
        return out.sorted { $0.0 < $1.0 }
    }

    private static func clientsNaming(_ bucket: String, _ ctx: PlanningContext) -> [String] {
        ctx.facts.filter { ctx.isDeployedApp($0.name) && $0.service.environment.contains { $0.value?.lowercased() == bucket } }.map(\.name)
    }
}

/// A static site's files go to an S3 bucket served by CloudFront.
enum StaticSiteBuilder {
    static func run(_ ctx: PlanningContext) {
        for f in ctx.facts where ctx.role(of: f.name) == .static {
            let logical = "\(f.shortName)-site"
            ctx.blueprint.buckets.append(Bucket(name: logical, bucketNameHint: "\(ctx.slug)-\(f.shortName)", versioning: true,
                                                lifecycle: [LifecycleRule(id: "cleanup", noncurrentExpirationDays: 30, abortIncompleteUploadDays: 7)],
                                                replaces: f.name, cloudFront: true, decisions: ctx.verdicts[f.name]?.decisions ?? []))
            ctx.elements[f.name] = "buckets.\(logical)"
        }
    }
}
