"""Shared fixtures for the end-to-end suites. scripts/test starts MariaDB, the worker and nginx and
passes their whereabouts in the environment; these tests only talk to them."""
import http.client
import json
import os
import subprocess
import time

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def env(name):
    value = os.environ.get(name)
    if not value:
        pytest.fail(f"{name} is not set: run the end-to-end tests through scripts/test")
    return value


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    @property
    def text(self):
        return self.body.decode("utf-8")

    def json(self):
        return json.loads(self.body)

    def header(self, name):
        return self.headers.get(name.lower())


class Client:
    """HTTP through nginx, with raw paths (no client-side normalisation). Every answer from a
    documented API operation is checked against the OpenAPI document the worker serves."""

    def __init__(self, base):
        host, _, port = base.removeprefix("http://").partition(":")
        self.host, self.port = host, int(port)
        self.contract = None

    def request(self, method, path, body=None, headers=None, token=None, contract=True):
        headers = dict(headers or {})
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode()
            headers.setdefault("Content-Type", "application/json")
        elif isinstance(body, str):
            body = body.encode()
        if token:
            headers["Authorization"] = f"Bearer {token}"
        conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
        conn.putrequest(method, path, skip_accept_encoding=True)
        for name, value in headers.items():
            conn.putheader(name, value)
        if body is not None:
            conn.putheader("Content-Length", str(len(body)))
        conn.endheaders(body)
        response = conn.getresponse()
        result = Response(response.status, {k.lower(): v for k, v in response.getheaders()}, response.read())
        conn.close()
        if self.contract is not None and contract:
            self.contract.check(method, path, result)
        return result

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, body=None, **kw):
        return self.request("POST", path, body=body, **kw)

    def put(self, path, body=None, **kw):
        return self.request("PUT", path, body=body, **kw)

    def patch(self, path, body=None, **kw):
        return self.request("PATCH", path, body=body, **kw)

    def delete(self, path, **kw):
        return self.request("DELETE", path, **kw)


@pytest.fixture(scope="session")
def client():
    from contract import Contract
    client = Client(env("BUDGETD_URL"))
    document = client.get("/api/openapi.json")
    assert document.status == 200
    client.contract = Contract(document.json())
    return client


@pytest.fixture(scope="session")
def worker_socket():
    return env("BUDGETD_WORKER_SOCKET")


@pytest.fixture(scope="session")
def budgetd_bin():
    return env("BUDGETD_BIN")


@pytest.fixture(scope="session")
def mariadb_dir():
    return env("BUDGETD_MARIADB_DIR")


@pytest.fixture
def page():
    """A headless Chromium at desktop size, its screenshots going to test-output/screenshots/."""
    import browser
    driver = browser.start()
    yield browser.Browser(driver, os.environ["BUDGETD_URL"], os.path.join(os.environ["BUDGETD_TEST_OUTPUT"], "screenshots"))
    driver.quit()


@pytest.fixture(autouse=True)
def worker_did_not_crash():
    """Fails the test during which the shared worker trapped, with the trap's message: a crash would
    otherwise surface only as the 502s of every later test."""
    log = os.environ.get("BUDGETD_WORKER_LOG")
    start = os.path.getsize(log) if log and os.path.exists(log) else 0
    yield
    if not log or not os.path.exists(log):
        return
    with open(log, "rb") as f:
        f.seek(start if os.path.getsize(log) >= start else 0)
        text = f.read().decode("utf-8", "replace")
    for marker in ("Fatal error:", "*** Program crashed"):
        at = text.find(marker)
        if at >= 0:
            line_start = text.rfind("\n", 0, at) + 1
            pytest.fail(f"the worker crashed during this test: {text[line_start:line_start + 1500]}")


def wait_until(predicate, seconds=20, interval=0.25):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return False


def stack(function, *args):
    """Runs a function of scripts/lib/stack.sh (start_mariadb, stop_mariadb, …)."""
    quoted = " ".join(f"'{a}'" for a in args)
    subprocess.run(["bash", "-c", f"set -euo pipefail; ROOT='{ROOT}'; source '{ROOT}/scripts/lib/stack.sh'; {function} {quoted}"],
                   check=True)


@pytest.fixture(scope="session")
def platform(client):
    from tenants import platform_token
    return platform_token(client)


@pytest.fixture(scope="session")
def acme(client, platform):
    from tenants import create_tenant
    return create_tenant(client, platform, "Acme")


@pytest.fixture(scope="session")
def globex(client, platform):
    from tenants import create_tenant
    return create_tenant(client, platform, "Globex")


@pytest.fixture(scope="session")
def demo_account(budgetd_bin):
    """(e-mail, password) of an admin of the demo's Distro Nation, the demo loaded for it: budgets with
    spend, alerts, reports and history, the richest pages the product shows, and its viewer
    viewer@distronation.example (password demo)."""
    import uuid
    email, password = f"demo-admin-{uuid.uuid4().hex[:6]}@distronation.example", "a demo admin passphrase"
    subprocess.run([budgetd_bin, "user", "add", "--organization", "Distro Nation", "--role", "admin", "--email", email],
                   input=password + "\n", text=True, check=True, capture_output=True, timeout=60)
    subprocess.run([budgetd_bin, "demo", "load", "--admin", email], check=True, capture_output=True, timeout=300)
    return email, password


@pytest.fixture(scope="session")
def demo_budget(client, demo_account):
    """The id of the demo's Production AWS: months of spend, thresholds reached, alerts and history."""
    from tenants import login
    token = login(client, *demo_account)
    budgets = client.get("/api/budgets?q=Production%20AWS", token=token).json()["budgets"]
    return next(b["id"] for b in budgets if b["name"] == "Production AWS")


@pytest.fixture(scope="session")
def demo_import(client, demo_account):
    """The page of the demo's import into Production AWS Account: its rows, periods and totals."""
    from tenants import login
    token = login(client, *demo_account)
    connection = next(c for c in client.get("/api/connections", token=token).json()["connections"] if c["name"] == "Production AWS Account")
    imports = client.get(f"/api/connections/{connection['id']}/imports", token=token).json()["imports"]
    return f"/connections/{connection['id']}/imports/{imports[0]['importId']}"


@pytest.fixture(params=[(1366, 900), (390, 844)], ids=["desktop", "phone"])
def sized_page(request):
    """A headless Chromium at 1366×900 and, in a second run of the test, at a 390×844 phone's size."""
    import browser
    width, height = request.param
    driver = browser.start(width=width, height=height)
    yield browser.Browser(driver, os.environ["BUDGETD_URL"], os.path.join(os.environ["BUDGETD_TEST_OUTPUT"], "screenshots"))
    driver.quit()
