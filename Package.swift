// swift-tools-version:6.2
import PackageDescription

/// One set of settings for every target of ours: Swift 6 language mode, explicit `any`,
/// imports visible only where they are written, and no warning left standing.
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .treatAllWarnings(as: .error),
]

let package = Package(
    name: "budgetd",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "budgetd", targets: ["budgetd"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // Only for budgetd-bench, which measures CSVStream against it; budgetd does not link it.
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
    ],
    targets: [
        // C libraries from Debian, each behind one Swift module.
        .systemLibrary(name: "CFastCGI", pkgConfig: "fcgi", providers: [.apt(["libfcgi-dev"])]),
        .systemLibrary(name: "CMariaDB", pkgConfig: "libmariadb", providers: [.apt(["libmariadb-dev"])]),
        .systemLibrary(name: "CSodium", pkgConfig: "libsodium", providers: [.apt(["libsodium-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),

        // Pure libraries: no I/O, no C.
        .target(name: "Templating", swiftSettings: strict),
        .target(name: "JSON", swiftSettings: strict),
        .target(name: "BudgetCore", swiftSettings: strict),
        .target(name: "CSVStream", swiftSettings: strict),

        // Adapters, one per technology.
        .target(name: "MariaDB", dependencies: ["CMariaDB"], swiftSettings: strict),
        .target(name: "Sodium", dependencies: ["CSodium"], swiftSettings: strict),
        .target(
            name: "BudgetStorage",
            dependencies: ["BudgetCore", "MariaDB", "JSON", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        .target(
            name: "CostImport",
            dependencies: ["CSVStream", "CZlib", "BudgetCore", "BudgetStorage", "MariaDB", "JSON", "Sodium"],
            swiftSettings: strict
        ),
        .target(
            name: "Alerting",
            dependencies: ["BudgetCore", "BudgetStorage", "MariaDB", "Templating", "JSON", "Sodium", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        .target(
            name: "BudgetWeb",
            dependencies: [
                "BudgetCore", "BudgetStorage", "CostImport", "Alerting", "MariaDB", "Templating", "JSON", "Sodium",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "FastCGI",
            dependencies: ["CFastCGI", "BudgetWeb", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "budgetd",
            dependencies: [
                "FastCGI", "BudgetWeb", "BudgetStorage", "BudgetCore", "CostImport", "Alerting", "Templating", "JSON", "MariaDB", "Sodium",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),

        .executableTarget(
            name: "budgetd-bench",
            dependencies: [
                "Templating", "CSVStream", .product(name: "CSV", package: "CSV.swift"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),

        .target(name: "TestSupport", dependencies: ["MariaDB", "BudgetStorage", "BudgetCore"], path: "Tests/TestSupport", swiftSettings: strict),
        .testTarget(name: "TemplatingTests", dependencies: ["Templating"], swiftSettings: strict),
        .testTarget(name: "JSONTests", dependencies: ["JSON"], swiftSettings: strict),
        .testTarget(name: "CSVStreamTests", dependencies: ["CSVStream"], swiftSettings: strict),
        .testTarget(
            name: "CostImportTests",
            dependencies: ["CostImport", "BudgetStorage", "BudgetCore", "MariaDB", "TestSupport"],
            swiftSettings: strict
        ),
        .testTarget(name: "BudgetCoreTests", dependencies: ["BudgetCore"], swiftSettings: strict),
        .testTarget(
            name: "AlertingTests",
            dependencies: ["Alerting", "BudgetStorage", "BudgetCore", "MariaDB", "Templating", "JSON", "TestSupport"],
            swiftSettings: strict
        ),
        .testTarget(name: "MariaDBTests", dependencies: ["MariaDB", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "BudgetStorageTests", dependencies: ["BudgetStorage", "MariaDB", "BudgetCore", "JSON", "TestSupport"], swiftSettings: strict),
        .testTarget(
            name: "BudgetWebTests",
            dependencies: ["BudgetWeb", "BudgetStorage", "BudgetCore", "Templating", "JSON", "MariaDB", "TestSupport"],
            swiftSettings: strict
        ),
    ]
)
