"""What a person sees when a form comes back: an expired sign-in form asks again with the address
kept, and forms shown again with their errors travel compressed like every other page."""
import gzip
import http.client
import re
from urllib.parse import urlencode

import pytest

from tenants import create_tenant


@pytest.fixture(scope="module")
def tenant(client, platform):
    return create_tenant(client, platform, "Forms")


def request(client, method, path, body=None, headers=None):
    conn = http.client.HTTPConnection(client.host, client.port, timeout=30)
    conn.request(method, path, body=body, headers=headers or {})
    r = conn.getresponse()
    data = r.read()
    conn.close()
    return r, data


def sign_in_form(client):
    r, data = request(client, "GET", "/login")
    cookie = r.getheader("Set-Cookie").split(";")[0]
    return cookie, re.search(r'name="csrf" value="([^"]+)"', data.decode()).group(1)


def test_an_expired_sign_in_form_asks_again_keeping_the_address(client, tenant):
    cookie, _ = sign_in_form(client)
    email = tenant.emails["admin"]
    form = {"csrf": "a-token-from-yesterday", "next": "/budgets", "email": email, "password": tenant.password}
    r, data = request(client, "POST", "/login", urlencode(form),
                      {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie})
    html = data.decode()
    assert r.status == 403
    assert "The sign-in form had expired. Enter your password again." in html
    assert f'value="{email}"' in html, "the typed address is kept"
    fresh = re.search(r'name="csrf" value="([^"]+)"', html).group(1)
    # The form it shows works.
    form["csrf"] = fresh
    r, _ = request(client, "POST", "/login", urlencode(form), {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie})
    assert r.status == 303 and r.getheader("Location") == "/budgets"


def test_a_form_shown_again_with_its_errors_is_compressed(client, tenant):
    cookie, csrf = sign_in_form(client)
    form = {"csrf": csrf, "next": "/budgets", "email": tenant.emails["admin"], "password": tenant.password}
    r, _ = request(client, "POST", "/login", urlencode(form), {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie})
    session = next(c.split(";")[0] for k, c in r.getheaders() if k.lower() == "set-cookie" and c.startswith("budgetd_session="))
    _, data = request(client, "GET", "/budgets/new", headers={"Cookie": session})
    token = re.search(r'name="csrf" value="([^"]+)"', data.decode()).group(1)
    body = urlencode({"csrf": token, "name": "Kept name", "cspConnectionId": tenant.connection_id, "timeRange": "monthly",
                      "renewalType": "recurring", "budgetType": "fixed", "startMonth": "2025-01", "amount": "1.234,56"})
    headers = {"Cookie": session, "Content-Type": "application/x-www-form-urlencoded", "Accept-Encoding": "gzip"}
    r, data = request(client, "POST", "/budgets", body, headers)
    assert r.status == 400
    assert r.getheader("Content-Encoding") == "gzip" and "Accept-Encoding" in (r.getheader("Vary") or "")
    html = gzip.decompress(data).decode()
    assert len(data) < len(html.encode()) / 3, (len(data), len(html))
    assert 'value="Kept name"' in html and "use a dot for decimals" in html
    # Without gzip in Accept-Encoding the same answer comes whole.
    del headers["Accept-Encoding"]
    r, data = request(client, "POST", "/budgets", body, headers)
    assert r.status == 400 and r.getheader("Content-Encoding") is None and b'value="Kept name"' in data
