/// Scanning on push flags known CVEs before the image runs.
struct ECRScanOnPush: PolicyCheck {
    let id = "FERRY-ECR-001"
    let severity = CheckSeverity.low
    let title = "ECR repositories scan images on push"
    let rationale = "A basic scan on push reports known vulnerabilities in OS packages at no charge."
    let fix = "Set ImageScanningConfiguration: {ScanOnPush: true}."
    let related = ["checkov:CKV_AWS_163"]

    func evaluate(_ c: PolicyContext) -> [Violation] {
        c.resources("AWS::ECR::Repository").filter { $0.properties["ImageScanningConfiguration"]?["ScanOnPush"]?.bool != true }
            .map { c.violation($0, "ScanOnPush is not true") }
    }
}
