// swift-tools-version: 6.1
import Foundation
import PackageDescription

let upcoming: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

/// jemalloc's static archive in place of glibc's malloc for the whole process, where Debian's
/// libjemalloc-dev is installed (`make` installs it): a build is hundreds of thousands of small
/// allocations from every core, and glibc's malloc and free are a tenth of a 1,000-app
/// build's time (README, Performance). Without it the build uses glibc's, and works the same.
let jemalloc: [LinkerSetting] = {
    #if os(Linux)
        let folders = ["/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib"]
        if folders.contains(where: { FileManager.default.fileExists(atPath: $0 + "/libjemalloc_pic.a") }) {
            return [.linkedLibrary("jemalloc_pic")]
        }
    #endif
    return []
}()

let package = Package(
    name: "Cartograph",
    // macOS 15 for Synchronization's Mutex (DiagnosticBag).
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "cartograph", targets: ["cartograph"]),
        // For the fuzz package (Fuzz/), which builds outside this package with sanitizers.
        .library(name: "CartographKit", targets: ["CartographKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        // The server imports these directly (the bound port, a quiet logger, the rebuild
        // service); they come with Hummingbird, and are declared so the imports are honest.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // renameat2(2) for the atomic site swap: Swift cannot call the variadic syscall(2).
        .target(name: "CSystemCalls"),
        // The version and commit `make dist` passes in as C macros (Swift's -D carries no value).
        .target(name: "CBuildInfo"),
        // The stages, one target each, so that the dependencies enforce the data flow: the
        // renderers cannot see an input type, only the resolved map.
        .target(name: "CartographModel", swiftSettings: upcoming),
        .target(
            name: "CartographInput",
            dependencies: ["CartographModel", .product(name: "Yams", package: "Yams")],
            swiftSettings: upcoming
        ),
        .target(
            name: "CartographRender",
            dependencies: ["CartographModel", "CCmarkGFM", .product(name: "Mustache", package: "swift-mustache")],
            swiftSettings: upcoming
        ),
        .target(
            name: "CartographKit",
            dependencies: ["CartographModel", "CartographInput", "CartographRender", "CBuildInfo", "CSystemCalls"],
            swiftSettings: upcoming
        ),
        .target(
            name: "CartographServer",
            dependencies: [
                "CartographModel",
                "CartographInput",
                "CartographRender",
                "CartographKit",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: upcoming
        ),
        .executableTarget(
            name: "cartograph",
            dependencies: [
                "CartographModel",
                "CartographInput",
                "CartographRender",
                "CartographKit",
                "CartographServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: upcoming,
            linkerSettings: jemalloc
        ),
        // Inputs made for tests: canaries in env values and malformed variants of specs,
        // shared by both test targets (and usable by fuzz targets).
        .target(
            name: "CartographTestSupport",
            dependencies: [
                "CartographModel", "CartographInput", "CartographRender", "CartographKit",
                .product(name: "Yams", package: "Yams"),
            ],
            path: "Tests/CartographTestSupport",
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "CartographKitTests",
            dependencies: ["CartographModel", "CartographInput", "CartographRender", "CartographKit", "CartographTestSupport"],
            resources: [.copy("Fixtures")],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "CartographServerTests",
            dependencies: [
                "CartographModel",
                "CartographInput",
                "CartographRender",
                "CartographKit",
                "CartographServer",
                "CartographTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: upcoming
        ),
    ]
)
