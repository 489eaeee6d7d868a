/// What a user may do within their organization.
///
/// `viewer` reads; `editor` also creates, changes and deletes budgets; `admin` also manages the
/// organization's users, connections and cost imports.
public enum Role: String, CaseIterable, Sendable, Comparable {
    case viewer, editor, admin

    private var rank: Int {
        switch self {
        case .viewer: 0
        case .editor: 1
        case .admin: 2
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }
}
