// swift-tools-version:5.9
// The Swift package SetChainCore: the generated Swift sources over the Rust library, shipped as
// an XCFramework. Both are produced by ../scripts/build-xcframework.sh (macOS only); neither is
// committed. For a release, replace `path:` by `url:` + `checksum:` of the zipped XCFramework.
import PackageDescription

let package = Package(
    name: "SetChainCore",
    platforms: [.iOS(.v15), .macOS(.v12)],
    products: [
        .library(name: "SetChainCore", targets: ["SetChainCore"]),
    ],
    targets: [
        .binaryTarget(name: "SetChainCoreFFI", path: "./SetChainCoreFFI.xcframework"),
        .target(name: "SetChainCore", dependencies: ["SetChainCoreFFI"], path: "Sources/SetChainCore"),
        .testTarget(name: "SetChainCoreTests", dependencies: ["SetChainCore"], path: "Tests/SetChainCoreTests"),
    ]
)
