import Blueprint
@testable import Pricing
import XCTest

final class CatalogTests: XCTestCase {
    static let regions = ["eu-central-1", "eu-west-1", "us-east-1", "us-west-2"]

    func testBundledCatalogIsWellFormedAndEveryPriceExistsInAllFourRegions() throws {
        let catalog = try PriceCatalog.bundled()
        XCTAssertEqual(catalog.regions, Self.regions)
        var regionsByKey: [String: Set<String>] = [:]
        for p in catalog.prices {
            regionsByKey["\(p.service) \(p.usageKey)", default: []].insert(p.region)
            XCTAssertTrue(p.source.hasPrefix("https://"), "\(p.service) \(p.usageKey): source must start with the page URL")
            XCTAssertNotNil(p.asOf.range(of: #"^\d{4}-\d{2}-\d{2}$"#, options: .regularExpression), p.asOf)
            XCTAssertFalse(p.unit.isEmpty)
        }
        for (key, regions) in regionsByKey { XCTAssertEqual(regions, Set(Self.regions), key) }
        // The families issue 5 lists.
        for required in ["fargate vcpu-hours.x86", "fargate gb-hours.arm", "fargate vcpu-hours.spot", "elb alb-lcu-hours",
                         "vpc nat-gateway-gb", "vpc public-ipv4-hours", "aurora serverless-v2-acu-hours", "rds storage-gp3-gb-month",
                         "elasticache node-hours.redis.cache.t4g.small", "s3 put-requests-1k", "cloudfront data-out-gb",
                         "cloudwatch logs-ingest-gb", "cloudwatch metrics-month", "cloudwatch alarms-month", "cloudwatch dashboards-month",
                         "secretsmanager secrets-month", "ssm advanced-parameters-month", "iot connectivity-million-minutes",
                         "iot messages-million", "dynamodb write-request-units-million", "ecr storage-gb-month", "sns requests-million",
                         "sqs standard-requests-million", "data-transfer internet-out-gb"] {
            XCTAssertNotNil(regionsByKey[required], "catalog lacks \(required)")
        }
    }

    func testEveryBlueprintElementKindIsPricedInAllFourRegionsAtEveryTier() throws {
        let estimator = CostEstimator(catalog: try PriceCatalog.bundled())
        for region in Self.regions {
            for tier in Tier.allCases {
                let bp = SampleBlueprints.everything(tier: tier, region: region)
                let report = estimator.estimate(bp, usage: UsageProfile(tier: tier), withDeltas: false)
                XCTAssertEqual(report.notes.filter { $0.contains("no catalog price") }, [], "\(region) \(tier)")
                let priced = Set(report.lines.map { $0.resource.split(separator: ".").first.map(String.init) ?? "" })
                for kind in ["network", "loadBalancer", "waf", "workloads", "dataStores", "buckets", "cloudfront", "tables", "iot",
                             "repositories", "secrets", "logs", "alarms", "dashboard", "cluster", "serviceDiscovery", "fileSystems"] {
                    // Container Insights (the cluster's only cost) is off at dev.
                    if kind == "cluster" && tier == .dev { continue }
                    XCTAssertTrue(priced.contains(kind), "\(region) \(tier): nothing priced for \(kind)")
                }
                for d in bp.dataStores {
                    XCTAssertTrue(report.lines.contains { $0.resource == "dataStores.\(d.name)" }, "\(region) \(tier) \(d.kind)")
                }
            }
        }
    }

    func testMalformedCatalogNamesLineAndColumn() {
        let header = PriceCatalog.columns.joined(separator: "\t")
        XCTAssertThrowsError(try PriceCatalog(tsv: header + "\nvpc\tus-east-1\tnat\thour\tcheap\thttps://x\t2026-01-01\n", origin: "p.tsv")) {
            XCTAssertEqual("\($0)", "p.tsv:2:24: usd 'cheap' is not a non-negative number")
        }
        XCTAssertThrowsError(try PriceCatalog(tsv: "service\tregion\n", origin: "p.tsv")) { XCTAssertTrue("\($0)".hasPrefix("p.tsv:1:1:")) }
    }
}
