// swift-tools-version:6.0
import PackageDescription

// Module layout (see docs/ARCHITECTURE.md): data flows one way, top to bottom.
//   ComposeKit → Blueprint → Planner → Renderers / Pricing / Policy → AWSKit → Deployer / Migrator → FerryCLI
let package = Package(
    name: "ferry",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "ferry", targets: ["ferry"]),
        .executable(name: "ferry-bench", targets: ["ferry-bench"]),
        .library(name: "ComposeKit", targets: ["ComposeKit"]),
        .library(name: "Blueprint", targets: ["Blueprint"]),
        .library(name: "Planner", targets: ["Planner"]),
        .library(name: "Renderers", targets: ["Renderers"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // Compose loader: no AWS knowledge.
        .target(name: "ComposeKit", dependencies: [.product(name: "Yams", package: "Yams")]),
        // The intermediate representation: plain value types, no I/O.
        .target(name: "Blueprint"),
        // Rules: Compose Project → Blueprint.
        .target(name: "Planner", dependencies: ["ComposeKit", "Blueprint"]),
        // Pure functions of the Blueprint: CloudFormation, guide, diagram, workflow.
        .target(name: "Renderers", dependencies: ["Blueprint"]),
        // Offline price catalog and estimators.
        .target(name: "Pricing", dependencies: ["Blueprint", .product(name: "Yams", package: "Yams")], resources: [.copy("Resources")]),
        // Security checks over the Blueprint and the rendered template, one file per check.
        .target(name: "Policy", dependencies: ["Blueprint", "Renderers"]),
        // SigV4, credentials, HTTP, AWS protocols and the few service clients ferry needs.
        .target(name: "AWSKit", dependencies: [
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // CloudFormation change sets, progress, status, destroy.
        .target(name: "Deployer", dependencies: ["AWSKit", "Blueprint", .product(name: "Yams", package: "Yams")]),
        // After a deploy: the stack checked against the seeds' testing checklists, logs, rollback reads.
        .target(name: "Verifier", dependencies: ["AWSKit"]),
        // Moves data into the deployed stack and verifies it; resumable from SQLite checkpoints.
        .target(name: "Migrator", dependencies: [
            "AWSKit", "Blueprint",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // Thin commands.
        .target(name: "FerryCLI", dependencies: [
            "ComposeKit", "Blueprint", "Planner", "Renderers", "Pricing", "Policy", "AWSKit", "Deployer", "Verifier", "Migrator",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "ferry", dependencies: ["FerryCLI"]),
        // Generated Compose projects and the plan-and-render consistency check, for tests and ferry-bench.
        .target(name: "PlanGenerator", dependencies: ["ComposeKit", "Blueprint", "Planner", "Renderers", "Pricing", "Policy"]),
        .executableTarget(name: "ferry-bench", dependencies: ["ComposeKit", "Planner", "Renderers", "Pricing", "Policy", "PlanGenerator"]),

        .testTarget(name: "ComposeKitTests", dependencies: ["ComposeKit"], exclude: ["Fixtures"]),
        .testTarget(name: "PlannerTests", dependencies: ["Planner", "ComposeKit", "Blueprint", "PlanGenerator"],
                    exclude: ["Fixtures/Generative"]),
        .testTarget(name: "RenderersTests", dependencies: ["Renderers", "Planner", "ComposeKit", "Blueprint"]),
        .testTarget(name: "PricingTests", dependencies: ["Pricing", "Planner", "ComposeKit", "Blueprint"]),
        .testTarget(name: "PolicyTests", dependencies: ["Policy", "Renderers", "Planner", "ComposeKit", "Blueprint"]),
        // Test-only helpers for AWS tests: a moto_server launcher, a loopback HTTP server, a fault proxy.
        .target(name: "AWSTestSupport", dependencies: [
            "AWSKit",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
        ], path: "Tests/AWSTestSupport"),
        .testTarget(name: "AWSKitTests", dependencies: ["AWSKit", "AWSTestSupport"]),
        .testTarget(name: "DeployerTests", dependencies: ["Deployer", "AWSKit", "AWSTestSupport"]),
        .testTarget(name: "FerryCLITests", dependencies: ["FerryCLI", "AWSTestSupport"]),
        .testTarget(name: "VerifierTests", dependencies: ["Verifier", "AWSKit", "AWSTestSupport"]),
        .testTarget(name: "MigratorTests", dependencies: ["Migrator", "AWSKit", "AWSTestSupport", "FerryCLI", "ComposeKit", "Planner", "Blueprint"]),
    ]
)
