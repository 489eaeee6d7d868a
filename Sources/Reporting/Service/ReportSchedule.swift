public import Foundation
public import Kernel

/// When each report goes out (UTC): monthly on `monthlySendDay` of the following month, weekly on
/// Mondays, daily each morning, all from `sendHour`. A worker that was down at that moment sends
/// the period as soon as it runs again.
public struct ReportSchedule: Sendable {
    /// The latest period that is due at `now`, and since when.
    public struct Due: Sendable, Equatable {
        /// `2025-06`, `2025-W24` or `2025-06-14`: the delivery key.
        public let period: String
        public let dueAt: Date
        /// The first day of the period (a month's first, a week's Monday, the day).
        public let start: LocalDate
    }

    public let settings: ReportSettings

    public init(settings: ReportSettings) { self.settings = settings }

    /// How many past periods a worker that was down catches up on, newest first: a month's worth of
    /// daily reports, the weeks of a quarter, the months of a quarter.
    public static let catchUp: [ReportSubscription.Report: Int] = [.daily: 7, .weekly: 4, .monthly: 3]

    /// The latest due period and those before it, newest first (see `catchUp`).
    public func recent(_ report: ReportSubscription.Report, at now: Date) -> [Due] {
        var periods = [due(report, at: now)]
        while periods.count < Self.catchUp[report, default: 1] {
            periods.append(due(report, at: periods[periods.count - 1].dueAt.addingTimeInterval(-1)))
        }
        return periods
    }

    public func due(_ report: ReportSubscription.Report, at now: Date) -> Due {
        let today = LocalDate(now)
        switch report {
        case .monthly:
            let thisMonth = moment(today.firstOfMonth.adding(days: settings.monthlySendDay - 1))
            let month = now >= thisMonth ? today.firstOfMonth.adding(months: -1) : today.firstOfMonth.adding(months: -2)
            return Due(period: ReportMonth.text(month), dueAt: now >= thisMonth ? thisMonth
                        : moment(today.firstOfMonth.adding(months: -1).adding(days: settings.monthlySendDay - 1)), start: month)
        case .weekly:
            let monday = ISOWeek(containing: today).start
            let thisWeek = moment(monday)
            let week = ISOWeek(containing: monday.adding(days: now >= thisWeek ? -7 : -14))
            return Due(period: week.description, dueAt: now >= thisWeek ? thisWeek : moment(monday.adding(days: -7)), start: week.start)
        case .daily:
            let thisMorning = moment(today)
            let day = today.adding(days: now >= thisMorning ? -1 : -2)
            return Due(period: day.iso, dueAt: now >= thisMorning ? thisMorning : moment(today.adding(days: -1)), start: day)
        }
    }

    private func moment(_ day: LocalDate) -> Date { day.startOfDay.addingTimeInterval(TimeInterval(settings.sendHour * 3600)) }
}
