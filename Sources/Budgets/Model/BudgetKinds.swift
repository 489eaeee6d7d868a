import Kernel

/// How a budget renews; only recurring budgets exist today (the spec's CHECK constraint).
public enum RenewalType: String, CaseIterable, Sendable { case recurring }

/// How a budget's amount is set; only fixed budgets exist today (the spec's CHECK constraint).
public enum BudgetType: String, CaseIterable, Sendable { case fixed }
