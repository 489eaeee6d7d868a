import BudgetWeb
import CFastCGI
import Glibc
import Logging

/// One worker thread's accept loop.
struct FastCGIWorker: Sendable {
    let index: Int
    let listenFD: Int32
    let application: Application
    let logger: Logger
    let stop: StopFlag

    /// How long an idle thread waits for a connection before it looks at the stop flag again.
    private let idlePollMilliseconds: Int32 = 200

    func run(context: RequestContext) {
        let request = UnsafeMutablePointer<FCGX_Request>.allocate(capacity: 1)
        defer { request.deallocate() }
        guard FCGX_InitRequest(request, listenFD, 0) == 0 else {
            logger.critical("FCGX_InitRequest failed", metadata: ["thread": "\(index)"])
            return
        }
        defer { FCGX_Free(request, 1) }
        while !stop.isSet {
            let rc = FCGX_Accept_r(request)
            if rc < 0 {
                if rc == -EAGAIN || rc == -EINTR || rc == -ECONNABORTED {
                    waitForConnection()
                } else {
                    logger.error("accept failed", metadata: ["thread": "\(index)", "error": "\(String(cString: strerror(-rc)))"])
                    waitForConnection()
                }
                continue
            }
            serve(request, context: context)
            FCGX_Finish_r(request)
        }
    }

    private func waitForConnection() {
        var pfd = pollfd(fd: listenFD, events: Int16(POLLIN), revents: 0)
        _ = poll(&pfd, 1, idlePollMilliseconds)
    }

    private func serve(_ fcgx: UnsafeMutablePointer<FCGX_Request>, context: RequestContext) {
        let params = FastCGIWorker.params(of: fcgx)
        let body = FastCGIBodySource(stream: fcgx.pointee.in)
        let response: Response
        do {
            let request = try Request(cgi: params)
            response = application.respond(to: request, body: body, context: context)
        } catch {
            body.drain()
            response = application.respondToMalformed(error, params: params, context: context)
        }
        write(response, to: fcgx.pointee.out)
    }

    /// Copies every parameter at once: libfcgi frees them at the next accept.
    static func params(of request: UnsafeMutablePointer<FCGX_Request>) -> [String: String] {
        var params: [String: String] = [:]
        guard var envp = request.pointee.envp else { return params }
        while let entry = envp.pointee {
            if let eq = strchr(entry, Int32(UInt8(ascii: "="))) {
                let nameLength = entry.distance(to: eq)
                let name = String(decoding: UnsafeRawBufferPointer(start: entry, count: nameLength), as: UTF8.self)
                params[name] = String(decoding: UnsafeRawBufferPointer(start: eq + 1, count: strlen(eq + 1)), as: UTF8.self)
            }
            envp += 1
        }
        return params
    }

    private func write(_ response: Response, to stream: UnsafeMutablePointer<FCGX_Stream>?) {
        var head = "Status: \(response.status.code) \(response.status.reason)\r\n"
        for (name, value) in response.headers { head += "\(name): \(FastCGIWorker.sanitized(value))\r\n" }
        head += "Content-Length: \(response.body.count)\r\n\r\n"
        var bytes = Array(head.utf8)
        bytes.append(contentsOf: response.body)
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { _ = FCGX_PutStr($0.baseAddress, Int32(buffer.count), stream) }
        }
    }

    /// Header values never carry line breaks, whatever a handler put in them (no response splitting).
    static func sanitized(_ value: String) -> String {
        value.contains(where: { $0 == "\r" || $0 == "\n" }) ? String(value.filter { $0 != "\r" && $0 != "\n" }) : value
    }
}
