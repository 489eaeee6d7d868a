import CSVStream
import Foundation
public import JSON
import Kernel

/// The chargeback statement as the API answers it: money to the cent as JSON numbers (`107.00`),
/// one object per currency; with one currency its members are also at the top, as the contract has it.
public enum ChargebackJSON {
    public static func statement(_ statement: Chargeback) -> JSONValue {
        let currencies = statement.currencies.map(currency)
        var object: JSONObject = ["dimension": .string(statement.dimension), "month": .string(MonthParameter.text(statement.month))]
        if currencies.count == 1, let only = currencies[0].objectValue {
            for (key, value) in only { object[key] = value }
        } else {
            object["currency"] = .null
            object["total"] = .null
            object["values"] = .array([])
        }
        object["currencies"] = .array(currencies)
        return .object(object)
    }

    static func currency(_ c: Chargeback.Currency) -> JSONValue {
        [
            "currency": .string(c.currency), "total": money(c.total), "direct": money(c.direct), "byRules": money(c.byRules),
            "taggedAtSource": money(c.taggedAtSource), "shared": money(c.shared), "overhead": money(c.overhead),
            "allocationAccuracy": c.allocationAccuracy.map { .number(JSONNumber(decimal: $0)) } ?? .null,
            "values": .array(c.lines.map(line)), "notes": .array(c.notes.map(JSONValue.string)),
        ]
    }

    static func line(_ l: Chargeback.Line) -> JSONValue {
        [
            "value": .string(l.value), "unallocated": .bool(l.isUnallocated), "direct": money(l.direct), "byRules": money(l.byRules),
            "shared": money(l.shared), "overhead": money(l.overhead), "total": money(l.total),
            "share": l.share.map { .number(JSONNumber(decimal: $0)) } ?? .null,
            "previousMonthTotal": l.previousMonthTotal.map(money) ?? .null,
            "services": .array(l.services.map { ["serviceName": .string($0.serviceName), "cost": money($0.cost)] }),
        ]
    }

    static func money(_ cents: Cents) -> JSONValue { .number(JSONNumber(text: cents.plainText)!) }
}

/// The statement as a CSV file: a row per value and service line, text cells guarded against
/// formula injection, amounts as plain numbers with two decimals.
public enum ChargebackCSV {
    static func fileName(_ statement: Chargeback) -> String {
        let name = statement.dimension.lowercased().map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
        return "budgetd-\(MonthParameter.text(statement.month))-chargeback-\(name).csv"
    }

    public static func statement(_ statement: Chargeback) -> String {
        var csv = CSVWriter(guardsFormulas: true)
        csv.append(["Month", "Dimension", "Currency", "Value", "Service", "Direct", "By rules", "Shared", "Overhead", "Total", "Share %",
                    "Previous month"])
        let month = MonthParameter.text(statement.month)
        for c in statement.currencies {
            for l in c.lines {
                csv.append([.text(month), .text(statement.dimension), .text(c.currency), .text(l.value), .empty, .number(l.direct.plainText),
                            .number(l.byRules.plainText), .number(l.shared.plainText), .number(l.overhead.plainText), .number(l.total.plainText),
                            l.share.map { .number("\($0)") } ?? .empty, l.previousMonthTotal.map { .number($0.plainText) } ?? .empty])
                for s in l.services {
                    csv.append([.text(month), .text(statement.dimension), .text(c.currency), .text(l.value), .text(s.serviceName), .empty, .empty,
                                .empty, .empty, .number(s.cost.plainText), .empty, .empty])
                }
            }
            csv.append([.text(month), .text(statement.dimension), .text(c.currency), .text("Total"), .empty, .number(c.direct.plainText),
                        .number(c.byRules.plainText), .number(c.shared.plainText), .number(c.overhead.plainText), .number(c.total.plainText),
                        .empty, .empty])
        }
        return csv.output
    }
}
