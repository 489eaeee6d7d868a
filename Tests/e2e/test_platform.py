"""The platform through nginx: health, pages, static files, headers, and bad requests."""
import os
import signal
import subprocess
import tempfile
import time

import fastcgi_client
from conftest import stack, wait_until


def test_livez_answers_without_the_database(client):
    r = client.get("/livez")
    assert r.status == 200
    assert r.text == "ok\n"


def test_healthz_reports_the_database(client):
    r = client.get("/healthz")
    assert r.status == 200
    assert r.json() == {"status": "ok", "database": "ok"}


def test_home_page_renders_through_the_layout_with_the_stylesheet(client):
    r = client.get("/")
    assert r.status == 200
    assert r.header("content-type") == "text/html; charset=utf-8"
    assert '<link rel="stylesheet" href="/static/app.css">' in r.text
    assert "<h1>Know before the money runs out</h1>" in r.text
    css = client.get("/static/app.css")
    assert css.status == 200
    assert css.header("content-type").startswith("text/css")
    assert b".site-header" in css.body


def test_security_headers_are_set_by_nginx(client):
    for path in ["/", "/static/app.css", "/api/nothing-here"]:
        r = client.get(path)
        csp = r.header("content-security-policy")
        assert csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp, path
        assert r.header("x-content-type-options") == "nosniff"
        assert r.header("referrer-policy") == "same-origin"


def test_gzip_for_text(client):
    r = client.get("/static/app.css", headers={"Accept-Encoding": "gzip"})
    assert r.header("content-encoding") == "gzip"


def test_unknown_paths_are_404_json_under_api_and_html_elsewhere(client):
    api = client.get("/api/nothing-here")
    assert api.status == 404
    assert api.header("content-type") == "application/json; charset=utf-8"
    assert api.json()["error"] == "not_found"
    page = client.get("/nothing-here")
    assert page.status == 404
    assert page.header("content-type") == "text/html; charset=utf-8"
    assert "<h1 id=\"error-heading\">Not Found</h1>" in page.text


def test_wrong_method_is_405_with_allow(client):
    r = client.post("/livez", body="x")
    assert r.status == 405
    assert r.header("allow") == "GET, HEAD"
    api = client.request("PATCH", "/healthz")
    assert api.status == 405


def test_unknown_method_gets_4xx_and_the_worker_stays_up(client):
    r = client.request("FROB", "/livez")
    assert 400 <= r.status < 500
    assert client.get("/livez").status == 200


def test_broken_percent_encoding_is_400(client, worker_socket):
    r = client.get("/api/budgets/%zz", contract=False)  # nginx refuses it before the worker sees it
    assert r.status == 400
    # The worker checks it itself too, whatever the web server in front lets through.
    status, headers, body = fastcgi_client.request(worker_socket, "GET", "/api/x%2")
    assert status == 400
    assert headers["content-type"] == "application/json; charset=utf-8"
    assert b"malformed_request" in body
    status, _, _ = fastcgi_client.request(worker_socket, "GET", "/livez?a=%G0")
    assert status == 400
    status, _, _ = fastcgi_client.request(worker_socket, "GET", "/%C3%28")
    assert status == 400
    assert client.get("/livez").status == 200


def test_malformed_cgi_parameters_are_400(worker_socket):
    status, _, _ = fastcgi_client.request(worker_socket, "", "/livez")
    assert status == 400
    status, _, _ = fastcgi_client.request(worker_socket, "GET", "/livez", extra={"CONTENT_LENGTH": "-5"})
    assert status == 400
    status, _, _ = fastcgi_client.request(worker_socket, "GET", "no-slash")
    assert status == 400


def test_oversized_body_is_413_and_changes_nothing(client, worker_socket):
    two_mib = b"x" * (2 << 20)
    r = client.post("/api/anything", body=two_mib, headers={"Content-Type": "application/json"})
    assert r.status in (404, 413)  # unknown paths are 404 before any body is read
    r = client.request("POST", "/livez", body=two_mib)
    assert r.status == 405
    twenty_mib = b"x" * (20 << 20)
    r = client.post("/api/anything", body=twenty_mib)
    assert r.status == 413
    assert r.json()["error"] == "body_too_large"
    assert client.get("/livez").status == 200


def test_request_ids_pass_from_nginx_to_the_worker_log(client):
    log = os.environ.get("BUDGETD_WORKER_LOG")
    if not log:
        return
    r = client.get("/livez")
    assert r.status == 200
    request_id = r.header("x-request-id")
    assert request_id and len(request_id) == 32, "nginx tells the client the request's id"

    def lines():
        # The worker writes its log every 50 ms: wait for the line rather than expect it at once.
        with open(log) as f:
            return [l for l in f if f"request_id={request_id}" in l]
    assert wait_until(lambda: lines(), seconds=5), f"no log line for request {request_id}"
    line = lines()[-1]
    for key in ["msg=request", "method=GET", "path=/livez", "status=200", "duration_ms="]:
        assert key in line


def test_database_down_is_503_and_the_worker_reconnects(client, mariadb_dir):
    worker_pid = os.environ["BUDGETD_WORKER_PID"]
    stack("stop_mariadb", mariadb_dir)
    try:
        assert wait_until(lambda: client.get("/healthz").status == 503, seconds=15)
        r = client.get("/healthz")
        assert r.json() == {"status": "unavailable", "database": "unavailable"}
        assert client.get("/livez").status == 200
    finally:
        stack("start_mariadb", mariadb_dir)
    started = time.monotonic()
    assert wait_until(lambda: client.get("/healthz").status == 200, seconds=15)
    assert time.monotonic() - started < 10
    os.kill(int(worker_pid), 0)  # the same process, still running


def test_sigterm_finishes_in_flight_requests_then_exits_zero(budgetd_bin):
    with tempfile.TemporaryDirectory() as tmp:
        sock = os.path.join(tmp, "w.sock")
        worker = subprocess.Popen([budgetd_bin, "serve", "--socket", sock, "--threads", "2"],
                                  env=dict(os.environ, BUDGETD_EVALUATION_INTERVAL="0"),
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            assert wait_until(lambda: os.path.exists(sock), seconds=10)
            # One whole request first: from then on the worker's threads are waiting in accept.
            assert fastcgi_client.request(sock, "GET", "/livez")[0] == 200
            conn = fastcgi_client.Connection(sock)
            body = b"y" * 4096
            conn.begin({"REQUEST_METHOD": "POST", "REQUEST_URI": "/nowhere", "CONTENT_LENGTH": str(len(body)),
                        "REQUEST_ID": "in-flight"})
            conn.send_body(body[:100], end=False)
            time.sleep(1)  # the worker is now reading the body of an accepted request
            worker.send_signal(signal.SIGTERM)
            time.sleep(0.5)
            assert worker.poll() is None, "exited with a request in flight"
            conn.send_body(body[100:])
            status, _, _ = conn.response()
            assert status == 404
            assert worker.wait(timeout=10) == 0
            log = worker.stderr.read().decode()
            assert "shutting down" in log and "msg=stopped" in log
        finally:
            if worker.poll() is None:
                worker.kill()
