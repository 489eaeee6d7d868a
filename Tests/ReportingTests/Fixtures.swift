import CostData
import Foundation
import Kernel
import Reporting

// Small builders shared by the Reporting unit tests: days, amounts, ids, budgets and cost rows.

/// `2025-06-15` as a day.
func day(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

/// `2025-06` as the first of that month.
func firstOf(_ month: String) -> LocalDate { LocalDate(iso: month + "-01")! }

/// Exact decimal text, never through a `Double`.
func dec(_ text: String) -> Decimal { Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))! }

/// `12.34` in cents.
func cents(_ text: String) -> Cents { Cents(rounding: dec(text)) }

/// `2025-06-15T10:00:00Z`.
func at(_ text: String) -> Date { UTCTimestamp.parse(text)! }

/// A stable id: `00000000-0000-0000-0000-000000000042`.
func uuid(_ n: Int) -> UUID {
    let digits = String(n)
    return UUID(uuidString: "00000000-0000-0000-0000-" + String(repeating: "0", count: 12 - digits.count) + digits)!
}

func budget(_ n: Int, _ name: String, on connection: ReportConnection, _ timeRange: TimeRange = .monthly, amount: String,
            start: String = "2025-01", services: [UUID] = [], created: String = "2025-01-01T00:00:00Z", deleted: String? = nil) -> ReportBudget {
    ReportBudget(id: uuid(n), name: name, connectionId: connection.id, connectionName: connection.name, currency: connection.currency,
                 timeRange: timeRange, startMonth: firstOf(start), amount: dec(amount), serviceIds: services, createdAt: at(created),
                 deletedAt: deleted.map(at))
}

func serviceCost(_ connection: ReportConnection, _ service: UUID, _ billed: String) -> ServiceCost {
    ServiceCost(connectionId: connection.id, serviceId: service, currency: connection.currency, figures: SpendFigures(billed: dec(billed)))
}

func monthCost(_ month: String, _ connection: ReportConnection, _ service: UUID, _ billed: String) -> MonthlyServiceCost {
    MonthlyServiceCost(month: firstOf(month), cost: serviceCost(connection, service, billed))
}

func dayCost(_ iso: String, _ connection: ReportConnection, _ billed: String) -> DailyConnectionCost {
    DailyConnectionCost(day: day(iso), connectionId: connection.id, currency: connection.currency, figures: SpendFigures(billed: dec(billed)))
}

/// The same connection's cost on every day from `from` up to (not including) `to`.
func everyDay(from: String, to: String, _ connection: ReportConnection, _ billed: String) -> [DailyConnectionCost] {
    let start = day(from)
    return (0..<start.days(until: day(to))).map { dayCost(start.adding(days: $0).iso, connection, billed) }
}

/// The organization of most tests: three USD connections (one without a budget) and one in EUR.
enum Org {
    static let id = uuid(9000)
    static let production = ReportConnection(id: uuid(1), name: "Production AWS", currency: "USD")
    static let staging = ReportConnection(id: uuid(2), name: "Staging AWS", currency: "USD")
    static let development = ReportConnection(id: uuid(3), name: "Dev GCP", currency: "USD")
    static let azure = ReportConnection(id: uuid(4), name: "Azure EU", currency: "EUR")
    static let connections = [production, staging, development, azure]

    static let ec2 = uuid(101)
    static let s3 = uuid(102)
    static let rds = uuid(103)
    static let lambda = uuid(104)
    static let compute = uuid(105)
    static let vm = uuid(106)
    static let cloudFront = uuid(107)
    static let serviceNames: [UUID: String] = [
        ec2: "Amazon EC2", s3: "Amazon S3", rds: "Amazon RDS", lambda: "AWS Lambda", compute: "Compute Engine", vm: "Virtual Machines",
        cloudFront: "Amazon CloudFront",
    ]
}

/// June 2025 of `Org`, complete (now is 10 July): the figures the monthly report tests check.
///
/// USD: Production AWS 314.54 (EC2 200.00, RDS 88.98, S3 25.56; CloudFront only in May), Staging AWS 40.00,
/// Dev GCP 10.00 (no budget in June); May 255.00 + 30.00. EUR: Azure EU 150.00, May 100.00.
enum June {
    static let production = budget(1, "Production monthly", on: Org.production, .monthly, amount: "300.00")
    static let productionYearly = budget(2, "Production yearly", on: Org.production, .yearly, amount: "6000.00")
    static let productionS3 = budget(3, "Production S3", on: Org.production, .monthly, amount: "25.00", services: [Org.s3])
    static let staging = budget(4, "Staging quarterly", on: Org.staging, .quarterly, amount: "100.00", start: "2025-04")
    static let azure = budget(5, "Azure monthly", on: Org.azure, .monthly, amount: "200.00")
    static let stagingDeleted = budget(6, "Old staging", on: Org.staging, .monthly, amount: "50.00", deleted: "2025-05-20T00:00:00Z")
    static let developmentFromJuly = budget(7, "Dev from July", on: Org.development, .monthly, amount: "15.00", start: "2025-07")
    static let budgets = [production, productionYearly, productionS3, staging, azure, stagingDeleted, developmentFromJuly]

    static let monthly = [
        monthCost("2025-06", Org.production, Org.ec2, "200.004"),
        monthCost("2025-06", Org.production, Org.s3, "25.555"),
        monthCost("2025-06", Org.production, Org.rds, "88.98"),
        monthCost("2025-06", Org.staging, Org.lambda, "40.00"),
        monthCost("2025-06", Org.development, Org.compute, "10.00"),
        monthCost("2025-06", Org.azure, Org.vm, "150.00"),
        monthCost("2025-05", Org.production, Org.ec2, "180.00"),
        monthCost("2025-05", Org.production, Org.s3, "20.00"),
        monthCost("2025-05", Org.production, Org.rds, "50.00"),
        monthCost("2025-05", Org.production, Org.cloudFront, "5.00"),
        monthCost("2025-05", Org.staging, Org.lambda, "30.00"),
        monthCost("2025-05", Org.azure, Org.vm, "100.00"),
        monthCost("2025-01", Org.production, Org.ec2, "1.00"),
    ]

    /// 10.00 a day on Production AWS and 1.00 on Staging AWS through June (330.00), 5.00 a day on Azure EU (150.00),
    /// and a 99.00 day in May outside the window.
    static let daily = everyDay(from: "2025-06-01", to: "2025-07-01", Org.production, "10.00")
        + everyDay(from: "2025-06-01", to: "2025-07-01", Org.staging, "1.00")
        + everyDay(from: "2025-06-01", to: "2025-07-01", Org.azure, "5.00")
        + [dayCost("2025-05-31", Org.production, "99.00")]

    static let asOf = at("2025-07-01T00:00:00Z")

    static func builder(now: String = "2025-07-10T00:00:00Z", budgets: [ReportBudget] = budgets,
                        explanations: [UUID: Explanation] = [:]) -> MonthlyReportBuilder {
        MonthlyReportBuilder(organizationId: Org.id, month: firstOf("2025-06"), now: at(now), connections: Org.connections,
                             serviceNames: Org.serviceNames, budgets: budgets, monthly: monthly, daily: daily, asOf: asOf,
                             explanations: explanations)
    }

    static func report() -> MonthlyReport { builder().build() }
}
