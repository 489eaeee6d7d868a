"""The budgets API through nginx, as the module spec and issue 3 describe it."""
import concurrent.futures
import uuid

import pytest

from database import query
from tenants import create_tenant, spec_request

SPEC_RESPONSE_FIELDS = [
    "id", "organizationId", "organizationName", "cspConnectionId", "cspConnectionName", "name", "timeRange",
    "renewalType", "startMonth", "budgetType", "amount", "currentSpend", "remainingAmount", "utilizationPercentage",
    "status", "selectedServices", "thresholdRules", "alertRecipients", "createdAt", "updatedAt", "createdBy", "updatedBy",
]
SPEC_SUMMARY_FIELDS = ["id", "name", "amount", "currentSpend", "utilizationPercentage", "status", "timeRange",
                       "cspConnectionName", "alertCount", "thresholdCount", "nextThresholdPercentage", "daysRemaining"]


def create(client, tenant, **changes):
    body = spec_request(tenant, name=changes.pop("name", f"B {uuid.uuid4().hex[:10]}"), **changes)
    r = client.post("/api/budgets", body, token=tenant.token("editor"))
    assert r.status == 201, r.text
    return r.json()


def test_the_spec_example_gives_the_spec_response(client, acme):
    r = client.post("/api/budgets", spec_request(acme), token=acme.token("editor"))
    assert r.status == 201, r.text
    body = r.json()
    for field in SPEC_RESPONSE_FIELDS:
        assert field in body, field
    assert r.header("location") == f"/api/budgets/{body['id']}"
    assert r.header("etag") == '"1"'
    assert body["organizationName"] == acme.name
    assert body["cspConnectionName"] == "Production AWS Account"
    assert body["amount"] == 50000
    assert body["currentSpend"] == 0 and body["remainingAmount"] == 50000 and body["utilizationPercentage"] == 0
    assert body["status"] == "active"
    assert [s["serviceName"] for s in body["selectedServices"]] == ["Amazon EC2", "Amazon S3"]
    assert all(s["selected"] is True for s in body["selectedServices"])
    assert [(t["percentage"], t["amount"], t["triggerType"], t["status"]) for t in body["thresholdRules"]] == [
        (75, 37500, "actual cost", "active"), (90, 45000, "actual cost", "active")]
    assert [a["email"] for a in body["alertRecipients"]] == ["finance@example.com", "operations@example.com", "cto@example.com"]
    assert all(uuid.UUID(a["id"]) for a in body["alertRecipients"])
    assert body["createdBy"] == body["updatedBy"]
    assert body["createdAt"].endswith("Z")
    # The same budget through GET is the same document.
    again = client.get(f"/api/budgets/{body['id']}", token=acme.token("viewer"))
    assert again.status == 200 and again.json() == body


def test_every_validation_problem_is_reported_at_once(client, acme):
    body = spec_request(acme, name="x" * 26, timeRange="weekly", renewalType="once", budgetType="variable",
                        startMonth="2024-01-15", amount=-1, alertRecipients=["not-an-email", "ok@example.com", "ok@example.com"],
                        thresholdRules=[{"percentage": 0, "triggerType": "actual cost"}, {"percentage": 50, "triggerType": "guess"},
                                        {"triggerType": "actual spend"}])
    r = client.post("/api/budgets", body, token=acme.token("editor"))
    assert r.status == 400
    error = r.json()
    assert error["error"] == "validation_failed"
    fields = [e["field"] for e in error["fieldErrors"]]
    assert fields == ["name", "timeRange", "renewalType", "budgetType", "startMonth", "amount",
                      "thresholdRules[0].percentage", "thresholdRules[1].triggerType", "thresholdRules[2]",
                      "alertRecipients[0]", "alertRecipients[2]"]
    assert all(e["message"] for e in error["fieldErrors"])


@pytest.mark.parametrize("change, field", [
    ({"name": ""}, "name"),
    ({"amount": "50000"}, "amount"),
    ({"amount": 12.345}, "amount"),
    ({"startMonth": "2024-13-01"}, "startMonth"),
    ({"timeRange": None}, "timeRange"),
    ({"cspConnectionId": "not-a-uuid"}, "cspConnectionId"),
    ({"selectedServiceIds": "abc"}, "selectedServiceIds"),
    ({"thresholdRules": [{"percentage": 1001, "triggerType": "actual cost"}]}, "thresholdRules[0].percentage"),
    ({"thresholdRules": [{"percentage": 75, "amount": 30000, "triggerType": "actual cost"}]}, "thresholdRules[0].amount"),
    ({"thresholdRules": [{"percentage": 75, "triggerType": "actual cost", "colour": "red"}]}, "thresholdRules[0].colour"),
    ({"unexpected": 1}, "unexpected"),
])
def test_each_rule_names_its_field(client, acme, change, field):
    r = client.post("/api/budgets", spec_request(acme, **change), token=acme.token("editor"))
    assert r.status == 400, r.text
    assert field in [e["field"] for e in r.json()["fieldErrors"]]


def test_references_must_belong_to_the_connection_and_organization(client, acme, globex):
    r = client.post("/api/budgets", spec_request(acme, selectedServiceIds=[globex.services["Amazon EC2"]]), token=acme.token("editor"))
    assert r.status == 400 and r.json()["fieldErrors"][0]["field"] == "selectedServiceIds[0]"
    r = client.post("/api/budgets", spec_request(acme, cspConnectionId=globex.connection_id), token=acme.token("editor"))
    assert r.status == 400 and r.json()["fieldErrors"][0]["field"] == "cspConnectionId"
    r = client.post("/api/budgets", spec_request(acme, organizationId=globex.organization_id), token=acme.token("editor"))
    assert r.status == 403


def test_another_tenants_ids_never_slip_through_padded(client, acme, globex):
    """Ids are read exactly as sent: a space or newline around another tenant's id is not a way in."""
    before = query(f"SELECT COUNT(*) FROM t_budgets WHERE organization_id = '{globex.organization_id}'")
    for padded in [f" {globex.organization_id}", f"{globex.organization_id}\n", f"{globex.organization_id}\u00a0"]:
        r = client.post("/api/budgets", spec_request(acme, organizationId=padded, cspConnectionId=globex.connection_id,
                                                     selectedServiceIds=[]), token=acme.token("editor"))
        assert r.status in (400, 403), r.text
    r = client.post("/api/budgets", spec_request(acme, cspConnectionId=f" {globex.connection_id}", selectedServiceIds=[]),
                    token=acme.token("editor"))
    assert r.status == 400 and [e["field"] for e in r.json()["fieldErrors"]] == ["cspConnectionId"]
    assert query(f"SELECT COUNT(*) FROM t_budgets WHERE organization_id = '{globex.organization_id}'") == before
    assert query(f"SELECT COUNT(*) FROM t_budgets WHERE csp_connection_id = '{globex.connection_id}' "
                 f"AND organization_id <> '{globex.organization_id}'") == [["0"]]


def test_reference_and_field_problems_come_together(client, acme, globex):
    r = client.post("/api/budgets", spec_request(acme, name="", selectedServiceIds=[globex.services["Amazon EC2"]],
                                                 alertRecipients=[1, "not an address"]), token=acme.token("editor"))
    assert r.status == 400
    fields = [e["field"] for e in r.json()["fieldErrors"]]
    assert set(fields) == {"name", "selectedServiceIds[0]", "alertRecipients[0]", "alertRecipients[1]"}, fields


def test_a_threshold_the_database_could_not_hold_is_a_400(client, acme):
    r = client.post("/api/budgets", spec_request(acme, amount=1, thresholdRules=[{"percentage": 0.1, "triggerType": "actual spend"}]),
                    token=acme.token("editor"))
    assert r.status == 400 and r.json()["fieldErrors"][0]["field"] == "thresholdRules[0].percentage"
    budget = create(client, acme, amount=1000, thresholdRules=[{"percentage": 0.4, "triggerType": "actual spend"}])
    r = client.put(f"/api/budgets/{budget['id']}", {"amount": 1}, token=acme.token("editor"))
    assert r.status == 400 and r.json()["fieldErrors"][0]["field"] == "thresholdRules[0].percentage", r.text
    assert client.get(f"/api/budgets/{budget['id']}", token=acme.token("viewer")).json()["amount"] == 1000


def test_one_side_of_a_rule_derives_the_other(client, acme):
    body = create(client, acme, amount=400, thresholdRules=[{"percentage": 120, "triggerType": "actual spend"},
                                                            {"amount": 240, "triggerType": "actual cost"}])
    assert [(r["percentage"], r["amount"]) for r in body["thresholdRules"]] == [(120, 480), (60, 240)]


def test_bad_bodies_get_clear_4xx(client, acme):
    r = client.post("/api/budgets", "{not json", headers={"Content-Type": "application/json"}, token=acme.token("editor"))
    assert r.status == 400 and r.json()["error"] == "malformed_json" and "line 1, column 2" in r.json()["message"]
    r = client.post("/api/budgets", "name=x", headers={"Content-Type": "application/x-www-form-urlencoded"}, token=acme.token("editor"))
    assert r.status == 415
    r = client.post("/api/budgets", "[1]", headers={"Content-Type": "application/json"}, token=acme.token("editor"))
    assert r.status == 400
    r = client.post("/api/budgets", "", headers={"Content-Type": "application/json"}, token=acme.token("editor"))
    assert r.status == 400


def test_authentication_is_required_and_checked(client, acme):
    r = client.get("/api/budgets")
    assert r.status == 401 and r.header("www-authenticate").startswith("Bearer")
    forged = acme.token("admin")[:-4] + ("AAAA" if not acme.token("admin").endswith("AAAA") else "BBBB")
    assert client.get("/api/budgets", token=forged).status == 401
    header, payload, _ = acme.token("admin").split(".")
    none_header = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0"  # {"alg":"none","typ":"JWT"}
    assert client.get("/api/budgets", token=f"{none_header}.{payload}.").status == 401
    hs512 = "eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9"  # {"alg":"HS512","typ":"JWT"}
    assert client.get("/api/budgets", token=f"{hs512}.{payload}.{acme.token('admin').split('.')[2]}").status == 401
    assert client.get("/api/budgets", token="garbage").status == 401
    assert client.get("/api/budgets", headers={"Authorization": "Basic dXNlcjpwYXNz"}).status == 401


def test_wrong_credentials_get_one_message(client, acme):
    unknown = client.post("/api/auth/token", {"email": "nobody@nowhere.example", "password": "whatever-it-is"})
    wrong = client.post("/api/auth/token", {"email": "platform@example.com", "password": "not-the-password"})
    assert unknown.status == wrong.status == 401
    assert unknown.json()["message"] == wrong.json()["message"]
    assert client.post("/api/auth/token", {"email": "x@example.com"}).status == 400


def test_roles(client, acme):
    assert client.post("/api/budgets", spec_request(acme, name="viewer try"), token=acme.token("viewer")).status == 403
    assert client.get("/api/budgets", token=acme.token("viewer")).status == 200
    assert client.post("/api/connections", {"name": "x", "provider": "aws"}, token=acme.token("editor")).status == 403
    assert client.post("/api/users", {"email": "e@x.example", "password": "long enough pw", "role": "viewer"},
                       token=acme.token("editor")).status == 403
    assert client.post("/api/organizations", {"name": "Nope", "admin": {"email": "n@x.example", "password": "long enough pw"}},
                       token=acme.token("admin")).status == 403
    me = client.get("/api/me", token=acme.token("viewer")).json()
    assert me["role"] == "viewer" and me["organizationId"] == acme.organization_id


def test_tenants_cannot_see_each_other(client, acme, globex):
    mine = create(client, acme)
    r = client.get(f"/api/budgets/{mine['id']}", token=globex.token("admin"))
    assert r.status == 404
    assert r.json() == client.get(f"/api/budgets/{uuid.uuid4()}", token=globex.token("admin")).json()
    assert client.put(f"/api/budgets/{mine['id']}", {"name": "hijack"}, token=globex.token("editor")).status == 404
    assert client.delete(f"/api/budgets/{mine['id']}", token=globex.token("editor")).status == 404
    listed = client.get("/api/budgets", token=globex.token("admin")).json()
    assert mine["id"] not in [b["id"] for b in listed["budgets"]]
    assert client.get(f"/api/budgets/organization/{acme.organization_id}", token=globex.token("admin")).status == 403
    assert client.get(f"/api/budgets/organization/{globex.organization_id}/connection/{acme.connection_id}",
                      token=globex.token("admin")).status == 404
    assert client.get(f"/api/connections/{acme.connection_id}/services", token=globex.token("admin")).status == 404
    assert client.get(f"/api/budgets/{mine['id']}", token=acme.token("viewer")).status == 200


def test_list_bodies_have_the_spec_shape_and_totals(client, acme):
    rules = [{"percentage": 80, "triggerType": "actual spend"}]
    a = create(client, acme, amount=1000, thresholdRules=rules)
    b = create(client, acme, amount=2500.5, cspConnectionId=acme.other_connection_id, selectedServiceIds=[], thresholdRules=rules)
    r = client.get(f"/api/budgets/organization/{acme.organization_id}", token=acme.token("viewer"))
    assert r.status == 200
    body = r.json()
    assert set(body) >= {"budgets", "totalBudgets", "totalAllocatedAmount", "totalCurrentSpend", "organizationId"}
    assert body["organizationId"] == acme.organization_id
    assert body["totalBudgets"] == len(body["budgets"])
    assert body["totalAllocatedAmount"] == pytest.approx(sum(x["amount"] for x in body["budgets"]))
    for summary in body["budgets"]:
        for field in SPEC_SUMMARY_FIELDS:
            assert field in summary, field
    by_connection = client.get(f"/api/budgets/organization/{acme.organization_id}/connection/{acme.other_connection_id}",
                               token=acme.token("viewer")).json()
    ids = [x["id"] for x in by_connection["budgets"]]
    assert b["id"] in ids and a["id"] not in ids
    own = client.get(f"/api/budgets?cspConnectionId={acme.other_connection_id}", token=acme.token("viewer")).json()
    assert [x["id"] for x in own["budgets"]] == ids


def test_totals_never_add_two_currencies(client, platform):
    tenant = create_tenant(client, platform, "Currencies")
    r = client.post("/api/connections", {"name": "Azure Europe", "provider": "azure", "currency": "EUR"}, token=tenant.admin)
    assert r.status == 201, r.text
    rules = [{"percentage": 80, "triggerType": "actual spend"}]
    create(client, tenant, amount=1000, thresholdRules=rules)
    create(client, tenant, amount=300, cspConnectionId=r.json()["id"], selectedServiceIds=[], thresholdRules=rules)
    body = client.get("/api/budgets", token=tenant.token("viewer")).json()
    assert body["totalAllocatedAmount"] is None and body["totalCurrentSpend"] is None and body["currency"] is None
    assert [(t["currency"], t["totalBudgets"], t["totalAllocatedAmount"]) for t in body["totalsByCurrency"]] == [
        ("EUR", 1, 300), ("USD", 1, 1000)]


def test_duplicate_names_conflict_per_connection(client, acme):
    name = f"Dup {uuid.uuid4().hex[:6]}"
    first = create(client, acme, name=name)
    r = client.post("/api/budgets", spec_request(acme, name=name), token=acme.token("editor"))
    assert r.status == 409 and r.json()["error"] == "conflict"
    create(client, acme, name=name, cspConnectionId=acme.other_connection_id, selectedServiceIds=[])
    assert client.delete(f"/api/budgets/{first['id']}", token=acme.token("editor")).status == 204
    create(client, acme, name=name)


def test_update_replaces_given_fields_and_keeps_the_rest(client, acme):
    budget = create(client, acme)
    r = client.put(f"/api/budgets/{budget['id']}", {
        "name": "Q1 Production - Updated", "amount": 60000.0,
        "thresholdRules": [{"percentage": 80.0, "amount": 48000.0, "triggerType": "actual spend"}],
        "alertRecipients": ["finance@example.com", "newadmin@example.com"],
    }, token=acme.token("editor"), headers={"If-Match": '"1"'})
    assert r.status == 200, r.text
    updated = r.json()
    assert r.header("etag") == '"2"'
    assert updated["name"] == "Q1 Production - Updated" and updated["amount"] == 60000
    assert [(t["percentage"], t["amount"], t["triggerType"]) for t in updated["thresholdRules"]] == [(80, 48000, "actual spend")]
    assert [a["email"] for a in updated["alertRecipients"]] == ["finance@example.com", "newadmin@example.com"]
    kept = [a for a in updated["alertRecipients"] if a["email"] == "finance@example.com"][0]
    assert kept["id"] == [a for a in budget["alertRecipients"] if a["email"] == "finance@example.com"][0]["id"]
    assert updated["selectedServices"] == budget["selectedServices"]
    assert updated["timeRange"] == budget["timeRange"] and updated["startMonth"] == budget["startMonth"]
    assert updated["createdAt"] == budget["createdAt"]
    r = client.put(f"/api/budgets/{budget['id']}", {"amount": 100000}, token=acme.token("editor"))
    assert [t["amount"] for t in r.json()["thresholdRules"]] == [80000], "a percentage rule follows the amount"
    assert client.put(f"/api/budgets/{budget['id']}", {"cspConnectionId": acme.other_connection_id},
                      token=acme.token("editor")).status == 400


def test_a_stale_if_match_is_412_and_changes_nothing(client, acme):
    budget = create(client, acme)
    assert client.put(f"/api/budgets/{budget['id']}", {"amount": 70000}, token=acme.token("editor"), headers={"If-Match": '"1"'}).status == 200
    r = client.put(f"/api/budgets/{budget['id']}", {"amount": 1}, token=acme.token("editor"), headers={"If-Match": '"1"'})
    assert r.status == 412 and r.header("etag") == '"2"'
    assert client.get(f"/api/budgets/{budget['id']}", token=acme.token("viewer")).json()["amount"] == 70000
    assert client.delete(f"/api/budgets/{budget['id']}", token=acme.token("editor"), headers={"If-Match": '"1"'}).status == 412


def test_if_match_compares_strongly_and_takes_lists(client, acme):
    budget = create(client, acme)
    url = f"/api/budgets/{budget['id']}"
    assert client.put(url, {"amount": 70000}, token=acme.token("editor"), headers={"If-Match": 'W/"1"'}).status == 412
    assert client.put(url, {"amount": 70000}, token=acme.token("editor"), headers={"If-Match": '"7", "1"'}).status == 200
    assert client.put(url, {"amount": 80000}, token=acme.token("editor"), headers={"If-Match": "*"}).status == 200
    r = client.put(url, {"amount": 90000}, token=acme.token("editor"), headers={"If-Match": "3"})
    assert r.status == 400 and r.json()["error"] == "bad_request"
    assert client.get(url, token=acme.token("viewer")).json()["amount"] == 80000


def test_concurrent_updates_with_if_match_one_wins(client, acme):
    budget = create(client, acme)
    def put(amount):
        return client.put(f"/api/budgets/{budget['id']}", {"amount": amount}, token=acme.token("editor"), headers={"If-Match": '"1"'})
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(put, [11111, 22222]))
    assert sorted(r.status for r in results) == [200, 412]
    winner = [r for r in results if r.status == 200][0].json()
    final = client.get(f"/api/budgets/{budget['id']}", token=acme.token("viewer")).json()
    assert final["amount"] == winner["amount"] and final["version"] == 2
    rows = query(f"SELECT action FROM budget_audit_log WHERE budget_id = '{budget['id']}' ORDER BY id")
    assert [r[0] for r in rows] == ["created", "updated"]


def test_delete_is_soft_and_recorded(client, acme):
    budget = create(client, acme)
    assert client.delete(f"/api/budgets/{budget['id']}", token=acme.token("editor")).status == 204
    assert client.get(f"/api/budgets/{budget['id']}", token=acme.token("viewer")).status == 404
    assert client.delete(f"/api/budgets/{budget['id']}", token=acme.token("editor")).status == 404
    listed = client.get("/api/budgets", token=acme.token("viewer")).json()
    assert budget["id"] not in [b["id"] for b in listed["budgets"]]
    row = query(f"SELECT deleted_at IS NOT NULL, name FROM t_budgets WHERE id = '{budget['id']}'")
    assert row == [["1", budget["name"]]]
    assert query(f"SELECT COUNT(*) FROM t_budget_threshold_rules WHERE budget_id = '{budget['id']}'") == [["2"]]


def test_audit_and_events_are_written_with_each_change(client, acme):
    budget = create(client, acme)
    client.put(f"/api/budgets/{budget['id']}", {"name": "Renamed " + budget["name"][-6:]}, token=acme.token("editor"))
    client.delete(f"/api/budgets/{budget['id']}", token=acme.token("editor"))
    audit = query(f"SELECT action, actor_email, before_state IS NULL, after_state IS NULL FROM budget_audit_log "
                  f"WHERE budget_id = '{budget['id']}' ORDER BY id")
    assert [r[0] for r in audit] == ["created", "updated", "deleted"]
    assert [r[2:] for r in audit] == [["1", "0"], ["0", "0"], ["0", "1"]]
    events = query(f"SELECT event_type, seq FROM domain_events WHERE budget_id = '{budget['id']}' ORDER BY seq")
    assert [e[0] for e in events] == ["BudgetCreatedEvent", "BudgetUpdatedEvent", "BudgetDeletedEvent"]
    seqs = [int(e[1]) for e in events]
    assert seqs == sorted(seqs)


def test_connections_and_services(client, acme):
    r = client.get("/api/connections", token=acme.token("viewer"))
    assert {c["name"] for c in r.json()["connections"]} >= {"Production AWS Account", "Firebase"}
    r = client.post("/api/connections", {"name": "Bad", "provider": "ibm"}, token=acme.token("admin"))
    assert r.status == 400 and r.json()["fieldErrors"][0]["field"] == "provider"
    assert client.post("/api/connections", {"name": "Firebase", "provider": "gcp"}, token=acme.token("admin")).status == 409
    r = client.get(f"/api/connections/{acme.connection_id}/services", token=acme.token("viewer"))
    assert [s["serviceName"] for s in r.json()["services"]] == ["Amazon EC2", "Amazon RDS", "Amazon S3"]
    assert client.post(f"/api/connections/{acme.connection_id}/services", {"serviceName": "Amazon S3"},
                       token=acme.token("admin")).status == 409
