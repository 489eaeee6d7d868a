public import Kernel
public import MariaDB

extension Transaction {
    /// Runs an INSERT or UPDATE whose only expected failure is a unique key, turning that into the
    /// domain's conflict; the database arbitrates, so two concurrent requests cannot both succeed.
    public func execute(_ query: SQLQuery, conflict: @autoclosure () -> DomainError) throws {
        do {
            try execute(query)
        } catch {
            if error.kind == .duplicateKey { throw conflict() }
            throw error
        }
    }
}
