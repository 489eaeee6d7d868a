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
