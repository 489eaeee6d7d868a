import ArgumentParser
import Foundation

/// Benchmark drivers run by `scripts/bench`; a developer's tool, not part of the product.
@main
struct BudgetdBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "budgetd-bench",
        abstract: "Benchmark drivers (scripts/bench runs them).",
        subcommands: [RenderBenchmark.self, CSVBenchmark.self, FOCUSFileGenerator.self]
    )
}

/// Prints `message` to stderr and exits 1.
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data(("budgetd-bench: " + message + "\n").utf8))
    exit(1)
}
