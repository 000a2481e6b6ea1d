// swift-tools-version:5.4
// Tools version 5.4 on purpose: from 5.5 on, SwiftPM renames an executable's entry point and
// links it with `--defsym main=<module>_main`, which leaves no room for the `main` that
// libFuzzer provides. This package holds only the thin fuzz executable; every target's
// logic is `FuzzTarget` in CartographKit, which the test suite replays findings through.
import PackageDescription

let package = Package(
    name: "CartographFuzz",
    dependencies: [
        .package(name: "Cartograph", path: "..")
    ],
    targets: [
        .executableTarget(
            name: "cartograph-fuzz",
            dependencies: [.product(name: "CartographKit", package: "Cartograph")]
        )
    ]
)
