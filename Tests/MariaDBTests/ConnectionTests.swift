import Foundation
@testable import MariaDB
import TestSupport
import Testing

@Suite("MariaDB connection", .enabled(if: TestDatabase.isAvailable))
struct ConnectionTests {
    let database: ThrowawayDatabase
    let connection: Connection

    init() throws {
        database = try TestDatabase.create(migrated: false)
        connection = try database.connect()
        try connection.executeSchemaChange("""
            CREATE TABLE items (
                id INT PRIMARY KEY, name VARCHAR(50) NOT NULL UNIQUE, amount DECIMAL(20,6), note MEDIUMTEXT,
                CHECK (amount IS NULL OR amount >= 0)
            ) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
            """)
    }

    @Test("binds values and reads them back exactly, NULL included")
    func roundTrip() throws {
        let amount = Decimal(string: "12345678901234.123456")!
        try connection.execute("INSERT INTO items (id, name, amount, note) VALUES (\(1), \("café 😀"), \(amount), \(SQLValue.null))")
        let rows = try connection.query("SELECT id, name, amount, note FROM items WHERE name = \("café 😀")")
        #expect(rows.count == 1)
        #expect(rows[0].int("id") == 1)
        #expect(rows[0]["name"] == "café 😀")
        #expect(rows[0].decimal("amount") == amount)
        #expect(rows[0]["note"] == nil)
    }

    @Test("reads values longer than the initial buffer")
    func longValues() throws {
        let long = String(repeating: "0123456789", count: 100_000)
        try connection.execute("INSERT INTO items (id, name, note) VALUES (2, 'long', \(long))")
        let row = try #require(try connection.query("SELECT note, CONCAT(note, 'x') AS longer FROM items WHERE id = 2").first)
        #expect(row["note"] == long)
        #expect(row["longer"]?.count == long.count + 1)
    }

    @Test("a value is never SQL: quotes and comments are data")
    func injectionIsData() throws {
        let hostile = "x'); DROP TABLE items; --"
        try connection.execute("INSERT INTO items (id, name) VALUES (3, \(hostile))")
        #expect(try connection.query("SELECT name FROM items WHERE id = 3").first?["name"] == hostile)
        #expect(try connection.query("SELECT COUNT(*) AS n FROM items").first?.int("n") == 1)
    }

    @Test("IN lists bind each value")
    func inList() throws {
        for i in 10..<15 { try connection.execute("INSERT INTO items (id, name) VALUES (\(i), \("n\(i)"))") }
        let rows = try connection.query("SELECT id FROM items WHERE id IN (\(list: [11, 13, 99])) ORDER BY id")
        #expect(rows.compactMap { $0.int("id") } == [11, 13])
        #expect(try connection.query("SELECT id FROM items WHERE id IN (\(list: [Int]()))").isEmpty)
    }

    @Test("errors are classified: duplicate key and CHECK constraint")
    func errorKinds() throws {
        try connection.execute("INSERT INTO items (id, name) VALUES (20, 'dup')")
        let duplicate = #expect(throws: MariaDBError.self) { try connection.execute("INSERT INTO items (id, name) VALUES (21, 'dup')") }
        #expect(duplicate?.kind == .duplicateKey)
        let check = #expect(throws: MariaDBError.self) {
            try connection.execute("INSERT INTO items (id, name, amount) VALUES (22, \("secret-name"), \(Decimal(-1)))")
        }
        #expect(check?.kind == .constraintViolation)
        #expect(check?.description.contains("INSERT INTO items") == true)
        #expect(check?.description.contains("secret-name") == false, "values never appear in error text")
    }

    @Test("a transaction that throws leaves nothing behind")
    func rollback() throws {
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try connection.transaction { tx in
                try tx.execute("INSERT INTO items (id, name) VALUES (30, 'a')")
                try tx.execute("INSERT INTO items (id, name) VALUES (31, 'b')")
                throw Boom()
            }
        }
        #expect(try connection.query("SELECT id FROM items WHERE id IN (30, 31)").isEmpty)
        try connection.transaction { tx in try tx.execute("INSERT INTO items (id, name) VALUES (32, 'c')") }
        #expect(try connection.query("SELECT id FROM items WHERE id = 32").count == 1)
    }

    @Test("a deadlock victim runs its transaction again and both sides commit")
    func deadlockIsRetried() throws {
        try connection.execute("INSERT INTO items (id, name, amount) VALUES (40, 'left', 0), (41, 'right', 0)")
        let configuration = database.configuration
        let locked = [DispatchSemaphore(value: 0), DispatchSemaphore(value: 0)]
        let attemptCounts = ThreadResults<Int>()
        let errors = ThreadResults<String>()
        let done = DispatchGroup()
        // Each side locks one row, waits until the other has locked the other row, then asks for it:
        // a deadlock on the first attempt, which InnoDB breaks by failing one side.
        for side in 0..<2 {
            done.enter()
            Thread {
                defer { done.leave() }
                do {
                    let own = try Connection(configuration: configuration)
                    var attempts = 0
                    try own.transaction { tx in
                        attempts += 1
                        try tx.execute("UPDATE items SET amount = amount + 1 WHERE id = \(40 + side)")
                        if attempts == 1 {
                            locked[side].signal()
                            _ = locked[1 - side].wait(timeout: .now() + 10)
                        }
                        try tx.execute("UPDATE items SET amount = amount + 1 WHERE id = \(41 - side)")
                    }
                    attemptCounts.append(attempts)
                } catch {
                    errors.append("\(error)")
                }
            }.start()
        }
        #expect(done.wait(timeout: .now() + 60) == .success)
        #expect(errors.all.isEmpty)
        #expect(attemptCounts.all.sorted() == [1, 2], "the victim ran twice, the other once")
        #expect(try connection.query("SELECT amount FROM items WHERE id IN (40, 41)").compactMap { $0.decimal("amount") } == [2, 2])
    }

    @Test("the wrong number of values is an error, not a crash")
    func parameterCount() throws {
        let error = #expect(throws: MariaDBError.self) { try connection.query(SQLQuery(sql: "SELECT ? AS a, ? AS b", binds: [.int(1)])) }
        #expect(error?.message.contains("2 placeholders") == true)
    }

    @Test("a killed connection is unavailable, and the slot reconnects")
    func reconnects() throws {
        let slot = ConnectionSlot(configuration: database.configuration, retryDelay: .zero)
        let first = try slot.connection()
        let id = try #require(try first.query("SELECT CONNECTION_ID() AS id").first?.int("id"))
        try connection.execute("KILL \(id)")
        let error = #expect(throws: MariaDBError.self) { try first.query("SELECT 1 AS one") }
        #expect(error?.kind == .unavailable)
        #expect(first.isBroken)
        let second = try slot.connection()
        #expect(second !== first)
        #expect(try second.query("SELECT 1 AS one").first?.int("one") == 1)
    }

    @Test("a server that is not there is unavailable, quickly")
    func unreachable() {
        let configuration = ConnectionConfiguration(socket: "/nonexistent/mysql.sock", user: "root", database: nil)
        let error = #expect(throws: MariaDBError.self) { try Connection(configuration: configuration) }
        #expect(error?.kind == .unavailable)
    }

    @Test("named locks are exclusive between connections")
    func locks() throws {
        let other = try database.connect()
        #expect(try connection.acquireLock("test.lock"))
        #expect(try other.acquireLock("test.lock") == false)
        try connection.releaseLock("test.lock")
        #expect(try other.acquireLock("test.lock"))
    }
}

