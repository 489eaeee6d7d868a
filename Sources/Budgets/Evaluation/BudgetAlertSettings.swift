/// How budget alerts are written: where people reach the site, for the link in each e-mail.
public struct BudgetAlertSettings: Sendable {
    /// `BUDGETD_PUBLIC_URL`. Default `http://127.0.0.1:8080`.
    public var publicURL: String

    public init(publicURL: String = "http://127.0.0.1:8080") { self.publicURL = publicURL }
}
