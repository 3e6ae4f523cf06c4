import Blueprint

/// Endpoints, ports and TLS switches that pointed SDKs at a local emulator or object store
/// (DynamoDB Local, MinIO, LocalStack): on AWS the SDK's regional endpoint is right.
struct LocalEmulatorEndpoint: EnvRule {
    let name = "LocalEmulatorEndpoint"

    func classify(_ i: EnvInput, _ ctx: PlanningContext) -> EnvVar? {
        let u = i.bareName
        let tokens = i.tokens
        // `AWS_REGION`: the deployment region.
        if u == "AWS_REGION" || u == "AWS_DEFAULT_REGION" {
            return EnvVar(name: i.name, disposition: .rewritten, value: .literal(ctx.region), reason: "the deployment region")
        }
        // A URL or host naming an emulated AWS service or S3-compatible store.
        if let value = i.value {
            for m in i.mentions {
                guard let owner = ctx.graph.hostIndex[m.host], let f = ctx.facts(owner) else { continue }
                let target = ctx.verdicts[owner]?.target
                let isEmulator = f.technology?.technology == .localstack || target == .dynamodb || target == .s3
                guard isEmulator else { continue }
                if target == .s3 && tokens.first == "MINIO" {
                    // MinIO clients need an endpoint host: S3's regional one.
                    return EnvVar(name: i.name, disposition: .rewritten, value: .literal(m.explicit ? "https://s3.\(ctx.region).amazonaws.com" : "s3.\(ctx.region).amazonaws.com"),
                                  reason: "pointed at \(owner) (MinIO): the MinIO client talks to S3's regional endpoint")
                }
                return EnvVar(name: i.name, disposition: .removed, value: .unset,
                              reason: "pointed the SDK at \(owner), a local \(f.technology?.product ?? "emulator"): on AWS the SDK uses the regional endpoint")
            }
        }
        // `MINIO_PORT=9000`, `MINIO_USE_SSL=false` for a replaced object store.
        if let family = StoreLookup.family(ofPrefix: tokens.first ?? ""), family == .objectStore || family == .dynamodb,
           StoreLookup.store(family: family, for: i.facts.name, ctx) != nil {
            if tokens.last == "PORT" {
                return EnvVar(name: i.name, disposition: .rewritten, value: .literal("443"), reason: "S3 is reached over HTTPS on 443")
            }
            if tokens.contains(where: { ["SSL", "TLS", "SECURE", "HTTPS"].contains($0) }) {
                return EnvVar(name: i.name, disposition: .rewritten, value: .literal("true"), reason: "S3 is reached over TLS")
            }
            if tokens.contains("REGION") {
                return EnvVar(name: i.name, disposition: .rewritten, value: .literal(ctx.region), reason: "the deployment region")
            }
        }
        return nil
    }
}
