// swift-tools-version:6.0
// Benchmark of the LinearProgramming layer against glpsol on the same model (swift-nio keeps
// its benchmarks in their own package the same way, so the main package stays lean).
import PackageDescription

let package = Package(
    name: "lp-layer-bench",
    platforms: [.macOS(.v13)],
    dependencies: [
        // Named explicitly: a path dependency is otherwise known by its folder name, which
        // differs between checkouts and worktrees.
        .package(name: "ntm-alloc", path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "lp-layer-bench",
            dependencies: [.product(name: "LinearProgramming", package: "ntm-alloc")]
        ),
    ]
)
