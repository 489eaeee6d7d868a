import Foundation
import HTTPKit
import Kernel

/// "1970 to 2999", for the messages that refuse a month, week or day outside the report years.
private let reportYears = "\(ReportMonth.years.lowerBound) to \(ReportMonth.years.upperBound)"

extension Request {
    /// The `:month` segment: `YYYY-MM`, or a 400 naming the parameter.
    func reportMonth() throws -> LocalDate {
        guard let text = parameters["month"], let month = ReportMonth.parse(text) else {
            throw HTTPError.badRequest("month must be a month written YYYY-MM in the years \(reportYears), such as 2025-06.", field: "month")
        }
        return month
    }

    /// The `:week` segment: an ISO week `YYYY-Www`, or a 400 naming the parameter; week 53 of a
    /// year that has 52 is well formed but does not exist: a 404.
    func reportWeek() throws -> ISOWeek {
        let text = parameters["week"] ?? ""
        if let week = ISOWeek(text) { return week }
        if text.hasSuffix("-W53"), ISOWeek(text.replacingOccurrences(of: "-W53", with: "-W52")) != nil {
            throw DomainError(.notFound, "\(text.prefix(4)) has 52 ISO weeks; there is no week 53.")
        }
        throw HTTPError.badRequest("week must be an ISO week written YYYY-Www in the years \(reportYears), such as 2025-W24.", field: "week")
    }

    /// `?date=YYYY-MM-DD`; `nil` (today) when absent, a 400 naming it when malformed, empty or outside the report years.
    func reportDate() throws -> LocalDate? {
        guard let text = query["date"] else { return nil }
        guard text.utf8.count == 10, let date = LocalDate(iso: text) else {
            throw HTTPError.badRequest("date must be a day written YYYY-MM-DD, such as 2025-06-14.", field: "date")
        }
        guard ReportMonth.years.contains(date.year) else {
            throw HTTPError.badRequest("date must be a day in the years \(reportYears).", field: "date")
        }
        return date
    }

    func versionNumber() throws -> Int {
        guard let text = parameters["version"], let number = Int(text), number >= 1, String(number) == text else {
            throw DomainError.notFound("Report version")
        }
        return number
    }
}
