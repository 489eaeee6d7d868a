import BudgetdApp
import Budgets
import Foundation
import JSON
import MariaDB
import Notifications
import Reporting
import Tenancy

/// Every setting of budgetd, read once from the environment (and optionally a `KEY=VALUE` file
/// named by `BUDGETD_CONFIG`; the environment wins). Libraries never read the environment: they
/// receive the typed pieces from here. The README's configuration table lists the same keys.
struct Configuration {
    /// `BUDGETD_DB_SOCKET`: unix socket of the server; when empty, host and port are used. Default `var/mariadb/mysql.sock`.
    var databaseSocket: String?
    /// `BUDGETD_DB_HOST`, default `127.0.0.1`; `BUDGETD_DB_PORT`, default 3306.
    var databaseHost: String
    var databasePort: UInt32
    /// `BUDGETD_DB_USER`, default `budgetd`; `BUDGETD_DB_PASSWORD`, default empty.
    var databaseUser: String
    var databasePassword: String
    /// `BUDGETD_DB_NAME`, default `finops_v2`.
    var databaseName: String
    /// `BUDGETD_JWT_SECRET`: signs API tokens and session cookies; at least 32 characters. No default.
    var jwtSecret: String?
    /// `BUDGETD_TEMPLATES`, default `templates`; `BUDGETD_SQL_DIR`, default `sql`.
    var templateDirectory: String
    var sqlDirectory: String
    /// `BUDGETD_BODY_LIMIT`: largest ordinary request body in bytes, default 1048576.
    var bodyLimit: Int
    /// `BUDGETD_THREADS`: worker threads, default 8 (measured best on 2 cores; see README).
    var threads: Int
    /// `BUDGETD_LOG_LEVEL`: trace, debug, info, notice, warning, error or critical; default info.
    var logLevel: String
    /// `BUDGETD_SOCKET` (unix socket path) or `BUDGETD_LISTEN` (HOST:PORT); neither means fd 0.
    var socketPath: String?
    var listenAddress: String?
    /// `BUDGETD_SOCKET_MODE`: octal file mode of the unix socket, default 0660.
    var socketMode: UInt32
    /// `BUDGETD_PUBLIC_URL`: where people reach the site, for links in e-mails. Default `http://127.0.0.1:8080`.
    var publicURL: String
    /// `BUDGETD_TOKEN_LIFETIME`: seconds an API token is valid, default 3600.
    var tokenLifetime: Int
    /// `BUDGETD_SESSION_LIFETIME`: seconds a browser session lasts, default 28800 (8 hours).
    var sessionLifetime: Int

    /// `BUDGETD_SENDMAIL`: the sendmail-compatible command for alert e-mails, words separated by
    /// spaces. Default `/usr/sbin/sendmail -t -i`.
    var sendmail: [String]
    /// `BUDGETD_MAIL_FROM`: the From address of alert e-mails. Default `budgetd@` and the public URL's host.
    var mailFrom: String
    /// `BUDGETD_EVALUATION_INTERVAL`: seconds between the worker's scheduled evaluation passes; 0 turns them off. Default 300.
    var evaluationInterval: Int
    /// `BUDGETD_DELIVERY_INTERVAL`: seconds between looks at the outbox. Default 2.
    var deliveryInterval: Int
    /// `BUDGETD_ALERT_ATTEMPTS`: attempts before a message is given up as failed. Default 6.
    var alertAttempts: Int
    /// `BUDGETD_ALERT_RETRY_DELAY`: seconds before the first retry, doubled per further failure (at most an hour). Default 60.
    var alertRetryDelay: Int
    /// `BUDGETD_ALERT_TIMEOUT`: seconds allowed to one sendmail run or webhook call. Default 30.
    var alertTimeout: Int
    /// `BUDGETD_REPORT_INTERVAL`: seconds between the worker's looks for reports due to subscribers; 0 turns them off. Default 300.
    var reportInterval: Int
    /// `BUDGETD_REPORT_SEND_DAY`: the day of the following month monthly reports go out (billing data lags). Default 3.
    var reportSendDay: Int
    /// `BUDGETD_REPORT_SEND_HOUR`: the hour (UTC) from which the day's reports go out. Default 6.
    var reportSendHour: Int
    /// `BUDGETD_REPORT_RETENTION_MONTHS`: months of issued report versions kept. Default 24 (the framework keeps two years).
    var reportRetentionMonths: Int
    /// `BUDGETD_WEBHOOK_ALLOW_PRIVATE`: `1` lets webhooks point at loopback and private addresses (local stack, tests). Default 0.
    var webhookAllowPrivate: Bool

    static let defaultThreads = 8

    /// - Throws: `ConfigurationError` naming the variable and what is wrong with it.
    static func load(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Configuration {
        var values: [String: String] = [:]
        if let file = environment["BUDGETD_CONFIG"], !file.isEmpty {
            values = try readFile(file)
        }
        for (key, value) in environment where key.hasPrefix("BUDGETD_") { values[key] = value }

        func string(_ key: String, _ fallback: String) -> String {
            guard let value = values[key], !value.isEmpty else { return fallback }
            return value
        }
        func optional(_ key: String) -> String? {
            guard let value = values[key], !value.isEmpty else { return nil }
            return value
        }
        func integer(_ key: String, _ fallback: Int, range: ClosedRange<Int>) throws -> Int {
            guard let text = optional(key) else { return fallback }
            guard let value = Int(text), range.contains(value) else {
                throw ConfigurationError(key: key, message: "must be a whole number in \(range.lowerBound)...\(range.upperBound), got \"\(text)\"")
            }
            return value
        }

        let socketModeText = string("BUDGETD_SOCKET_MODE", "0660")
        guard let socketMode = UInt32(socketModeText, radix: 8), socketMode <= 0o777 else {
            throw ConfigurationError(key: "BUDGETD_SOCKET_MODE", message: "must be an octal file mode such as 0660, got \"\(socketModeText)\"")
        }
        let logLevel = string("BUDGETD_LOG_LEVEL", "info")
        guard ["trace", "debug", "info", "notice", "warning", "error", "critical"].contains(logLevel) else {
            throw ConfigurationError(key: "BUDGETD_LOG_LEVEL", message: "must be one of trace, debug, info, notice, warning, error, critical")
        }
        let publicURL = string("BUDGETD_PUBLIC_URL", "http://127.0.0.1:8080")
        let sendmail = string("BUDGETD_SENDMAIL", "/usr/sbin/sendmail -t -i").split(separator: " ").map(String.init)
        let host = DeliverySettings.host(of: publicURL) ?? "localhost"
        let allowPrivate = string("BUDGETD_WEBHOOK_ALLOW_PRIVATE", "0")
        guard allowPrivate == "0" || allowPrivate == "1" else {
            throw ConfigurationError(key: "BUDGETD_WEBHOOK_ALLOW_PRIVATE", message: "must be 0 or 1, got \"\(allowPrivate)\"")
        }
        let jwtSecret = optional("BUDGETD_JWT_SECRET")
        if let jwtSecret, jwtSecret.utf8.count < 32 {
            throw ConfigurationError(key: "BUDGETD_JWT_SECRET", message: "must be at least 32 characters (generate one with: openssl rand -hex 32)")
        }
        return Configuration(
            databaseSocket: values["BUDGETD_DB_SOCKET"].map { $0.isEmpty ? nil : $0 } ?? "var/mariadb/mysql.sock",
            databaseHost: string("BUDGETD_DB_HOST", "127.0.0.1"),
            databasePort: UInt32(try integer("BUDGETD_DB_PORT", 3306, range: 1...65535)),
            databaseUser: string("BUDGETD_DB_USER", "budgetd"),
            databasePassword: values["BUDGETD_DB_PASSWORD"] ?? "",
            databaseName: string("BUDGETD_DB_NAME", "finops_v2"),
            jwtSecret: jwtSecret,
            templateDirectory: string("BUDGETD_TEMPLATES", "templates"),
            sqlDirectory: string("BUDGETD_SQL_DIR", "sql"),
            bodyLimit: try integer("BUDGETD_BODY_LIMIT", 1 << 20, range: 1024...(1 << 30)),
            threads: try integer("BUDGETD_THREADS", defaultThreads, range: 1...256),
            logLevel: logLevel,
            socketPath: optional("BUDGETD_SOCKET"),
            listenAddress: optional("BUDGETD_LISTEN"),
            socketMode: socketMode,
            publicURL: publicURL,
            tokenLifetime: try integer("BUDGETD_TOKEN_LIFETIME", 3600, range: 60...(30 * 86_400)),
            sessionLifetime: try integer("BUDGETD_SESSION_LIFETIME", 8 * 3600, range: 300...(30 * 86_400)),
            sendmail: sendmail,
            mailFrom: string("BUDGETD_MAIL_FROM", "budgetd@\(host)"),
            evaluationInterval: try integer("BUDGETD_EVALUATION_INTERVAL", 300, range: 0...86_400),
            deliveryInterval: try integer("BUDGETD_DELIVERY_INTERVAL", 2, range: 1...3600),
            alertAttempts: try integer("BUDGETD_ALERT_ATTEMPTS", 6, range: 1...100),
            alertRetryDelay: try integer("BUDGETD_ALERT_RETRY_DELAY", 60, range: 1...3600),
            alertTimeout: try integer("BUDGETD_ALERT_TIMEOUT", 30, range: 1...600),
            reportInterval: try integer("BUDGETD_REPORT_INTERVAL", 300, range: 0...86_400),
            reportSendDay: try integer("BUDGETD_REPORT_SEND_DAY", 3, range: 1...28),
            reportSendHour: try integer("BUDGETD_REPORT_SEND_HOUR", 6, range: 0...23),
            reportRetentionMonths: try integer("BUDGETD_REPORT_RETENTION_MONTHS", 24, range: 1...600),
            webhookAllowPrivate: allowPrivate == "1"
        )
    }

    /// The secret, or a clear error naming the variable.
    func requireSecret() throws -> String {
        guard let jwtSecret else {
            throw ConfigurationError(key: "BUDGETD_JWT_SECRET", message: "is required to serve (generate one with: openssl rand -hex 32)")
        }
        return jwtSecret
    }

    /// What the composed application needs: every feature's settings.
    var app: AppSettings {
        get throws { try appSettings(secret: try requireSecret()) }
    }

    /// For commands that sign nothing (imports, evaluation, the demo): no secret needed.
    var commandApp: AppSettings {
        get throws { try appSettings(secret: jwtSecret ?? "") }
    }

    private func appSettings(secret: String) throws -> AppSettings {
        AppSettings(
            database: database, bodyLimit: bodyLimit,
            tenancy: TenancySettings(secret: secret, tokenLifetime: tokenLifetime, sessionLifetime: sessionLifetime, publicURL: publicURL),
            delivery: delivery, alerts: budgetAlerts, reports: reports, openAPI: try openAPIDocument())
    }

    var budgetAlerts: BudgetAlertSettings { BudgetAlertSettings(publicURL: publicURL) }

    var reports: ReportSettings {
        ReportSettings(publicURL: publicURL, monthlySendDay: reportSendDay, sendHour: reportSendHour, retentionMonths: reportRetentionMonths)
    }

    var delivery: DeliverySettings {
        DeliverySettings(
            sendmail: sendmail, mailFrom: mailFrom, publicURL: publicURL, maximumAttempts: alertAttempts,
            retryDelay: .seconds(alertRetryDelay), sendTimeout: .seconds(alertTimeout), allowPrivateWebhooks: webhookAllowPrivate)
    }

    /// `templates/api/openapi.json`, the API's contract, checked at start-up.
    func openAPIDocument() throws -> JSONValue {
        let path = templateDirectory + "/api/openapi.json"
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError(key: "BUDGETD_TEMPLATES", message: "has no api/openapi.json (looked for \(path))")
        }
        do {
            return try JSONParser.parse(Array(data))
        } catch {
            throw ConfigurationError(key: "BUDGETD_TEMPLATES", message: "\(path): \(error)")
        }
    }

    var database: ConnectionConfiguration {
        ConnectionConfiguration(
            socket: databaseSocket, host: databaseHost, port: databasePort,
            user: databaseUser, password: databasePassword, database: databaseName)
    }

    /// `KEY=VALUE` lines; `#` starts a comment; values may be wrapped in double quotes.
    private static func readFile(_ path: String) throws -> [String: String] {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ConfigurationError(key: "BUDGETD_CONFIG", message: "cannot read \(path)")
        }
        var values: [String: String] = [:]
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let eq = line.firstIndex(of: "=") else {
                throw ConfigurationError(key: "BUDGETD_CONFIG", message: "\(path):\(number + 1): expected KEY=VALUE")
            }
            let key = line[..<eq].trimmingCharacters(in: .whitespaces)
            var value = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            values[key] = value
        }
        return values
    }
}

/// A setting that cannot be used, with the variable to fix.
struct ConfigurationError: Error, CustomStringConvertible {
    let key: String
    let message: String
    var description: String { "configuration: \(key) \(message)" }
}
