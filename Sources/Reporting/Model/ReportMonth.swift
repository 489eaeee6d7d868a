public import Kernel

/// A report's month from its path segment: the shared `MonthParameter` (`YYYY-MM`).
public typealias ReportMonth = MonthParameter
