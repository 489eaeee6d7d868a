import Foundation
import Kernel
import MariaDB
import Persistence

/// Spend of the costs a `TagSelection` picks, from the rollups by tag set (`cost_tag_rollups`)
/// matched against the tag sets' per-key rows (`cost_tag_values`): never a line item, never JSON.
enum TaggedSpendStore {
    /// Selections read by one statement; more take one statement per this many. Each adds a few
    /// binds and a branch to the statement; distinct selections are few (departments, projects), so
    /// a pass over every budget is one statement in practice.
    static let selectionsPerStatement = 100

    /// The months from `start` up to (not including) `end` of each selection's costs on its connections.
    ///
    /// One scan of the connections' tag rollups in the window, joined to the tag sets each selection
    /// matches (a small table built from `cost_tag_values`: one join per key, values by `IN`), so
    /// the rollups are read once however many selections there are.
    static func monthly(from start: LocalDate, to end: LocalDate, selections: [TagSelection: Set<UUID>],
                        in db: any SQLReading) throws -> [TagSelection: MonthlySpend] {
        let entries = selections.filter { !$0.key.isEmpty && !$0.value.isEmpty }.map { ($0.key, $0.value) }
        var result: [TagSelection: MonthlySpend] = [:]
        for chunkStart in stride(from: 0, to: entries.count, by: selectionsPerStatement) {
            let chunk = Array(entries[chunkStart..<min(chunkStart + selectionsPerStatement, entries.count)])
            let connections = Array(Set(chunk.flatMap(\.1))).sorted { $0.uuidString < $1.uuidString }
            // Which selection a tag set belongs to; a connection outside a selection's own is left out below.
            var matching: SQLQuery = ""
            for (index, entry) in chunk.enumerated() {
                matching = matching + (index == 0 ? "" : "\nUNION ALL ") + matchingSets(of: entry.0, number: index)
            }
            var spend = Array(repeating: MonthlySpend(), count: chunk.count)
            for row in try db.query("""
                SELECT m.selection, r.csp_connection_id, r.service_id, YEAR(r.day) * 12 + MONTH(r.day) - 1 AS month,
                       SUM(r.billed_cost) AS billed, SUM(r.effective_cost) AS effective
                FROM cost_tag_rollups r
                JOIN (\(matching)) m ON m.tag_set_id = r.tag_set_id
                WHERE r.csp_connection_id IN (\(list: connections)) AND r.day >= \(start) AND r.day < \(end)
                GROUP BY m.selection, r.csp_connection_id, r.service_id, month
                """) {
                guard let index = row.int("selection"), chunk.indices.contains(index) else { continue }
                let connection = try row.uuid("csp_connection_id")
                guard chunk[index].1.contains(connection) else { continue }
                spend[index].add(connection: connection, month: try row.required("month") { Int($0) }, service: try row.uuid("service_id"),
                                 billed: try row.wideSum("billed"), effective: try row.wideSum("effective"))
            }
            for (index, entry) in chunk.enumerated() { result[entry.0] = spend[index] }
        }
        return result
    }

    /// Billed spend per day of one connection's period (only days with line items), of the given
    /// services (all when empty) and the selection's costs.
    static func daily(connectionId: UUID, serviceIds: [UUID], selection: TagSelection, in period: BudgetPeriod,
                      db: any SQLReading) throws -> [LocalDate: Decimal] {
        let services: SQLQuery = serviceIds.isEmpty ? "" : " AND r.service_id IN (\(list: serviceIds))"
        var result: [LocalDate: Decimal] = [:]
        for row in try db.query("""
            SELECT r.day, SUM(r.billed_cost) AS billed FROM cost_tag_rollups r
            WHERE r.csp_connection_id = \(connectionId) AND r.day >= \(period.start) AND r.day < \(period.endExclusive)\(services)
              AND r.tag_set_id IN (\(matchingSets(of: selection)))
            GROUP BY r.day
            """) {
            result[try row.localDate("day")] = try row.money("billed")
        }
        return result
    }

    /// `SELECT [number AS selection,] tag_set_id` of the tag sets that carry every term's key with
    /// one of its values: the first term through the value index, each further one joined by key.
    private static func matchingSets(of selection: TagSelection, number: Int? = nil) -> SQLQuery {
        let terms = selection.terms
        let label: SQLQuery = number.map { "\($0) AS selection, " } ?? ""
        var query: SQLQuery = "SELECT \(label)v0.tag_set_id FROM cost_tag_values v0"
        for (index, term) in terms.enumerated().dropFirst() {
            let alias = SQLQuery(sql: "v\(index)")
            query = query + """
                 JOIN cost_tag_values \(alias) ON \(alias).tag_set_id = v0.tag_set_id AND \(alias).tag_key = \(term.key)
                 AND \(alias).tag_value IN (\(list: term.values))
                """
        }
        guard let first = terms.first else { return query + " WHERE FALSE" }
        return query + " WHERE v0.tag_key = \(first.key) AND v0.tag_value IN (\(list: first.values))"
    }
}
