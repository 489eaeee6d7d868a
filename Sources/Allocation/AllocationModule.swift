public import Foundation
public import MariaDB
public import Templating
public import Web

/// Allocation as the application composes it: the tag policy and its compliance, dimensions and
/// usage metrics, live chargeback statements, and issued ones with their answers (API and pages).
public struct AllocationModule: Sendable {
    let templates: TemplateLibrary
    /// Links in e-mails point here.
    let publicURL: String

    public init(templates: TemplateLibrary, publicURL: String) {
        self.templates = templates
        self.publicURL = publicURL
    }

    public func statements(db: Connection, now: Date) -> StatementService {
        StatementService(db: db, now: now, templates: templates, publicURL: publicURL)
    }

    public func addRoutes(to routes: Routes) {
        AllocationRoutes().add(to: routes)
        DimensionRoutes().add(to: routes)
        StatementRoutes(module: self).add(to: routes)
        TagPolicyPage().add(to: routes)
        CompliancePage().add(to: routes)
        ChargebackPage(module: self).add(to: routes)
        StatementPage(module: self).add(to: routes)
    }
}

extension Notice {
    static let tagPolicySaved = Notice("tag-policy-saved", "The tag policy was saved; compliance below is measured against it.")
    static let statementIssued = Notice("statement-issued", "The statement was issued; each owner gets it by e-mail.")
    static let statementAccepted = Notice("statement-accepted", "You accepted the line.")
    static let disputeRaised = Notice("dispute-raised", "Your dispute was recorded; the admins were told.")
    static let disputeResolved = Notice("dispute-resolved", "The dispute was resolved; its owner was told.")
}

extension AllocationModule {
    public static let notices: [Notice] = [.tagPolicySaved, .statementIssued, .statementAccepted, .disputeRaised, .disputeResolved]
}
