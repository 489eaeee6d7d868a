"""The production nginx configuration (nginx/budgetd.production.conf), tested the way the local one
is: rendered with this machine's paths, a self-signed certificate and free ports, in front of the
same worker. Every answer, static files and nginx's own errors included, carries the security
headers, HSTS among them over TLS."""
import getpass
import http.client
import os
import shutil
import ssl
import subprocess
import tempfile
import time

import pytest

from conftest import ROOT, wait_until

SECURITY_HEADERS = ["content-security-policy", "x-content-type-options", "referrer-policy", "x-frame-options",
                    "strict-transport-security", "x-request-id"]


def free_port():
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def production(worker_socket):
    tmp = tempfile.mkdtemp(prefix="budgetd-nginx-production.")
    https_port, http_port = free_port(), free_port()
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=budgets.example.com",
                    "-keyout", f"{tmp}/privkey.pem", "-out", f"{tmp}/fullchain.pem"], check=True, capture_output=True)
    for name in ["budgetd.site.conf", "budgetd.locations.conf", "budgetd.headers.conf", "budgetd.fastcgi.conf"]:
        shutil.copy(os.path.join(ROOT, "nginx", name), tmp)
    with open(os.path.join(ROOT, "nginx", "budgetd.production.conf")) as f:
        site = f.read()
    # Only what ties the file to a real host changes: ports, certificate, socket, paths, logs.
    for old, new in [("listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;"),
                     ("listen 80;", f"listen 127.0.0.1:{http_port};"), ("listen [::]:443 ssl http2;", ""), ("listen [::]:80;", ""),
                     ("/etc/letsencrypt/live/budgets.example.com", tmp), ("/run/budgetd/budgetd.sock", worker_socket),
                     ("/usr/share/budgetd", os.path.join(ROOT, "nginx")), ("/var/log/nginx", tmp)]:
        assert old in site, f"the production configuration no longer has {old!r}"
        site = site.replace(old, new)
    with open(f"{tmp}/budgetd.conf", "w") as f:
        f.write(site)
    for d in ["client_body", "fastcgi", "proxy", "uwsgi", "scgi"]:
        os.makedirs(f"{tmp}/{d}")
    with open(f"{tmp}/nginx.conf", "w") as f:
        f.write(f"""daemon off; worker_processes 1; user {getpass.getuser()}; pid {tmp}/nginx.pid; error_log {tmp}/error.log warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types; default_type application/octet-stream; charset utf-8;
    client_body_temp_path {tmp}/client_body; fastcgi_temp_path {tmp}/fastcgi; proxy_temp_path {tmp}/proxy;
    uwsgi_temp_path {tmp}/uwsgi; scgi_temp_path {tmp}/scgi;
    include budgetd.conf;
}}
""")
    check = subprocess.run(["nginx", "-t", "-c", f"{tmp}/nginx.conf", "-e", f"{tmp}/error.log"], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    nginx = subprocess.Popen(["nginx", "-c", f"{tmp}/nginx.conf", "-e", f"{tmp}/error.log"])
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE

    def get(path, method="GET"):
        conn = http.client.HTTPSConnection("127.0.0.1", https_port, timeout=30, context=context)
        conn.request(method, path, headers={"Host": "budgets.example.com"})
        r = conn.getresponse()
        body = r.read()
        conn.close()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, body

    assert wait_until(lambda: _answers(get), seconds=10), open(f"{tmp}/error.log").read()
    yield get, http_port
    nginx.terminate()
    nginx.wait(timeout=10)
    shutil.rmtree(tmp, ignore_errors=True)


def _answers(get):
    try:
        return get("/livez")[0] == 200
    except OSError:
        return False


@pytest.mark.parametrize("path, status", [("/", 200), ("/static/app.css", 200), ("/api/nothing-here", 404),
                                          ("/api/budgets/%ZZ", 400), ("/budgets/%ZZ", 400), ("/static/missing.css", 404)])
def test_every_answer_has_the_security_headers(production, path, status):
    get, _ = production
    code, headers, _ = get(path)
    assert code == status
    for name in SECURITY_HEADERS:
        assert headers.get(name), f"{path} lacks {name}"
    assert "max-age=" in headers["strict-transport-security"]


def test_static_files_are_cached_and_compressible(production):
    get, _ = production
    _, headers, _ = get("/static/app.css")
    assert headers["cache-control"].startswith("max-age=")


def test_plain_http_redirects_to_https(production):
    _, http_port = production
    conn = http.client.HTTPConnection("127.0.0.1", http_port, timeout=30)
    conn.request("GET", "/budgets?x=1", headers={"Host": "budgets.example.com"})
    r = conn.getresponse()
    assert r.status == 301
    assert r.getheader("Location") == "https://budgets.example.com/budgets?x=1"


def test_nginx_errors_under_api_are_json(production):
    get, _ = production
    code, headers, body = get("/api/budgets", method="TRACE")
    assert code == 405 and headers["allow"] and headers["content-type"] == "application/json; charset=utf-8"
    assert b"method_not_allowed" in body
