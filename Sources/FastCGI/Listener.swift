import CFastCGI
import Glibc

/// Where the worker accepts FastCGI connections.
public enum Listener: Sendable, CustomStringConvertible {
    /// A unix socket created at `path` (replacing a stale one) with file mode `mode`.
    case unixSocket(path: String, mode: UInt32)
    /// A TCP address, `127.0.0.1:9000`.
    case tcp(address: String)
    /// A listening socket already open on file descriptor 0, as spawn-fcgi and systemd's
    /// `StandardInput=socket` hand it over.
    case inherited

    public var description: String {
        switch self {
        case .unixSocket(let path, _): "unix:\(path)"
        case .tcp(let address): "tcp:\(address)"
        case .inherited: "fd 0"
        }
    }

    /// Opens the socket and makes it non-blocking, so idle threads can wait for it with a timeout
    /// (`ConnectionWaiter`) and notice shutdown.
    /// - Returns: the listening file descriptor.
    func open(backlog: Int32) throws(FastCGIError) -> Int32 {
        let fd: Int32
        switch self {
        case .inherited:
            fd = 0
            var type: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            guard getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &length) == 0 else {
                throw FastCGIError("file descriptor 0 is not a listening socket (start budgetd under spawn-fcgi or systemd socket activation, "
                                   + "or pass --socket/--listen)", errno: errno)
            }
        case .unixSocket(let path, let mode):
            fd = FCGX_OpenSocket(path, backlog)
            guard fd >= 0 else { throw FastCGIError("cannot listen on unix socket \(path)", errno: errno) }
            guard chmod(path, mode_t(mode)) == 0 else { throw FastCGIError("cannot set the mode of \(path)", errno: errno) }
        case .tcp(let address):
            guard address.contains(":") else { throw FastCGIError("--listen needs HOST:PORT, got \(address)", errno: 0) }
            fd = FCGX_OpenSocket(address, backlog)
            guard fd >= 0 else { throw FastCGIError("cannot listen on \(address)", errno: errno) }
        }
        let flags = fcntl(fd, F_GETFL)
        guard flags >= 0, fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0 else {
            throw FastCGIError("cannot make the listening socket non-blocking", errno: errno)
        }
        return fd
    }

    /// The socket file's identity right after it was created, so that closing removes this worker's
    /// file only: a worker started in its place may already have replaced it (a quick restart).
    func identity() -> (dev: UInt64, ino: UInt64)? {
        guard case .unixSocket(let path, _) = self else { return nil }
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return (UInt64(info.st_dev), UInt64(info.st_ino))
    }

    func close(_ fd: Int32, identity: (dev: UInt64, ino: UInt64)?) {
        if case .unixSocket(let path, _) = self {
            Glibc.close(fd)
            var info = stat()
            if let identity, stat(path, &info) == 0, UInt64(info.st_dev) == identity.dev, UInt64(info.st_ino) == identity.ino {
                unlink(path)
            }
        } else if fd != 0 {
            Glibc.close(fd)
        }
    }
}

/// A failure to set up or run the listener, with the system's reason.
public struct FastCGIError: Error, CustomStringConvertible {
    public let message: String
    public let errno: Int32

    init(_ message: String, errno: Int32) {
        self.message = message
        self.errno = errno
    }

    public var description: String {
        errno == 0 ? message : "\(message): \(String(cString: strerror(errno)))"
    }
}
