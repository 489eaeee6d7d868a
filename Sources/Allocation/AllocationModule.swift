public import Web

/// Allocation as the application composes it: the tag policy and its compliance (API and pages).
/// Dimensions, shared costs and chargeback statements come next (issue 17).
public struct AllocationModule: Sendable {
    public init() {}

    public func addRoutes(to routes: Routes) {
        AllocationRoutes().add(to: routes)
        DimensionRoutes().add(to: routes)
        ChargebackPage().add(to: routes)
        TagPolicyPage().add(to: routes)
        CompliancePage().add(to: routes)
    }
}

extension Notice {
    static let tagPolicySaved = Notice("tag-policy-saved", "The tag policy was saved; compliance below is measured against it.")
}

extension AllocationModule {
    public static let notices: [Notice] = [.tagPolicySaved]
}
