public import Foundation
public import Kernel
public import MariaDB
import JSON
import Notifications
import Persistence
import Sodium
public import Templating
import Tenancy

/// Issuing chargeback statements and answering them (framework 2.3): an admin issues a dimension's
/// statement for a month (frozen, versioned, with a checksum); each value's owner gets it by e-mail,
/// exactly once, and accepts it or disputes a line with a reason; an admin resolves a dispute by an
/// adjustment between values (the statement still adds up) or by rejecting it. Every message is
/// queued in the transaction of the row it announces.
public struct StatementService {
    public let db: Connection
    public let now: Date
    let templates: TemplateLibrary
    let publicURL: String

    public init(db: Connection, now: Date, templates: TemplateLibrary, publicURL: String) {
        self.db = db
        self.now = now
        self.templates = templates
        self.publicURL = publicURL
    }

    public func issue(dimensionName: String, month: LocalDate, by principal: Principal) throws -> IssuedStatement {
        try principal.require(.admin, to: "issue chargeback statements")
        let organizationId = try principal.requireOrganization()
        guard month < LocalDate(now).firstOfMonth else {
            throw DomainError.invalid([FieldError("month", "must be a month that has ended; \(MonthParameter.text(month)) has not")])
        }
        let organizationName = try ConnectionDirectory.organizationNames([organizationId], in: db)[organizationId] ?? "your organization"
        return try db.transaction { tx in
            guard let found = try DimensionStore.find(named: dimensionName, organizationId: organizationId, in: tx),
                  let dimension = try DimensionStore.find(found.id, organizationId: organizationId, in: tx, locking: true) else {
                throw DomainError.notFound("Dimension")
            }
            let statement = try DimensionService.chargeback(dimension, month: month, organizationId: organizationId, in: tx)
            var document = ChargebackJSON.statement(statement).objectValue ?? [:]
            document["settings"] = DimensionDocument.json(dimension)
            let text = JSONValue.object(document).serialized
            let version = try StatementStore.nextVersion(organizationId: organizationId, dimensionId: dimension.id, month: month, in: tx)
            let lines = statement.currencies.flatMap { c in
                c.lines.filter { !$0.isUnallocated }.map { line in
                    IssuedStatement.Line(currency: c.currency, key: line.key, value: line.value, total: line.total,
                                         ownerEmail: dimension.owner(of: line.value), status: .pending, respondedAt: nil, respondedBy: nil)
                }
            }
            let issued = IssuedStatement(id: UUID(), dimensionId: dimension.id, dimension: dimension.name, month: month, version: version,
                                         document: text, checksum: Sodium.hex(SHA256.hash(Array(text.utf8))), issuedAt: now,
                                         issuedBy: principal.email, lines: lines, disputes: [])
            try StatementStore.insert(issued, organizationId: organizationId, issuedBy: principal.userId, in: tx)
            // One e-mail per owner and statement, written with the lines it announces.
            let byOwner = Dictionary(grouping: lines.filter { $0.ownerEmail != nil }, by: { $0.ownerEmail! })
            for (email, owned) in byOwner.sorted(by: { $0.key < $1.key }) {
                let mail = try StatementMail.issued(issued, lines: owned, organizationName: organizationName, templates: templates,
                                                    publicURL: publicURL)
                try Outbox.enqueueEmail(organizationId: organizationId, budgetId: nil, breachId: nil, to: email, subject: mail.subject,
                                        text: mail.text, html: mail.html, at: now, in: tx)
            }
            return issued
        }
    }

    public func statements(dimensionName: String? = nil, month: LocalDate? = nil, for principal: Principal) throws -> [IssuedStatement] {
        let organizationId = try principal.requireOrganization()
        let dimensionId = try dimensionName.map { try DimensionService(db: db, now: now).dimension(named: $0, for: principal).id }
        return try StatementStore.list(organizationId: organizationId, dimensionId: dimensionId, month: month, in: db)
    }

    public func statement(_ id: UUID, for principal: Principal) throws -> IssuedStatement {
        guard let statement = try StatementStore.find(id, organizationId: try principal.requireOrganization(), in: db) else {
            throw DomainError.notFound("Statement")
        }
        return statement
    }

    /// The statement a dispute was raised against.
    public func statement(ofDispute id: UUID, for principal: Principal) throws -> IssuedStatement {
        guard let statementId = try StatementStore.statementId(ofDispute: id, organizationId: try principal.requireOrganization(), in: db) else {
            throw DomainError.notFound("Dispute")
        }
        return try statement(statementId, for: principal)
    }

    /// The KPIs over the latest version of every statement of the last twelve months.
    public func kpis(for principal: Principal) throws -> ChargebackKPIs {
        let organizationId = try principal.requireOrganization()
        let since = LocalDate(now).firstOfMonth.adding(months: -12)
        return ChargebackKPIs(statements: try StatementStore.list(organizationId: organizationId, latestOnly: true, in: db)
            .filter { $0.month >= since })
    }

    /// The KPIs over the latest version of each dimension and month among `statements`.
    public static func kpis(of statements: [IssuedStatement]) -> ChargebackKPIs {
        let latest = Dictionary(grouping: statements) { "\($0.dimensionId) \($0.month.iso)" }.values.compactMap { $0.max { $0.version < $1.version } }
        return ChargebackKPIs(statements: latest)
    }

    /// The owner accepts their line.
    public func accept(_ id: UUID, currency: String?, value: String?, by principal: Principal) throws -> IssuedStatement {
        try answer(id, currency: currency, value: value, by: principal) { statement, line, organizationId, tx in
            guard line.status != .accepted else { throw DomainError(.conflict, "This line was already accepted.") }
            guard line.status != .disputed else {
                throw DomainError(.conflict, "This line has an open dispute; it can be accepted once an admin has resolved it.")
            }
            try StatementStore.setStatus(.accepted, statementId: statement.id, currency: line.currency, key: line.key, by: principal.email,
                                         at: now, in: tx)
        }
    }

    /// The owner disputes their line (or one service line of it), with a reason; the admins are told once.
    public func dispute(_ id: UUID, currency: String?, value: String?, serviceName: String?, reason: String?,
                        by principal: Principal) throws -> IssuedStatement.Dispute {
        var errors = FieldErrors()
        let reason = (reason ?? "").trimmingWhitespaceAndNewlines()
        if reason.isEmpty { errors.add("reason", "is required: why the line is wrong") }
        if reason.unicodeScalars.count > 2000 { errors.add("reason", "must be at most 2000 characters") }
        try errors.check()
        var raised: IssuedStatement.Dispute?
        _ = try answer(id, currency: currency, value: value, by: principal) { statement, line, organizationId, tx in
            guard line.status != .accepted else { throw DomainError(.conflict, "This line was accepted; it can no longer be disputed.") }
            guard line.status != .disputed else { throw DomainError(.conflict, "This line already has an open dispute.") }
            if let serviceName, !StatementDocument.services(of: statement, currency: line.currency, key: line.key).contains(serviceName) {
                throw DomainError.invalid([FieldError("serviceName", "is not a service line of \(line.value) in this statement")])
            }
            let dispute = IssuedStatement.Dispute(
                id: UUID(), statementId: statement.id, currency: line.currency, key: line.key, serviceName: serviceName, reason: reason,
                raisedAt: now, raisedBy: principal.email, status: .open, resolution: nil, resolvedAt: nil, resolvedBy: nil, adjustmentTo: nil,
                adjustment: nil)
            try StatementStore.insert(dispute, organizationId: organizationId, in: tx)
            try StatementStore.setStatus(.disputed, statementId: statement.id, currency: line.currency, key: line.key, by: principal.email,
                                         at: now, in: tx)
            let mail = try StatementMail.disputed(statement, line: line, dispute: dispute, templates: templates, publicURL: publicURL)
            for admin in try UserDirectory.adminEmails(organizationId: organizationId, in: tx) {
                try Outbox.enqueueEmail(organizationId: organizationId, budgetId: nil, breachId: nil, to: admin, subject: mail.subject,
                                        text: mail.text, html: mail.html, at: now, in: tx)
            }
            raised = dispute
        }
        guard let raised else { throw DomainError(.unavailable, "The dispute could not be recorded.") }
        return raised
    }

    public enum Decision: String, Sendable, CaseIterable {
        case adjust, reject
    }

    /// An admin resolves an open dispute: `adjust` moves `amount` from the disputed value to
    /// `toValue` (of the same statement and currency), `reject` keeps the figures; either way the
    /// line is open for the owner's answer again and the owner is told once.
    public func resolve(dispute id: UUID, decision: String?, amount: String?, toValue: String?, note: String?,
                        by principal: Principal) throws -> IssuedStatement.Dispute {
        try principal.require(.admin, to: "resolve chargeback disputes")
        let organizationId = try principal.requireOrganization()
        return try db.transaction { tx in
            guard let dispute = try StatementStore.dispute(id, organizationId: organizationId, in: tx),
                  let statement = try StatementStore.find(dispute.statementId, organizationId: organizationId, in: tx, locking: true),
                  let line = statement.lines.first(where: { $0.currency == dispute.currency && $0.key == dispute.key }) else {
                throw DomainError.notFound("Dispute")
            }
            guard dispute.status == .open else { throw DomainError(.conflict, "This dispute was already resolved.") }
            var errors = FieldErrors()
            let note = (note ?? "").trimmingWhitespaceAndNewlines()
            if note.isEmpty { errors.add("note", "is required: the reason for the decision, which the owner reads") }
            if note.unicodeScalars.count > 2000 { errors.add("note", "must be at most 2000 characters") }
            let choice = FieldRules.choice(decision, field: "decision", allowed: Decision.allCases, errors: &errors)
            var target: IssuedStatement.Line?
            var cents: Cents?
            if choice == .adjust {
                target = statement.lines.first { $0.currency == line.currency && $0.key != line.key
                    && TagKey.normalizedValue($0.value) == TagKey.normalizedValue(toValue ?? "") }
                if target == nil {
                    errors.add("toValue", "must be another value of this statement in \(line.currency): "
                               + statement.lines.filter { $0.currency == line.currency && $0.key != line.key }.map(\.value).joined(separator: ", "))
                }
                let available = statement.adjustedTotal(of: line)
                if let amount, let decimal = Decimal(exactText: amount, maxFractionDigits: 2), decimal > 0, Cents(rounding: decimal) <= available {
                    cents = Cents(rounding: decimal)
                } else {
                    errors.add("amount", "must be above 0 and at most \(available.plainText), with at most 2 decimals")
                }
            } else if amount != nil || toValue != nil {
                errors.add(amount != nil ? "amount" : "toValue", "applies only to the decision adjust")
            }
            try errors.check()
            try StatementStore.resolve(id, status: choice == .adjust ? .adjusted : .rejected, resolution: note, adjustmentTo: target?.key,
                                       adjustment: cents, by: principal.email, at: now, in: tx)
            try StatementStore.setStatus(.pending, statementId: statement.id, currency: line.currency, key: line.key, by: nil, at: now, in: tx)
            guard let resolved = try StatementStore.dispute(id, organizationId: organizationId, in: tx) else { throw DomainError.notFound("Dispute") }
            if let owner = line.ownerEmail {
                let mail = try StatementMail.resolved(statement, line: line, dispute: resolved, toValue: target?.value, templates: templates,
                                                      publicURL: publicURL)
                try Outbox.enqueueEmail(organizationId: organizationId, budgetId: nil, breachId: nil, to: owner, subject: mail.subject,
                                        text: mail.text, html: mail.html, at: now, in: tx)
            }
            return resolved
        }
    }

    /// Finds the caller's line (they must be its owner) and runs `change` in one transaction.
    private func answer(_ id: UUID, currency: String?, value: String?, by principal: Principal,
                        _ change: (IssuedStatement, IssuedStatement.Line, UUID, Transaction) throws -> Void) throws -> IssuedStatement {
        let organizationId = try principal.requireOrganization()
        return try db.transaction { tx in
            guard let statement = try StatementStore.find(id, organizationId: organizationId, in: tx, locking: true) else {
                throw DomainError.notFound("Statement")
            }
            let matching = statement.lines.filter { line in
                (currency == nil || line.currency == currency) && TagKey.normalizedValue(line.value) == TagKey.normalizedValue(value ?? "")
            }
            guard let line = matching.first, matching.count == 1 else {
                var errors = FieldErrors()
                if value == nil { errors.add("value", "is required: the value whose line is answered") } else if matching.isEmpty {
                    errors.add("value", "is not a value of this statement\(currency.map { " in \($0)" } ?? "")")
                } else {
                    errors.add("currency", "is required: the value has a line in several currencies")
                }
                throw DomainError.invalid(errors.list)
            }
            guard let owner = line.ownerEmail, owner.lowercased() == principal.email.lowercased() else {
                throw DomainError.forbidden("Only the owner of \(line.value) (\(line.ownerEmail ?? "nobody")) answers for its line.")
            }
            try change(statement, line, organizationId, tx)
            guard let updated = try StatementStore.find(id, organizationId: organizationId, in: tx) else { throw DomainError.notFound("Statement") }
            return updated
        }
    }
}
