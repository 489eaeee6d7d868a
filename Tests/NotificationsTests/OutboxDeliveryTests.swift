import Foundation
import JSON
import Kernel
import Logging
import MariaDB
@testable import Notifications
import Tenancy
import TestSupport
import Testing

/// Writes an event for each delivered message, in the delivery's transaction, as features do.
struct EventPerDelivery: DeliveryObserver {
    static let kind = DomainEvent.Kind(rawValue: "TestMessageDeliveredEvent")

    func delivered(_ message: OutboxMessage, attempts: Int, at: Date, in tx: Transaction) throws {
        _ = try EventLog.append(EventPerDelivery.kind, organizationId: message.organizationId, budgetId: nil, at: at,
                                payload: ["recipient": .string(message.recipient), "attempts": .number(.init(attempts))], in: tx)
    }
}

@Suite("Outbox delivery", .enabled(if: TestDatabase.isAvailable))
struct OutboxDeliveryTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let logger = Logger(label: "test")

    let database: ThrowawayDatabase
    let db: Connection
    let tenant: Tenant
    /// A scratch directory with the mail commands of these tests and the Maildir they deliver to.
    let directory: URL

    init() throws {
        database = try TestDatabase.create()
        db = try database.connect()
        tenant = try Tenant.create(db)
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("budgetd-delivery-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    /// A sendmail-compatible script: `body` runs first (it may exit), then the message is filed.
    func mailCommand(_ name: String, _ body: String) throws -> [String] {
        let path = directory.appendingPathComponent(name).path
        let folder = OutboxDeliveryTests.repository.appendingPathComponent("scripts/lib/sendmail-to-folder").path
        try """
            #!/usr/bin/env bash
            set -u
            cd '\(directory.path)'
            \(body)
            exec '\(folder)' '\(directory.path)/mail' "$@"
            """.write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o755)
        return [path, "-t", "-i"]
    }

    var mails: [String] {
        let folder = directory.appendingPathComponent("mail/new")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.sorted().compactMap { try? String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8) }
    }

    /// One e-mail in the outbox, as a feature writes it in the transaction of what it announces.
    func oneQueuedMessage() throws {
        try db.transaction { tx in
            try Outbox.enqueueEmail(organizationId: tenant.organization.id, budgetId: nil, breachId: nil, to: "ops@example.com",
                                    subject: "Budget \"Prod\" reached 80 %", text: "Reached.", html: "<p>Reached.</p>", at: Date(), in: tx)
        }
    }

    func deliverer(_ settings: DeliverySettings) -> OutboxDelivery {
        OutboxDelivery(settings: settings, logger: OutboxDeliveryTests.logger, observers: [EventPerDelivery()])
    }

    func outboxRow() throws -> Row { try #require(try db.query("SELECT status, attempts, last_error FROM alert_outbox").first) }

    func deliveredEvents() throws -> Int {
        try db.query("SELECT COUNT(*) AS n FROM domain_events WHERE event_type = \(EventPerDelivery.kind.rawValue)").first?.int("n") ?? -1
    }

    @Test("a mail command that fails twice, then works, delivers exactly once")
    func retriesThenDelivers() throws {
        try oneQueuedMessage()
        let command = try mailCommand("flaky", """
            n=$(cat count 2>/dev/null || echo 0); echo $((n + 1)) > count
            if [ "$n" -lt 2 ]; then echo "451 try again later" >&2; exit 75; fi
            """)
        let delivery = deliverer(DeliverySettings(sendmail: command, retryDelay: .zero))
        let report = try delivery.deliverDue(db, now: { Date() })
        #expect(report == OutboxDelivery.Report(delivered: 1, retrying: 2, failed: 0))
        #expect(try delivery.deliverDue(db, now: { Date() }) == OutboxDelivery.Report())
        #expect(mails.count == 1)
        let mail = try #require(mails.first)
        #expect(mail.contains("To: ops@example.com") && mail.contains("Message-ID: <budgetd."))
        let row = try outboxRow()
        #expect(row["status"] == "delivered" && row.int("attempts") == 3 && row["last_error"] == nil)
        #expect(try deliveredEvents() == 1, "the observers ran once, in the delivery's transaction")
    }

    @Test("after the last attempt a message is failed, with the command's own words")
    func givesUp() throws {
        try oneQueuedMessage()
        let command = try mailCommand("broken", #"echo "relay access denied" >&2; exit 69"#)
        let delivery = deliverer(DeliverySettings(sendmail: command, maximumAttempts: 3, retryDelay: .zero))
        #expect(try delivery.deliverDue(db, now: { Date() }) == OutboxDelivery.Report(delivered: 0, retrying: 2, failed: 1))
        let row = try outboxRow()
        #expect(row["status"] == "failed" && row.int("attempts") == 3)
        #expect(row["last_error"] == "mail command exited with status 69: relay access denied")
        #expect(mails.isEmpty)
    }

    @Test("a failed attempt waits before the next: the delay doubles")
    func backoff() throws {
        try oneQueuedMessage()
        let command = try mailCommand("down", "exit 75")
        let settings = DeliverySettings(sendmail: command, retryDelay: .seconds(60))
        let delivery = deliverer(settings)
        #expect(try delivery.deliverDue(db, now: { Date() }).retrying == 1)
        #expect(try delivery.deliverDue(db, now: { Date() }) == OutboxDelivery.Report(), "not due again before its time")
        let start = Date(timeIntervalSince1970: 0)
        #expect(settings.nextAttempt(after: 1, from: start).timeIntervalSince1970 == 60)
        #expect(settings.nextAttempt(after: 3, from: start).timeIntervalSince1970 == 240)
        #expect(settings.nextAttempt(after: 20, from: start).timeIntervalSince1970 == 3600)
    }

    @Test("the database lost while a message is being sent: recorded afterwards, never sent twice")
    func databaseLostMidSend() throws {
        try oneQueuedMessage()
        let command = try mailCommand("slow", "touch started; sleep 3")
        let delivery = deliverer(DeliverySettings(sendmail: command, retryDelay: .zero))
        nonisolated(unsafe) let victim = try database.connect()
        let victimId = try #require(try victim.query("SELECT CONNECTION_ID() AS id").first?.int("id"))
        let errors = ThreadResults<String>()
        let finished = DispatchSemaphore(value: 0)
        nonisolated(unsafe) let unsafeDelivery = delivery
        Thread {
            do { _ = try unsafeDelivery.deliverDue(victim, now: { Date() }) } catch { errors.append("\(error)") }
            finished.signal()
        }.start()
        let started = directory.appendingPathComponent("started").path
        for _ in 0..<500 where !FileManager.default.fileExists(atPath: started) { usleep(10_000) }
        _ = try db.query(SQLQuery(sql: "KILL CONNECTION \(victimId)"))
        finished.wait()
        #expect(errors.all.count == 1, "recording the outcome failed")
        #expect(mails.count == 1, "the message went out")
        #expect(delivery.hasUnrecordedOutcomes)
        #expect(try outboxRow()["status"] == "sending", "leased: no other deliverer takes it")

        let back = try database.connect()
        #expect(try delivery.deliverDue(back, now: { Date() }) == OutboxDelivery.Report())
        #expect(!delivery.hasUnrecordedOutcomes)
        let row = try outboxRow()
        #expect(row["status"] == "delivered" && row.int("attempts") == 1)
        #expect(mails.count == 1)
        #expect(try deliveredEvents() == 1, "the observers ran once, in the delivery's transaction")
    }

    @Test("only one deliverer at a time holds the outbox")
    func oneDeliverer() throws {
        let first = try database.connect()
        let second = try database.connect()
        #expect(try first.acquireLock(DeliveryLoop.lockName(first)))
        #expect(try !second.acquireLock(DeliveryLoop.lockName(first)))
        #expect(try first.holdsLock(DeliveryLoop.lockName(first)) && !second.holdsLock(DeliveryLoop.lockName(first)))
        try first.releaseLock(DeliveryLoop.lockName(first))
        #expect(try second.acquireLock(DeliveryLoop.lockName(first)))
    }
}
