import Kernel
import Dispatch
import Foundation
import FoundationNetworking
import Sodium

/// POSTs an event to a webhook, signed so the receiver can tell it came from budgetd and is fresh.
///
/// Headers: `X-Budgetd-Event` (the event type), `X-Budgetd-Delivery` (the outbox id, the same on
/// every retry, for the receiver to deduplicate), and `X-Budgetd-Signature: t=<unix time>,v1=<hex>`,
/// where `v1` is HMAC-SHA256 with the webhook's secret over `"<t>.<body>"`. Receivers recompute it
/// and refuse a stale `t`. Redirects are not followed: a 3xx is a failed attempt.
final class WebhookSender: Sendable {
    private let session: URLSession
    private let timeoutSeconds: Double

    init(timeout: Duration) {
        let configuration = URLSessionConfiguration.ephemeral
        let seconds = timeout.seconds
        timeoutSeconds = seconds
        configuration.timeoutIntervalForRequest = seconds
        configuration.timeoutIntervalForResource = seconds
        configuration.httpCookieAcceptPolicy = .never
        configuration.urlCache = nil
        session = URLSession(configuration: configuration, delegate: RefuseRedirects(), delegateQueue: nil)
    }

    deinit { session.invalidateAndCancel() }

    static func signature(secret: String, timestamp: Int, body: [UInt8]) -> String {
        let mac = Sodium.hmacSHA256(key: Array(secret.utf8), message: Array("\(timestamp).".utf8) + body)
        return "t=\(timestamp),v1=\(Sodium.hex(mac))"
    }

    /// - Parameter allowPrivate: whether the host may resolve to this machine or a private network.
    /// - Throws: `DeliveryError` for anything but a 2xx answer.
    func post(url: String, body: [UInt8], secret: String, event: String, deliveryId: Int64, now: Date, allowPrivate: Bool) throws(DeliveryError) {
        guard let target = URL(string: url), let host = target.host else { throw DeliveryError("webhook URL is not valid", permanent: true) }
        if !allowPrivate, HostResolver.addresses(of: host).contains(where: \.isPrivate) {
            throw DeliveryError("the webhook's host resolves to a private or loopback address; refused")
        }
        var request = URLRequest(url: target)
        request.httpMethod = "POST"
        request.httpBody = Data(body)
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("budgetd-webhooks/1", forHTTPHeaderField: "User-Agent")
        request.setValue(event, forHTTPHeaderField: "X-Budgetd-Event")
        request.setValue(String(deliveryId), forHTTPHeaderField: "X-Budgetd-Delivery")
        request.setValue(WebhookSender.signature(secret: secret, timestamp: Int(now.timeIntervalSince1970), body: body),
                         forHTTPHeaderField: "X-Budgetd-Signature")
        let result = ResultBox()
        let finished = DispatchSemaphore(value: 0)
        let task = session.dataTask(with: request) { _, response, error in
            if let error {
                result.set("webhook request failed: \(error.localizedDescription)")
            } else if let http = response as? HTTPURLResponse, !(200..<300).contains(http.statusCode) {
                result.set("webhook answered HTTP \(http.statusCode)")
            }
            finished.signal()
        }
        task.resume()
        // URLSession enforces the timeout; this wait only guards against a callback that never comes.
        if finished.wait(timeout: .now() + timeoutSeconds + 5) == .timedOut {
            task.cancel()
            throw DeliveryError("webhook request did not finish")
        }
        if let failure = result.value { throw DeliveryError(failure) }
    }
}

/// The error of one request, set by URLSession's callback thread and read after it signalled.
private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var failure: String?
    func set(_ message: String) { lock.withLock { failure = message } }
    var value: String? { lock.withLock { failure } }
}

/// Answers every redirect with "do not follow": the 3xx itself becomes the response.
private final class RefuseRedirects: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void) {
        completionHandler(nil)
    }
}
