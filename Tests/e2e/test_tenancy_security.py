"""What a security sweep found, kept fixed: open redirects after sign-in, one tenant learning about
another's users or activity, lock-outs anyone could cause, names that reorder text, and nginx's
own errors under /api."""
import http.client
import re
import uuid

import pytest

from database import query
from tenants import create_tenant, login


def page_session(client, email, password, next_path="/budgets", source=None):
    """Signs in through the form; returns the cookie header of the session."""
    conn = http.client.HTTPConnection(client.host, client.port, timeout=30, source_address=source)
    conn.request("GET", "/login")
    r = conn.getresponse()
    html = r.read().decode()
    cookie = r.getheader("Set-Cookie").split(";")[0]
    token = re.search(r'name="csrf" value="([^"]+)"', html).group(1)
    from urllib.parse import urlencode
    body = urlencode({"csrf": token, "next": next_path, "email": email, "password": password})
    conn.request("POST", "/login", body=body, headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie})
    r = conn.getresponse()
    r.read()
    conn.close()
    return r.status, r.getheader("Location"), [h for k, h in r.getheaders() if k.lower() == "set-cookie"]


@pytest.fixture(scope="module")
def mallory(client, platform):
    return create_tenant(client, platform, "Mallory")


@pytest.fixture(scope="module")
def victim(client, platform):
    return create_tenant(client, platform, "Victim")


def session_cookie(client, tenant):
    status, _, cookies = page_session(client, tenant.emails["admin"], tenant.password)
    assert status == 303
    return next(c.split(";")[0] for c in cookies if c.startswith("budgetd_session="))


@pytest.fixture(scope="module")
def victim_session(client, victim):
    return session_cookie(client, victim)


@pytest.mark.parametrize("next_path", ["/%0D%0A/evil.example", "/%0A/evil.example", "/%09/evil.example", "//evil.example",
                                       "/%5Cevil.example", "https://evil.example/", "/\\evil.example"])
def test_next_after_sign_in_never_leaves_the_site(client, victim_session, next_path):
    r = client.get(f"/login?next={next_path}", headers={"Cookie": victim_session})
    assert r.status == 303
    assert r.header("location") == "/budgets"


def test_next_posted_with_a_line_break_is_ignored(client, victim):
    status, location, _ = page_session(client, victim.emails["admin"], victim.password, next_path="/\n/evil.example")
    assert status == 303 and location == "/budgets"
    status, location, _ = page_session(client, victim.emails["admin"], victim.password, next_path="/connections?x=1")
    assert status == 303 and location == "/connections?x=1", "a path of this site is kept"


def test_adding_a_user_tells_nothing_about_other_organizations(client, mallory, victim):
    taken_elsewhere = victim.emails["viewer"]
    unused = f"nobody-{uuid.uuid4().hex[:8]}@victim.example"
    answers = []
    for email in (taken_elsewhere, unused):
        r = client.post("/api/users", {"email": email, "password": "mallory's own password", "role": "viewer"}, token=mallory.admin)
        answers.append((r.status, sorted(r.json().keys())))
    assert answers[0] == answers[1] == (201, answers[0][1]), answers
    again = client.post("/api/users", {"email": unused, "password": "mallory's own password", "role": "viewer"}, token=mallory.admin)
    assert again.status == 409, "the organization's own users are its own business"
    # Two accounts, two passwords: each signs in to its own organization.
    me = client.get("/api/me", token=login(client, taken_elsewhere, victim.password)).json()
    assert me["organizationId"] == victim.organization_id
    me = client.get("/api/me", token=login(client, taken_elsewhere, "mallory's own password")).json()
    assert me["organizationId"] == mallory.organization_id


def test_another_tenants_connection_reads_like_one_that_does_not_exist(client, mallory, victim):
    cookie = session_cookie(client, mallory)
    r = client.get("/budgets/new", headers={"Cookie": cookie})
    csrf = re.search(r'name="csrf" value="([^"]+)"', r.text).group(1)

    def submit(connection_id, service_id):
        from urllib.parse import urlencode
        body = urlencode({"csrf": csrf, "name": "Probe", "cspConnectionId": connection_id, "timeRange": "monthly",
                          "renewalType": "recurring", "budgetType": "fixed", "startMonth": "2025-01", "amount": "100",
                          "serviceIds": service_id})
        r = client.post("/budgets", body=body, headers={"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"})
        return r.status, re.sub(r'value="[0-9a-f-]{36}"', 'value=""', r.text)

    theirs = submit(victim.connection_id, victim.services["Amazon EC2"])
    nobody = submit(str(uuid.uuid4()), str(uuid.uuid4()))
    assert theirs[0] == nobody[0] == 400
    assert theirs[1] == nobody[1]


def test_import_numbers_count_within_the_organization(client, mallory, victim):
    body = ("BillingPeriodStart,BillingPeriodEnd,ChargePeriodStart,ChargePeriodEnd,ServiceName,BilledCost,EffectiveCost,BillingCurrency\n"
            "2025-01-01 00:00:00,2025-02-01 00:00:00,2025-01-05 00:00:00,2025-01-06 00:00:00,S3,1,1,USD\n")

    def upload(tenant):
        r = client.post(f"/api/connections/{tenant.connection_id}/costs", body=body, headers={"Content-Type": "text/csv"},
                        token=tenant.admin)
        assert r.status == 200, r.text
        return r.json()["importId"]

    first = upload(mallory)
    upload(victim)
    upload(victim)
    assert upload(mallory) == first + 1, "other tenants' imports leave no gap"


def test_guessing_from_one_client_does_not_lock_the_owner_out(client, victim):
    email = victim.emails["editor"]
    statuses = []
    for _ in range(7):
        conn = http.client.HTTPConnection(client.host, client.port, timeout=30, source_address=("127.0.0.2", 0))
        conn.request("POST", "/api/auth/token", body='{"email": "%s", "password": "wrong guess"}' % email,
                     headers={"Content-Type": "application/json"})
        r = conn.getresponse()
        statuses.append((r.status, r.getheader("Retry-After")))
        r.read()
        conn.close()
    assert [s for s, _ in statuses[:5]] == [401] * 5
    assert statuses[5][0] == 429 and int(statuses[5][1]) > 0, statuses
    # The owner, elsewhere, signs in at once.
    assert client.post("/api/auth/token", {"email": email, "password": victim.password}).status == 200


def test_names_that_reorder_text_are_refused(client, victim):
    r = client.post("/api/connections", {"name": "Prod\u202eSWA", "provider": "aws"}, token=victim.admin)
    assert r.status == 400
    assert r.json()["fieldErrors"][0]["field"] == "name"


def test_the_location_of_a_new_organization_answers(client, platform, victim):
    name = f"Located {uuid.uuid4().hex[:8]}"
    r = client.post("/api/organizations", {"name": name, "admin": {"email": f"a-{uuid.uuid4().hex[:8]}@located.example",
                                                                    "password": "correct horse battery staple"}}, token=platform)
    assert r.status == 201
    located = client.get(r.header("location"), token=platform)
    assert located.status == 200 and located.json()["name"] == name
    assert client.get(r.header("location"), token=victim.admin).status == 404, "another organization reads as missing"
    assert client.get(f"/api/organizations/{victim.organization_id}", token=victim.admin).status == 200


@pytest.mark.parametrize("path", ["/api/budgets/%ZZ", "/api/x%00y"])
def test_nginx_own_errors_under_api_are_json(client, path):
    r = client.get(path, contract=False)
    assert r.status == 400
    assert r.header("content-type") == "application/json; charset=utf-8"
    assert r.json()["error"] == "malformed_request"
    page = client.get("/budgets/%ZZ", contract=False)
    assert page.status == 400 and page.header("content-type") == "text/html; charset=utf-8"
    assert '<link rel="stylesheet" href="/static/app.css">' in page.text


def test_a_uri_too_long_is_json_under_api(client):
    r = client.get("/api/" + "a" * 20000, contract=False)
    assert r.status == 414
    assert r.json()["error"] == "uri_too_long"


def test_trace_is_405_with_allow(client):
    r = client.request("TRACE", "/api/budgets", contract=False)
    assert r.status == 405
    assert r.header("allow")
    assert r.json()["error"] == "method_not_allowed"
