// swift-tools-version:6.1
// How much the template library itself costs per page of the default theme, with no Trellis code
// around it: `swift run -c release --package-path Benchmarks/MustacheCost`. See BENCHMARKS.md.
import PackageDescription

let package = Package(
    name: "MustacheCost",
    dependencies: [.package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0")],
    targets: [
        .executableTarget(name: "MustacheCost", dependencies: [.product(name: "Mustache", package: "swift-mustache")])
    ]
)
