"""A minimal FastCGI client, so tests can reach the worker without nginx in between:
to send parameters nginx would never send, and to hold a request open across a SIGTERM."""
import socket
import struct

FCGI_BEGIN_REQUEST, FCGI_END_REQUEST, FCGI_PARAMS, FCGI_STDIN, FCGI_STDOUT, FCGI_STDERR = 1, 3, 4, 5, 6, 7
RESPONDER = 1


def _record(kind, content, request_id=1):
    padding = (8 - len(content) % 8) % 8
    return struct.pack("!BBHHBx", 1, kind, request_id, len(content), padding) + content + b"\0" * padding


def _length(n):
    return bytes([n]) if n < 128 else struct.pack("!I", n | 0x80000000)


def _params(params):
    body = b""
    for name, value in params.items():
        name, value = name.encode(), value.encode()
        body += _length(len(name)) + _length(len(value)) + name + value
    return body


class Connection:
    def __init__(self, socket_path, timeout=10):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(timeout)
        self.sock.connect(socket_path)

    def begin(self, params):
        """Sends the request head; the body follows with send_body()."""
        out = _record(FCGI_BEGIN_REQUEST, struct.pack("!HB5x", RESPONDER, 0))
        encoded = _params(params)
        for i in range(0, len(encoded), 65535):
            out += _record(FCGI_PARAMS, encoded[i:i + 65535])
        out += _record(FCGI_PARAMS, b"")
        self.sock.sendall(out)

    def send_body(self, data, end=True):
        for i in range(0, len(data), 65535):
            self.sock.sendall(_record(FCGI_STDIN, data[i:i + 65535]))
        if end:
            self.sock.sendall(_record(FCGI_STDIN, b""))

    def response(self):
        """Reads until FCGI_END_REQUEST; returns (status, headers dict, body bytes)."""
        stdout = b""
        buffer = b""
        while True:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("worker closed the connection before FCGI_END_REQUEST")
            buffer += chunk
            while len(buffer) >= 8:
                _, kind, _, length, padding = struct.unpack("!BBHHBx", buffer[:8])
                if len(buffer) < 8 + length + padding:
                    break
                content = buffer[8:8 + length]
                buffer = buffer[8 + length + padding:]
                if kind == FCGI_STDOUT:
                    stdout += content
                elif kind == FCGI_END_REQUEST:
                    self.sock.close()
                    return _parse(stdout)

    def close(self):
        self.sock.close()


def _parse(stdout):
    head, _, body = stdout.partition(b"\r\n\r\n")
    headers = {}
    status = 200
    for line in head.decode().split("\r\n"):
        name, _, value = line.partition(":")
        if name.lower() == "status":
            status = int(value.strip().split()[0])
        else:
            headers[name.strip().lower()] = value.strip()
    return status, headers, body


def request(socket_path, method, uri, body=b"", headers=None, extra=None):
    params = {
        "REQUEST_METHOD": method,
        "REQUEST_URI": uri,
        "QUERY_STRING": uri.partition("?")[2],
        "CONTENT_LENGTH": str(len(body)),
        "REQUEST_ID": "test",
        "REMOTE_ADDR": "127.0.0.1",
    }
    for name, value in (headers or {}).items():
        params["HTTP_" + name.upper().replace("-", "_")] = value
    if headers and "Content-Type" in headers:
        params["CONTENT_TYPE"] = headers["Content-Type"]
    params.update(extra or {})
    conn = Connection(socket_path)
    conn.begin(params)
    conn.send_body(body)
    return conn.response()
