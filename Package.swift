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

let logging: Target.Dependency = .product(name: "Logging", package: "swift-log")

/// A feature target: its pure model, its storage, its service, its routes and pages. It may use the
/// technical base and the kernel, and other features' public services, never their storage.
func feature(_ name: String, uses features: [Target.Dependency] = [], extra: [Target.Dependency] = []) -> Target {
    .target(
        name: name,
        dependencies: ["Kernel", "Persistence", "MariaDB", "Web", "HTTPKit", "JSON", "Templating", logging] + features + extra,
        swiftSettings: strict)
}

func tests(_ name: String, _ dependencies: [Target.Dependency]) -> Target {
    .testTarget(name: name, dependencies: dependencies, swiftSettings: strict)
}

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
        // The technical base. C libraries from Debian, each behind one Swift module.
        .systemLibrary(name: "CFastCGI", pkgConfig: "fcgi", providers: [.apt(["libfcgi-dev"])]),
        .systemLibrary(name: "CMariaDB", pkgConfig: "libmariadb", providers: [.apt(["libmariadb-dev"])]),
        .systemLibrary(name: "CSodium", pkgConfig: "libsodium", providers: [.apt(["libsodium-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // Pure libraries: no I/O, no C.
        .target(name: "Templating", swiftSettings: strict),
        .target(name: "JSON", swiftSettings: strict),
        .target(name: "CSVStream", swiftSettings: strict),
        // Adapters, one per technology.
        .target(name: "MariaDB", dependencies: ["CMariaDB"], swiftSettings: strict),
        .target(name: "Sodium", dependencies: ["CSodium"], swiftSettings: strict),
        .target(name: "HTTPKit", dependencies: ["JSON"], swiftSettings: strict),
        .target(name: "FastCGI", dependencies: ["CFastCGI", "CZlib", "HTTPKit", logging], swiftSettings: strict),

        // The shared kernel: money, calendar, access, domain errors, field rules. Pure.
        .target(name: "Kernel", swiftSettings: strict),
        // What every feature's storage shares: row decoding, the transaction's habits, migrations, background loops.
        .target(name: "Persistence", dependencies: ["Kernel", "MariaDB", logging], swiftSettings: strict),
        // What every feature's routes and pages share: typed route groups, page rendering, errors into answers.
        .target(name: "Web", dependencies: ["Kernel", "Persistence", "HTTPKit", "MariaDB", "Templating", "JSON", logging],
                swiftSettings: strict),

        // The features, in dependency order.
        feature("Notifications", extra: ["Sodium"]),
        feature("Tenancy", uses: ["Notifications"], extra: ["Sodium"]),
        feature("CostData", uses: ["Tenancy"], extra: ["CSVStream", "CZlib", "Sodium"]),
        feature("Budgets", uses: ["Tenancy", "CostData", "Notifications"], extra: ["CSVStream"]),
        feature("Allocation", uses: ["Tenancy", "CostData", "Notifications"], extra: ["CSVStream", "Sodium"]),
        feature("Reporting", uses: ["Tenancy", "CostData", "Notifications", "Budgets", "Allocation"],
                extra: ["CSVStream", "Sodium"]),

        // The composition: every feature's routes, loops and settings wired into one application.
        .target(
            name: "BudgetdApp",
            dependencies: ["Kernel", "Persistence", "Web", "HTTPKit", "MariaDB", "Templating", "JSON", logging,
                           "Tenancy", "Notifications", "CostData", "Budgets", "Reporting", "Allocation"],
            swiftSettings: strict),
        .executableTarget(
            name: "budgetd",
            dependencies: [
                "BudgetdApp", "FastCGI", "Web", "HTTPKit", "Kernel", "Persistence", "Tenancy", "Notifications", "CostData", "Budgets",
                "Reporting", "Allocation", "Templating", "JSON", "MariaDB", "Sodium",
                .product(name: "ArgumentParser", package: "swift-argument-parser"), logging,
            ],
            swiftSettings: strict),
        .executableTarget(
            name: "budgetd-bench",
            dependencies: ["Templating", "CSVStream", "Kernel", .product(name: "CSV", package: "CSV.swift"),
                           .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strict),

        // Tests mirror the targets.
        .target(name: "TestSupport", dependencies: ["MariaDB", "Persistence", "Kernel", "Tenancy", "CostData", "Sodium"], path: "Tests/TestSupport",
                swiftSettings: strict),
        tests("TemplatingTests", ["Templating"]),
        tests("JSONTests", ["JSON"]),
        tests("CSVStreamTests", ["CSVStream"]),
        tests("MariaDBTests", ["MariaDB", "TestSupport"]),
        tests("HTTPKitTests", ["HTTPKit", "JSON"]),
        tests("FastCGITests", ["FastCGI", "HTTPKit", "CZlib"]),
        tests("KernelTests", ["Kernel"]),
        tests("WebTests", ["Web", "Kernel"]),
        tests("PersistenceTests", ["Persistence", "MariaDB", "Kernel", "TestSupport", logging]),
        tests("TenancyTests", ["Tenancy", "Kernel", "Persistence", "MariaDB", "Sodium", "TestSupport"]),
        tests("NotificationsTests", ["Notifications", "Tenancy", "Kernel", "Persistence", "MariaDB", "JSON", "TestSupport", logging]),
        tests("CostDataTests", ["CostData", "Tenancy", "Kernel", "Persistence", "MariaDB", "TestSupport"]),
        tests("BudgetsTests", ["Budgets", "CostData", "Notifications", "Tenancy", "Kernel", "Persistence", "MariaDB", "JSON", "HTTPKit", "Web",
                               "Templating", "TestSupport", logging]),
        tests("ReportingTests", ["Reporting", "Allocation", "Budgets", "CostData", "Notifications", "Tenancy", "Kernel", "Persistence", "MariaDB",
                                 "JSON", "Sodium", "Templating", "TestSupport", logging]),
        tests("AllocationTests", ["Allocation", "CostData", "Tenancy", "Notifications", "Kernel", "Persistence", "MariaDB", "Templating",
                                  "TestSupport"]),
        tests("BudgetdAppTests", ["BudgetdApp", "Web", "HTTPKit", "Budgets", "Tenancy", "Notifications", "CostData", "Kernel",
                                  "Persistence", "Templating", "JSON", "MariaDB", "TestSupport", logging]),
    ]
)
