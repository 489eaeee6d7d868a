public import Foundation

/// Which budgets one evaluation pass looks at.
public enum EvaluationScope: Sendable, Equatable, CustomStringConvertible {
    /// Every live budget of every organization: the scheduled pass.
    case all
    /// The budgets of one connection: after a cost import touched it.
    case connection(UUID)
    /// One budget: after someone created or changed it.
    case budget(UUID)

    public var description: String {
        switch self {
        case .all: "all budgets"
        case .connection(let id): "connection \(id.uuidString.lowercased())"
        case .budget(let id): "budget \(id.uuidString.lowercased())"
        }
    }
}
