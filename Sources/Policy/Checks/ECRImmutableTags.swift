import Blueprint
/// A pushed tag should always mean the same image, or rollbacks deploy something else.
struct ECRImmutableTags: PolicyCheck {
    let id = "FERRY-ECR-002"
    let severity = CheckSeverity.low
    let title = "ECR repositories make tags immutable"
    let rationale = "With mutable tags a push can silently replace the image a running service will restart with."
    let fix = "Set ImageTagMutability: IMMUTABLE and tag images with the commit SHA."
    let related = ["checkov:CKV_AWS_51"]

    func evaluate(_ c: PolicyContext) -> [Violation] {
        c.resources("AWS::ECR::Repository").filter { !($0.properties["ImageTagMutability"]?.string ?? "MUTABLE").hasPrefix("IMMUTABLE") }
            .map { c.violation($0, "ImageTagMutability is \($0.properties["ImageTagMutability"]?.string ?? "MUTABLE (default)")") }
    }
}
