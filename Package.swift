// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Trellis",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "trellis", targets: ["trellis"]),
        .library(name: "TrellisCore", targets: ["TrellisCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        // The preview server. Its default traits pull in swift-configuration, which Trellis does not use.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0", traits: []),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
    ],
    targets: [
        // The cmark C library, from Debian's libcmark-dev. Only CmarkBridge.swift imports it.
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // jemalloc, from Debian's libjemalloc-dev: the `trellis` binary's allocator. At 100,000
        // notes glibc's malloc spends a quarter of `check` looking through its free lists.
        .systemLibrary(
            name: "CJemalloc",
            pkgConfig: "jemalloc",
            providers: [.apt(["libjemalloc-dev"])]
        ),
        // zlib, from Debian's zlib1g-dev (which Swift itself needs): the output folder's manifest
        // is kept compressed, so the published folder holds little but the site.
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // The whole pipeline: scan → parse → resolve → render → index → emit.
        .target(
            name: "TrellisCore",
            dependencies: [
                "CCmark",
                "CZlib",
                .product(name: "Yams", package: "Yams"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),
        // `trellis serve`: the HTTP preview server, live reload and the file watcher. Only this
        // target links the HTTP stack; TrellisCore (build, check) never does.
        .target(
            name: "TrellisServer",
            dependencies: [
                "TrellisCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The command-line tool: a thin layer of subcommands over TrellisCore.
        .executableTarget(
            name: "trellis",
            dependencies: [
                "TrellisCore",
                "TrellisServer",
                "CJemalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "TrellisCoreTests",
            dependencies: ["TrellisCore"]
        ),
        .testTarget(
            name: "TrellisServerTests",
            dependencies: [
                "TrellisServer",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
    ]
)
