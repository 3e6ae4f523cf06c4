// swift-tools-version:6.0
import PackageDescription

// libFuzzer target for the Compose loader (and the planner and CloudFormation renderer behind it), kept out of the main package because it is
// built with `--sanitize=fuzzer --sanitize=address`. Run it with scripts/fuzz.sh.
let package = Package(
    name: "ferry-fuzz",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "ferry", path: "..")],
    targets: [
        .executableTarget(name: "FuzzLoader", dependencies: [
            .product(name: "ComposeKit", package: "ferry"),
            .product(name: "Planner", package: "ferry"),
            .product(name: "Renderers", package: "ferry"),
        ]),
    ]
)
