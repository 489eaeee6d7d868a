import Kernel
public import Foundation

/// How messages are sent; built by the executable from its configuration.
public struct DeliverySettings: Sendable {
    /// The sendmail-compatible command and its arguments (`/usr/sbin/sendmail -t -i`); the message
    /// goes to its stdin with To, From and Subject headers, and exit status 0 means accepted.
    public var sendmail: [String]
    /// The From address of alert e-mails.
    public var mailFrom: String
    /// Where people reach the site: its host names the messages (Message-ID).
    public var publicURL: String
    /// Attempts before a message is given up as failed. Default 6.
    public var maximumAttempts: Int
    /// The wait after the first failure; doubled after each further one, at most an hour. Default 60 s.
    public var retryDelay: Duration
    /// Time allowed to each sendmail run or webhook call. Default 30 s.
    public var sendTimeout: Duration
    /// Whether webhooks may point at loopback and private addresses (a local stack, tests).
    /// Default false: an organization admin must not make the worker call into its own network.
    public var allowPrivateWebhooks: Bool

    public init(sendmail: [String] = ["/usr/sbin/sendmail", "-t", "-i"], mailFrom: String = "budgetd@localhost",
                publicURL: String = "http://127.0.0.1:8080", maximumAttempts: Int = 6, retryDelay: Duration = .seconds(60),
                sendTimeout: Duration = .seconds(30), allowPrivateWebhooks: Bool = false) {
        self.sendmail = sendmail
        self.mailFrom = mailFrom
        self.publicURL = publicURL
        self.maximumAttempts = maximumAttempts
        self.retryDelay = retryDelay
        self.sendTimeout = sendTimeout
        self.allowPrivateWebhooks = allowPrivateWebhooks
    }

    /// When to try again after `attempts` failed attempts: the retry delay, doubled per further
    /// failure, at most an hour.
    public func nextAttempt(after attempts: Int, from now: Date) -> Date {
        let base = retryDelay.seconds
        let delay = min(3600, base * pow(2, Double(max(0, attempts - 1))))
        return now.addingTimeInterval(delay)
    }

    /// How long a claimed message is left to its deliverer before another may take it over: far
    /// longer than a send may take, so a deliverer cut off from the database mid-send has time to
    /// come back and record what it did.
    var leaseSeconds: TimeInterval { sendTimeout.seconds + 15 * 60 }

    /// The site's host name, for Message-IDs.
    var host: String { DeliverySettings.host(of: publicURL) ?? "budgetd.localhost" }

    /// The host of a URL such as the public URL, if it has one.
    public static func host(of url: String) -> String? {
        URLComponents(string: url)?.host.flatMap { $0.isEmpty ? nil : $0 }
    }
}
