import HTTPKit
import CFastCGI
import Glibc
import Logging

/// One worker thread's accept loop.
struct FastCGIWorker<App: Responder>: Sendable {
    let index: Int
    let listenFD: Int32
    let application: App
    let logger: Logger
    let stop: StopFlag

    /// How long an idle thread waits for a connection before it looks at the stop flag again.
    private let idlePollMilliseconds: Int32 = 200

    func run(context: App.ThreadContext) {
        let request = UnsafeMutablePointer<FCGX_Request>.allocate(capacity: 1)
        defer { request.deallocate() }
        guard FCGX_InitRequest(request, listenFD, 0) == 0 else {
            logger.critical("FCGX_InitRequest failed", metadata: ["thread": "\(index)"])
            return
        }
        defer { FCGX_Free(request, 1) }
        let waiter = ConnectionWaiter(listenFD: listenFD)
        defer { waiter.close() }
        while !stop.isSet {
            let rc = FCGX_Accept_r(request)
            if rc < 0 {
                if rc != -EAGAIN && rc != -EINTR && rc != -ECONNABORTED {
                    logger.error("accept failed", metadata: ["thread": "\(index)", "error": "\(String(cString: strerror(-rc)))"])
                }
                waiter.wait(milliseconds: idlePollMilliseconds)
                continue
            }
            serve(request, context: context)
            FCGX_Finish_r(request)
        }
    }

    private func serve(_ fcgx: UnsafeMutablePointer<FCGX_Request>, context: App.ThreadContext) {
        let params = CGIParameters.params(of: fcgx)
        let body = FastCGIBodySource(stream: fcgx.pointee.in)
        var response: Response
        do {
            let request = try Request(cgi: params)
            response = application.respond(to: request, body: body, context: context)
        } catch {
            body.drain()
            response = application.respondToMalformed(error, params: params, context: context)
        }
        ResponseCompression.apply(&response, acceptEncoding: params.first { $0.0 == "HTTP_ACCEPT_ENCODING" }?.1)
        write(response, to: fcgx.pointee.out)
    }

    private func write(_ response: Response, to stream: UnsafeMutablePointer<FCGX_Stream>?) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(256 + response.body.count)
        bytes.append(contentsOf: "Status: ".utf8)
        bytes.append(contentsOf: String(response.status.code).utf8)
        bytes.append(UInt8(ascii: " "))
        bytes.append(contentsOf: response.status.reason.utf8)
        bytes.append(contentsOf: "\r\n".utf8)
        for (name, value) in response.headers {
            bytes.append(contentsOf: name.utf8)
            bytes.append(contentsOf: ": ".utf8)
            // Header values never carry line breaks, whatever a handler put in them (no response splitting).
            for b in value.utf8 where b != 0x0D && b != 0x0A { bytes.append(b) }
            bytes.append(contentsOf: "\r\n".utf8)
        }
        bytes.append(contentsOf: "Content-Length: ".utf8)
        bytes.append(contentsOf: String(response.body.count).utf8)
        bytes.append(contentsOf: "\r\n\r\n".utf8)
        bytes.append(contentsOf: response.body)
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { _ = FCGX_PutStr($0.baseAddress, Int32(buffer.count), stream) }
        }
    }
}

/// The CGI parameters of a libfcgi request.
enum CGIParameters {
    /// Copies the parameters the application reads (libfcgi frees them at the next accept), and
    /// only those: nginx sends some thirty per request and most are never looked at.
    static func params(of request: UnsafeMutablePointer<FCGX_Request>) -> [(String, String)] {
        var params: [(String, String)] = []
        params.reserveCapacity(16)
        guard var envp = request.pointee.envp else { return params }
        while let entry = envp.pointee {
            envp += 1
            guard let eq = strchr(entry, Int32(UInt8(ascii: "="))) else { continue }
            let name = UnsafeRawBufferPointer(start: entry, count: entry.distance(to: eq))
            guard isWanted(name) else { continue }
            params.append((String(decoding: name, as: UTF8.self), String(cString: eq + 1)))
        }
        return params
    }

    private static let wanted: [[UInt8]] = [
        "REQUEST_METHOD", "REQUEST_URI", "DOCUMENT_URI", "QUERY_STRING", "CONTENT_TYPE", "CONTENT_LENGTH",
        "REQUEST_ID", "REMOTE_ADDR", "HTTPS",
    ].map { Array($0.utf8) }

    private static func isWanted(_ name: UnsafeRawBufferPointer) -> Bool {
        if name.count > 5, name[0] == UInt8(ascii: "H"), name[1] == UInt8(ascii: "T"), name[2] == UInt8(ascii: "T"),
            name[3] == UInt8(ascii: "P"), name[4] == UInt8(ascii: "_") {
            return true
        }
        return wanted.contains { $0.count == name.count && $0.elementsEqual(name) }
    }

}
