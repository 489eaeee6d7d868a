"""nginx's own limit on sign-in attempts per client address. Runs last (by name): it uses up the
limit for this address for a minute."""


def test_token_requests_beyond_the_limit_get_a_json_429(client):
    statuses = []
    for _ in range(60):
        r = client.post("/api/auth/token", {"email": "someone@example.com", "password": "guess"}, contract=False)
        statuses.append(r.status)
        if r.status == 429 and r.header("content-type") == "application/json; charset=utf-8":
            assert r.json()["error"] == "too_many_requests"
            break
    assert 429 in statuses, statuses
    assert statuses.count(401) <= 5, "the worker stops an address after 5 failures in 15 minutes"


def test_a_flood_of_sign_in_posts_gets_the_sign_in_page_with_the_address_kept(client):
    """Past nginx's flood guard the worker answers with its own sign-in page (429, Retry-After),
    the typed address kept and no password checked; showing the form is never counted."""
    import http.client
    import re
    from urllib.parse import urlencode
    for _ in range(40):
        conn = http.client.HTTPConnection(client.host, client.port, timeout=30)
        conn.request("GET", "/login")
        shown = conn.getresponse()
        shown.read()
        conn.close()
        assert shown.status == 200, "page views are not attempts"
    answer = None
    for _ in range(80):
        conn = http.client.HTTPConnection(client.host, client.port, timeout=30)
        body = urlencode({"csrf": "x", "email": "flooded@example.com", "password": "guess", "next": "/budgets"})
        conn.request("POST", "/login", body, {"Content-Type": "application/x-www-form-urlencoded"})
        r = conn.getresponse()
        text = r.read().decode()
        conn.close()
        if r.status == 429:
            answer = (r, text)
            break
    assert answer, "the flood guard answered"
    r, text = answer
    assert r.getheader("Content-Type").startswith("text/html") and r.getheader("Retry-After") == "60"
    assert "Too many sign-in attempts from your network" in text
    assert re.search(r'<input type="email" id="email" name="email" value="flooded@example.com"', text), "the address is kept"
