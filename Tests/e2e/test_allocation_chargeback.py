"""Allocation dimensions, usage metrics and chargeback statements through nginx: the API's contract
and its refusals, splits that add up to the month's total to the cent, the CSV and the page showing
the same figures as the JSON, and the demo's Department statement with its 70/20/10 shared split."""
import csv
import datetime
import io
import os
import subprocess
import uuid
from decimal import Decimal

import pytest

from conftest import wait_until
from maildir import mails_to
from tenants import create_tenant, login

DEMO_PASSWORD = "demo"
MONTH = "2025-06"


@pytest.fixture(scope="module")
def tenant(client, platform):
    tenant = create_tenant(client, platform, "Chargeback")
    header = ("BillingPeriodStart,BillingPeriodEnd,ChargePeriodStart,ChargePeriodEnd,ServiceName,ServiceCategory,ProviderName,"
              "ChargeCategory,BilledCost,EffectiveCost,BillingCurrency,ResourceId,Tags")
    rows = [header]
    for day, service, resource, tags, cost in [
            (2, "Amazon EC2", "i-web", '"{""user:Department"": ""Engineering""}"', "100.00"),
            (3, "Amazon RDS", "db-1", '"{""Department"": ""product""}"', "50.00"),
            (4, "Amazon EC2", "i-ops", '"{""department"": ""operations""}"', "10.00"),
            (5, "NAT Gateway", "nat-1", '"{""Department"": ""engineering""}"', "0.05"),
            (6, "NAT Gateway", "nat-2", "", "9.95"),
            (7, "AWS Lambda", "arn:aws:lambda:us-east-1:1:function:etl-daily", "", "3.00"),
            (8, "Amazon EC2", "i-stray", '"{""Department"": ""sales""}"', "1.00")]:
        rows.append(f"2025-06-01T00:00:00Z,2025-07-01T00:00:00Z,2025-06-{day:02d}T00:00:00Z,2025-06-{day + 1:02d}T00:00:00Z,"
                    f"{service},Compute,AWS,Usage,{cost},{cost},USD,{resource},{tags}")
    r = client.post(f"/api/connections/{tenant.connection_id}/costs?fileName=departments.csv", body=("\n".join(rows) + "\n").encode(),
                    headers={"Content-Type": "text/csv"}, token=tenant.admin)
    assert r.status == 200, r.text
    r = client.put("/api/tag-policy", {"requiredTags": [{"key": "Department", "allowedValues": ["engineering", "product", "operations"]}]},
                   token=tenant.admin)
    assert r.status == 200, r.text
    return tenant


DEPARTMENT = {
    "name": "Department", "tagKey": "Department", "sharedServices": ["NAT Gateway"], "sharedMethod": "fixed",
    "fixedShares": {"engineering": 70, "product": 20, "operations": 10},
    "rules": [{"match": {"resourceIdGlob": "arn:aws:lambda:*:function:etl-*"}, "value": "engineering"}],
    "owners": {"product": "product-head@chargeback.example"},
}


@pytest.fixture(scope="module")
def department(client, tenant):
    r = client.post("/api/allocation/dimensions", DEPARTMENT, token=tenant.admin)
    assert r.status == 201, r.text
    assert r.headers["location"] == f"/api/allocation/dimensions/{r.json()['id']}"
    return r.json()


def field_errors(response):
    return [e["field"] for e in response.json()["fieldErrors"]]


def test_nonsense_dimensions_are_refused_naming_the_field_and_change_nothing(client, tenant, department):
    cases = [
        ({**DEPARTMENT, "name": "Other", "fixedShares": {"engineering": 70, "product": 20, "operations": 9}}, ["fixedShares"]),
        ({**DEPARTMENT, "name": "Other", "rules": [{"match": {"resourceIdGlob": ""}, "value": "engineering"}]},
         ["rules[0].match.resourceIdGlob"]),
        ({**DEPARTMENT, "name": "Other", "rules": [{"match": {"serviceName": "S3", "resourceIdGlob": "x*"}, "value": "product"}]},
         ["rules[0].match"]),
        ({**DEPARTMENT, "name": "Other", "rules": [{"match": {"connectionId": "00000000-0000-4000-8000-000000000000"}, "value": "product"}]},
         ["rules[0].match.connectionId"]),
        ({**DEPARTMENT, "name": "Other", "fixedShares": {"engineering": 70, "product": 20, "sales": 10}}, ["fixedShares.sales"]),
        ({**DEPARTMENT, "name": "department"}, ["name"]),
        ({**DEPARTMENT, "name": "Other", "sharedMethod": "metric"}, ["fixedShares", "metric"]),
    ]
    for body, fields in cases:
        r = client.post("/api/allocation/dimensions", body, token=tenant.admin, contract=False)
        assert r.status == 400, (body, r.text)
        assert field_errors(r) == fields, r.text
    names = [d["name"] for d in client.get("/api/allocation/dimensions", token=tenant.token("viewer")).json()["dimensions"]]
    assert names == ["Department"]
    assert client.post("/api/allocation/dimensions", {**DEPARTMENT, "name": "X"}, token=tenant.token("editor")).status == 403


def test_another_organizations_dimension_is_not_found(client, platform, tenant, department):
    other = create_tenant(client, platform, "Elsewhere")
    url = f"/api/allocation/dimensions/{department['id']}"
    assert client.get(url, token=other.admin).status == 404
    assert client.put(url, DEPARTMENT, token=other.admin).status == 404
    assert client.delete(url, token=other.admin).status == 404
    assert client.get(f"/api/allocation/chargeback?dimension=Department&month={MONTH}", token=other.admin).status == 404
    assert client.get(url, token=tenant.admin).status == 200


def test_the_statement_adds_up_to_the_month_with_the_fixed_shared_split_and_the_rules(client, tenant, department):
    r = client.get(f"/api/allocation/chargeback?dimension=department&month={MONTH}", token=tenant.token("viewer"))
    assert r.status == 200, r.text
    body = r.json()
    assert (body["dimension"], body["month"], body["currency"]) == ("Department", MONTH, "USD")
    assert body["total"] == 174.00
    values = {v["value"]: v for v in body["values"]}
    assert list(values) == ["engineering", "product", "operations"]
    assert [values[k]["shared"] for k in values] == [7.00, 2.00, 1.00], "the NAT Gateway's 10.00 split 70/20/10, tagged or not"
    assert values["engineering"]["direct"] == 103.00 and values["engineering"]["byRules"] == 3.00
    assert body["overhead"] == 1.00, "a value the policy does not allow is overhead"
    assert sum(Decimal(str(v["total"])) for v in body["values"]) == Decimal("174.00")
    for v in body["values"]:
        assert sum(Decimal(str(s["cost"])) for s in v["services"]) == Decimal(str(v["total"]))
        assert v["previousMonthTotal"] == 0
    assert client.get(f"/api/allocation/chargeback?dimension=Nope&month={MONTH}", token=tenant.admin).status == 404
    assert client.get(f"/api/allocation/chargeback?month={MONTH}", token=tenant.admin).status == 400


def test_the_csv_holds_the_same_figures(client, tenant, department):
    r = client.get(f"/api/allocation/chargeback?dimension=Department&month={MONTH}&format=csv", token=tenant.admin)
    assert r.status == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    totals = {row["Value"]: row["Total"] for row in rows if not row["Service"]}
    api = client.get(f"/api/allocation/chargeback?dimension=Department&month={MONTH}", token=tenant.admin).json()
    assert totals == {**{v["value"]: f"{v['total']:.2f}" for v in api["values"]}, "Total": "174.00"}


def test_usage_metrics_split_the_shared_services_and_refuse_unknown_values(client, tenant, department):
    project = {"name": "Metered", "tagKey": "Department", "sharedServices": ["NAT Gateway"], "sharedMethod": "metric", "metric": "apiCalls"}
    r = client.post("/api/allocation/dimensions", project, token=tenant.admin)
    assert r.status == 201, r.text
    bad = client.put(f"/api/allocation/metrics/{MONTH}", {"metric": "apiCalls", "values": {"engineering": 1, "sales": 2, "product": -1}},
                     token=tenant.admin, contract=False)
    assert bad.status == 400 and field_errors(bad) == ["values.sales", "values.product"]
    ok = client.put(f"/api/allocation/metrics/{MONTH}", body=b"metric,value,quantity\napiCalls,engineering,1\napiCalls,Product,4\n",
                    headers={"Content-Type": "text/csv"}, token=tenant.admin)
    assert ok.status == 200, ok.text
    assert ok.json()["metrics"] == [{"metric": "apiCalls", "values": {"engineering": 1, "product": 4}}]
    body = client.get(f"/api/allocation/chargeback?dimension=Metered&month={MONTH}", token=tenant.admin).json()
    assert {v["value"]: v["shared"] for v in body["values"]} == {"engineering": 2.00, "product": 8.00, "operations": 0}
    assert client.put(f"/api/allocation/metrics/{MONTH}", {"metric": "storageGB", "values": {"engineering": 1}},
                      token=tenant.admin, contract=False).status == 400
    assert client.delete(f"/api/allocation/dimensions/{r.json()['id']}", token=tenant.admin).status == 204


def test_the_page_shows_the_apis_figures(page, client, tenant, department):
    page.sign_in(tenant.emails["viewer"], tenant.password)
    page.go(f"/allocation/chargeback?dimension=Department&month={MONTH}")
    assert page.text("h1") == "Department chargeback, June 2025"
    assert page.text("#chargeback-total-USD") == "$174.00"
    table = page.text("table.chargeback")
    for figure in ["$103.00", "($3.00 by rules)", "$7.00", "$2.00", "$1.00", "product-head@chargeback.example"]:
        assert figure in table
    page.shot("allocation-chargeback")
    page.go(f"/allocation?month={MONTH}")
    assert "What the dimensions attribute" in page.text("main")


def test_the_demos_department_statement_adds_up_to_the_organizations_total(client, budgetd_bin):
    result = subprocess.run([budgetd_bin, "demo", "load", "--admin", os.environ["BUDGETD_TEST_ADMIN_EMAIL"]],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    viewer = login(client, "viewer@distronation.example", DEMO_PASSWORD)
    last_month = (datetime.date.today().replace(day=1) - datetime.timedelta(days=1)).strftime("%Y-%m")
    body = client.get(f"/api/allocation/chargeback?dimension=Department&month={last_month}", token=viewer).json()
    report = client.get(f"/api/reports/monthly/{last_month}", token=viewer).json()
    assert body["total"] == report["currencies"][0]["totalCost"], "the statement adds up to the organization's total to the cent"
    assert sum(Decimal(str(v["total"])) for v in body["values"]) == Decimal(str(body["total"]))
    shared = {v["value"]: Decimal(str(v["shared"])) for v in body["values"]}
    pool = Decimal(str(body["shared"]))
    assert pool > 0
    for value, percent in {"engineering": 70, "product": 20, "operations": 10}.items():
        assert abs(shared[value] - pool * percent / 100) <= Decimal("0.01")
    assert body["byRules"] > 0 and body["overhead"] > 0


def test_a_statement_is_issued_answered_by_its_owners_and_a_dispute_resolved(client, platform, tenant, department):
    # The owner the dimension names; its password is this run's own (the address may exist in earlier runs' tenants).
    product_head, password = "product-head@chargeback.example", f"a product head's passphrase {uuid.uuid4().hex[:6]}"
    r = client.post("/api/users", {"email": product_head, "role": "viewer", "password": password}, token=tenant.admin)
    assert r.status == 201, r.text
    head = login(client, product_head, password)
    before = len(mails_to(product_head))
    r = client.post("/api/allocation/statements", {"dimension": "Department", "month": MONTH}, token=tenant.admin)
    assert r.status == 201, r.text
    statement = r.json()
    assert statement["version"] >= 1 and len(statement["checksum"]) == 64
    assert statement["document"]["total"] == 174.00 and statement["document"]["settings"]["sharedMethod"] == "fixed"
    lines = {l["value"]: l for l in statement["lines"]}
    assert lines["product"]["owner"] == product_head and lines["product"]["status"] == "pending"
    assert lines["engineering"]["owner"] is None
    assert wait_until(lambda: len(mails_to(product_head)) == before + 1), "the owner is told"
    mails = mails_to(product_head)[before:]
    assert len(mails) == 1 and "Department chargeback for June 2025: product $" in mails[0]["subject"], "the owner is told once"

    url = f"/api/allocation/statements/{statement['id']}"
    assert client.post(f"{url}/acceptance", {"value": "product"}, token=tenant.token("viewer")).status == 403, "only the owner answers"
    assert client.post(f"{url}/disputes", {"value": "product", "reason": " "}, token=head, contract=False).status == 400
    r = client.post(f"{url}/disputes", {"value": "product", "serviceName": "NAT Gateway", "reason": "The NAT is engineering's."}, token=head)
    assert r.status == 201, r.text
    dispute = r.json()
    assert client.post(f"{url}/acceptance", {"value": "product"}, token=head).status == 409, "an open dispute is resolved first"
    assert client.post(f"/api/allocation/disputes/{dispute['id']}/resolution", {"decision": "adjust", "amount": 1000, "toValue": "engineering",
                                                                                "note": "too much"}, token=tenant.admin, contract=False).status == 400
    r = client.post(f"/api/allocation/disputes/{dispute['id']}/resolution",
                    {"decision": "adjust", "amount": 2.00, "toValue": "engineering", "note": "Agreed, the NAT share moves."}, token=tenant.admin)
    assert r.status == 200 and r.json()["status"] == "adjusted", r.text
    after = client.get(url, token=tenant.admin).json()
    adjusted = {l["value"]: l["adjustedTotal"] for l in after["lines"]}
    issued = {l["value"]: l["total"] for l in after["lines"]}
    assert adjusted["product"] == issued["product"] - 2 and adjusted["engineering"] == issued["engineering"] + 2
    assert sum(Decimal(str(v)) for v in adjusted.values()) == sum(Decimal(str(v)) for v in issued.values()), "it still adds up"
    assert after["checksum"] == statement["checksum"] and after["document"] == statement["document"], "the issued document never changes"
    assert client.post(f"{url}/acceptance", {"value": "product"}, token=head).status == 200
    kpis = client.get(f"/api/allocation/statements?dimension=Department&month={MONTH}", token=tenant.admin).json()["kpis"]
    assert kpis["acceptanceRate"] == 100 and kpis["resolvedDisputes"] == 1 and kpis["openDisputes"] == 0
    assert wait_until(lambda: len(mails_to(product_head)) == before + 2), "the owner was told of the resolution"
    assert client.get(url, token=create_tenant(client, platform, "Strangers").admin).status == 404


def test_the_department_head_and_the_admin_answer_in_the_browser(page, client, tenant, department):
    head, password = f"ops-head-{uuid.uuid4().hex[:6]}@chargeback.example", "an operations head's passphrase"
    assert client.post("/api/users", {"email": head, "role": "viewer", "password": password}, token=tenant.admin).status == 201
    changed = {**DEPARTMENT, "owners": {"operations": head}}
    assert client.put(f"/api/allocation/dimensions/{department['id']}", changed, token=tenant.admin).status == 200
    page.sign_in(tenant.emails["admin"], tenant.password)
    page.go(f"/allocation/chargeback?dimension=Department&month={MONTH}")
    page.click("#issue-statement")
    assert page.path.startswith("/allocation/statements/") and "The statement was issued" in page.text(".notice")
    statement_path = page.path
    page.driver.delete_all_cookies()
    page.sign_in(head, password)
    page.go(statement_path)
    page.click("button[id^='dispute-line-USD-operations']")
    assert "Reason: is required" in page.text("[role=alert]"), "an empty reason is refused on the page"
    page.type("textarea[name=reason]", "Our EC2 was a test for product.")
    page.click("button[id^='dispute-line-USD-operations']")
    assert "Your dispute was recorded" in page.text(".notice")
    page.driver.delete_all_cookies()
    page.sign_in(tenant.emails["admin"], tenant.password)
    page.go(statement_path)
    page.click("input[name=decision][value=reject]")
    page.type("textarea[name=note]", "The instance carries operations' tag.")
    page.click("button[id^='resolve-']")
    assert "The dispute was resolved" in page.text(".notice")
    assert "rejected" in page.text(".disputes")
    page.shot("allocation-statement")


def test_an_operator_prints_the_statement_from_the_command_line(client, tenant, department, budgetd_bin):
    command = [budgetd_bin, "chargeback", "show", "--organization", tenant.name, "--admin", tenant.emails["admin"], "--dimension", "Department",
               "--month", MONTH]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    totals = {row["Value"]: row["Total"] for row in csv.DictReader(io.StringIO(result.stdout)) if not row["Service"]}
    api = client.get(f"/api/allocation/chargeback?dimension=Department&month={MONTH}", token=tenant.admin).json()
    assert totals == {**{v["value"]: f"{v['total']:.2f}" for v in api["values"]}, "Total": f"{api['total']:.2f}"}
    refused = subprocess.run(command[:5] + ["--admin", tenant.emails["viewer"]] + command[7:], capture_output=True, text=True, timeout=60)
    assert refused.returncode == 2 and "is not an active admin" in refused.stderr
