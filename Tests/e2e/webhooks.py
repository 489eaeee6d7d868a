"""A webhook receiver on 127.0.0.1 for the end-to-end tests, and the check a receiver makes of a call's signature."""
import hashlib
import hmac
import http.server
import threading
import time


class Receiver(http.server.ThreadingHTTPServer):
    """A webhook endpoint that records what it gets and fails the first `failures` calls (503)."""

    def __init__(self, failures=0):
        self.calls = []
        self.failures = failures
        super().__init__(("127.0.0.1", 0), ReceiverHandler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_address[1]}/hooks/budgets"


class ReceiverHandler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.calls.append((dict(self.headers), body))
        failing = len(self.server.calls) <= self.server.failures
        self.send_response(503 if failing else 204)
        self.end_headers()

    def log_message(self, *args):
        pass


def verify(secret, headers, body):
    """What a receiver does: HMAC-SHA256 with the secret over "<t>.<body>", compared in constant time, and a fresh t."""
    fields = dict(part.split("=", 1) for part in headers["X-Budgetd-Signature"].split(","))
    expected = hmac.new(secret.encode(), fields["t"].encode() + b"." + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, fields["v1"]) and abs(time.time() - int(fields["t"])) < 300
