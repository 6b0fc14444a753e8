// swift-tools-version:6.1
// libFuzzer targets for Trellis's parsers, in a package of their own so the main build never
// compiles them. Build and run with `make fuzz` from the repository root.
import PackageDescription

let fuzzTarget = { (name: String) in
    Target.executableTarget(
        name: name,
        dependencies: ["FuzzSupport", .product(name: "TrellisCore", package: "main")],
        swiftSettings: [.unsafeFlags(["-parse-as-library"])]
    )
}

let package = Package(
    name: "TrellisFuzz",
    dependencies: [.package(name: "main", path: "..")],
    targets: ["FuzzWikiLinks", "FuzzFrontmatter", "FuzzSlug", "FuzzNote", "FuzzVault"].map(fuzzTarget) + [
        .target(name: "FuzzSupport")
    ]
)
