/// Where and how to reach the server.
public struct ConnectionConfiguration: Sendable {
    /// A unix socket path; when set, `host` and `port` are ignored.
    public var socket: String?
    public var host: String
    public var port: UInt32
    public var user: String
    public var password: String
    /// The schema to use; `nil` connects without one (to create it, say).
    public var database: String?
    /// Seconds; short, so a down server turns into a quick 503 rather than a hung request.
    public var connectTimeout: UInt32
    public var readTimeout: UInt32
    public var writeTimeout: UInt32

    public init(
        socket: String? = nil,
        host: String = "127.0.0.1",
        port: UInt32 = 3306,
        user: String,
        password: String = "",
        database: String?,
        connectTimeout: UInt32 = 2,
        readTimeout: UInt32 = 30,
        writeTimeout: UInt32 = 30
    ) {
        self.socket = socket
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.database = database
        self.connectTimeout = connectTimeout
        self.readTimeout = readTimeout
        self.writeTimeout = writeTimeout
    }
}

extension ConnectionConfiguration: CustomStringConvertible {
    /// For logs: never includes the password.
    public var description: String {
        let target = socket.map { "socket \($0)" } ?? "\(host):\(port)"
        return "\(user)@\(target)/\(database ?? "")"
    }
}
