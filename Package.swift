// swift-tools-version:6.0
// ntm-alloc: pooling and splitting the funds of Vietnam's New Rural
// Development programme (Nông thôn mới) with linear programming over GLPK.
import PackageDescription

let package = Package(
    name: "ntm-alloc",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "ntm-alloc", targets: ["ntm-alloc"]),
        .library(name: "LinearProgramming", targets: ["LinearProgramming"]),
        .library(name: "Allocation", targets: ["Allocation"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.0"),
        // Tests only: property-based checks of the model (issue 11, item 6).
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        // Reports only: the ZIP container of plan.xlsx (issue 9, item 2).
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
    ],
    targets: [
        // MARK: - GLPK (C, system library)
        .systemLibrary(
            name: "CGLPK",
            path: "Sources/CGLPK",
            providers: [.apt(["libglpk-dev"])]
        ),

        // MARK: - General LP/MIP layer (knows nothing of communes)
        .target(
            name: "LinearProgramming",
            dependencies: ["CGLPK"]
        ),

        // MARK: - Domain: scenario, formulation, plan, baseline
        .target(
            name: "Allocation",
            dependencies: ["LinearProgramming"]
        ),

        // MARK: - Reading scenarios (YAML + CSV)
        .target(
            name: "ScenarioIO",
            dependencies: [
                "Allocation",
                .product(name: "Yams", package: "Yams"),
                .product(name: "CSV", package: "CSV.swift"),
            ]
        ),

        // MARK: - Reports and exports
        .target(
            name: "Reports",
            dependencies: [
                "Allocation", "LinearProgramming",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),

        // MARK: - Workflows: load → build → solve → report, as planners run them
        .target(
            name: "Workflows",
            dependencies: ["Allocation", "ScenarioIO", "Reports", "LinearProgramming"]
        ),

        // MARK: - Command-line tool
        .executableTarget(
            name: "ntm-alloc",
            dependencies: [
                "Workflows", "Allocation", "ScenarioIO", "Reports", "LinearProgramming",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: - Tests
        .target(
            name: "TestSupport",
            dependencies: ["LinearProgramming"],
            path: "Tests/TestSupport"
        ),
        .testTarget(
            name: "LinearProgrammingTests",
            dependencies: ["LinearProgramming", "TestSupport"]
        ),
        .testTarget(
            name: "AllocationTests",
            dependencies: [
                "Allocation", "ScenarioIO", "LinearProgramming", "TestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "ScenarioIOTests",
            dependencies: ["ScenarioIO", "Allocation", "TestSupport"]
        ),
        .testTarget(
            name: "CLITests",
            dependencies: [
                "ntm-alloc", "TestSupport", "Workflows", "Allocation", "ScenarioIO", "LinearProgramming", "Reports",
                .product(name: "CSV", package: "CSV.swift"),
            ]
        ),
    ]
)
