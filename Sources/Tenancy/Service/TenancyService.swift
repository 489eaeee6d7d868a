public import Foundation
public import Kernel
public import MariaDB
import Persistence
import Sodium

/// A user to be created; the password is already hashed.
public struct NewUser: Sendable {
    public var organizationId: UUID?
    public var email: String
    /// `nil` for an invited user, who sets a password through its link.
    public var passwordHash: String?
    public var role: Role
    public var isPlatformAdmin: Bool

    public init(organizationId: UUID?, email: String, passwordHash: String?, role: Role, isPlatformAdmin: Bool) {
        self.organizationId = organizationId
        self.email = email
        self.passwordHash = passwordHash
        self.role = role
        self.isPlatformAdmin = isPlatformAdmin
    }
}

/// The tenancy use cases: organizations (platform administrators), connections and their service
/// catalogues (admins write, everyone reads); people are `UserService`'s. Inputs arrive as typed,
/// unchecked text; every rule is `FieldRules` or `TenancyValidator`, every problem reported at
/// once, and each change is one transaction.
public struct TenancyService {
    public let db: Connection

    public init(db: Connection) { self.db = db }

    /// - Parameter typeErrors: what the caller found reading the input (a number where text belongs).
    public func createOrganization(name: String?, adminEmail: String?, adminPassword: String?, typeErrors: [FieldError] = [],
                                   by principal: Principal) throws -> (Organization, User) {
        guard principal.isPlatformAdmin else { throw DomainError.forbidden("Only platform administrators create organizations.") }
        var errors = FieldErrors(reported: typeErrors)
        let name = FieldRules.name(name, field: "name", maximum: TenancyValidator.maximumOrganizationName, errors: &errors)
        let email = FieldRules.email(adminEmail, field: "admin.email", errors: &errors)
        let password = TenancyValidator.password(adminPassword, field: "admin.password", errors: &errors)
        try errors.check()
        guard let name, let email, let password else { throw DomainError.invalid(errors.list) }
        let hash = try PasswordHash.hash(password)
        return try db.transaction { tx in
            let organization = try OrganizationStore.create(name: name, createdBy: principal.userId, in: tx)
            let admin = try UserStore.create(
                NewUser(organizationId: organization.id, email: email, passwordHash: hash, role: .admin, isPlatformAdmin: false),
                createdBy: principal.userId, in: tx)
            return (organization, admin)
        }
    }

    /// Platform administrators read any organization, members their own; any other is `.notFound`.
    public func organization(_ id: UUID, for principal: Principal) throws -> Organization {
        guard principal.isPlatformAdmin || principal.organizationId == id, let organization = try OrganizationStore.find(id, in: db) else {
            throw DomainError.notFound("Organization")
        }
        return organization
    }

    /// Creates an account, or resets the password (and role) of the organization's (or the
    /// platform's) account with that address; the operator's `budgetd user add`.
    public func createOrReset(email: String, password: String, role: Role, platformAdmin: Bool, organizationName: String?) throws -> User {
        let hash = try PasswordHash.hash(password)
        return try db.transaction { tx in
            var organizationId: UUID?
            if let organizationName {
                organizationId = try OrganizationStore.find(named: organizationName, in: tx)?.id
                    ?? OrganizationStore.create(name: organizationName, createdBy: nil, in: tx).id
            }
            if let existing = try UserStore.account(email: email, organizationId: organizationId, in: tx),
                let updated = try UserStore.update(existing, passwordHash: hash, role: role,
                                                   isPlatformAdmin: platformAdmin ? true : Bool?.none, in: tx) {
                return updated
            }
            return try UserStore.create(
                NewUser(organizationId: organizationId, email: email, passwordHash: hash, role: role, isPlatformAdmin: platformAdmin),
                createdBy: nil, in: tx)
        }
    }

    // MARK: - Connections and services

    public func connections(for principal: Principal) throws -> [CSPConnection] {
        try ConnectionStore.list(organizationId: try principal.requireOrganization(), in: db)
    }

    /// The caller's organization's connection; another tenant's reads exactly like a missing one.
    public func connection(_ id: UUID, for principal: Principal) throws -> CSPConnection {
        guard let csp = try ConnectionStore.find(id, organizationId: try principal.requireOrganization(), in: db) else {
            throw DomainError.notFound("Connection")
        }
        return csp
    }

    public func createConnection(name: String?, provider: String?, currency: String?, typeErrors: [FieldError] = [],
                                 by principal: Principal) throws -> CSPConnection {
        try principal.require(.admin, to: "add connections")
        var errors = FieldErrors(reported: typeErrors)
        let name = FieldRules.name(name, field: "name", maximum: TenancyValidator.maximumConnectionName, errors: &errors)
        let provider: Provider? = FieldRules.choice(provider, field: "provider", errors: &errors)
        let currency = TenancyValidator.currency(currency, field: "currency", errors: &errors)
        try errors.check()
        guard let name, let provider, let currency else { throw DomainError.invalid(errors.list) }
        let organizationId = try principal.requireOrganization()
        return try db.transaction { tx in
            try ConnectionStore.create(organizationId: organizationId, name: name, provider: provider, currency: currency,
                                       createdBy: principal.userId, in: tx)
        }
    }

    /// Renames a connection. Its provider and currency stay: its imported costs are in them.
    public func renameConnection(_ id: UUID, to name: String?, typeErrors: [FieldError] = [], by principal: Principal) throws -> CSPConnection {
        try principal.require(.admin, to: "rename connections")
        let csp = try connection(id, for: principal)
        var errors = FieldErrors(reported: typeErrors)
        let name = FieldRules.name(name, field: "name", maximum: TenancyValidator.maximumConnectionName, errors: &errors)
        try errors.check()
        guard let name else { throw DomainError.invalid(errors.list) }
        return try db.transaction { tx in
            if name != csp.name { try ConnectionStore.rename(csp.id, to: name, in: tx) }
            guard let renamed = try ConnectionStore.find(csp.id, organizationId: csp.organizationId, in: tx) else {
                throw DomainError.notFound("Connection")
            }
            return renamed
        }
    }

    public func services(ofConnection id: UUID, for principal: Principal) throws -> [CSPService] {
        try ConnectionStore.services(connectionId: try connection(id, for: principal).id, in: db)
    }

    /// - Parameter category: left out or blank for none.
    public func addService(toConnection id: UUID, name: String?, category: String?, typeErrors: [FieldError] = [],
                           by principal: Principal) throws -> CSPService {
        try principal.require(.admin, to: "add services")
        let csp = try connection(id, for: principal)
        var errors = FieldErrors(reported: typeErrors)
        let name = FieldRules.name(name, field: "serviceName", maximum: TenancyValidator.maximumServiceName, errors: &errors)
        var checkedCategory: String?
        if let category, !category.trimmingWhitespaceAndNewlines().isEmpty {
            checkedCategory = FieldRules.name(category, field: "serviceCategory", maximum: TenancyValidator.maximumServiceCategory, errors: &errors)
        }
        try errors.check()
        guard let name else { throw DomainError.invalid(errors.list) }
        return try db.transaction { tx in try ConnectionStore.createService(connectionId: csp.id, name: name, category: checkedCategory, in: tx) }
    }
}
