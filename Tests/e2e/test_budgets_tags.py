"""Budgets by tag through nginx (issue 17): tagFilters in the API and its document, the spend of a
budget that selects by tags from costs imported with FOCUS Tags, its alert sent exactly once, the
monthly report's line, and the budget form in a browser."""
import subprocess
import time
import uuid
from decimal import Decimal

import pytest

from conftest import wait_until
from focus_files import import_file, month_file, this_month
from maildir import mails_to, text_of
from tenants import create_tenant, spec_request

ENGINEERING = [{"key": "Department", "values": ["engineering"]}]


@pytest.fixture(scope="module")
def tenant(client, platform):
    return create_tenant(client, platform, "Tags")


def import_costs(client, tenant, rows, connection=None):
    """Each row (service, billed, tags or None) is one line item charged today."""
    today = this_month()[1]
    return import_file(client, tenant, month_file([(today, service, billed, tags) for service, billed, tags in rows], with_tags=True),
                       connection)


def create(client, tenant, connection=None, **changes):
    body = spec_request(tenant, name=changes.pop("name", f"T {uuid.uuid4().hex[:8]}"), timeRange="monthly", startMonth="2025-01-01",
                        amount=changes.pop("amount", 1000), selectedServiceIds=changes.pop("selectedServiceIds", []),
                        cspConnectionId=connection or tenant.connection_id,
                        thresholdRules=changes.pop("thresholdRules", [{"percentage": 80, "triggerType": "actual spend"}]), **changes)
    r = client.post("/api/budgets", body, token=tenant.token("editor"))
    assert r.status == 201, r.text
    return r.json()


def test_tag_filters_round_trip_through_the_api(client, tenant):
    budget = create(client, tenant, tagFilters=[{"key": " user:Department ", "values": ["Engineering", " engineering", "Product"]},
                                                {"key": "Environment", "values": ["production"]}])
    assert budget["tagFilters"] == [{"key": "user:Department", "values": ["Engineering", "Product"]},
                                    {"key": "Environment", "values": ["production"]}], "trimmed, each value once as values match"
    assert client.get(f"/api/budgets/{budget['id']}", token=tenant.token("viewer")).json()["tagFilters"] == budget["tagFilters"]
    listed = client.get("/api/budgets?q=" + budget["name"].replace(" ", "%20"), token=tenant.token("viewer")).json()["budgets"]
    assert [b["tagFilters"] for b in listed] == [budget["tagFilters"]]

    # A PUT without tagFilters keeps them; with them replaces them; [] removes them. Each is a version.
    r = client.put(f"/api/budgets/{budget['id']}", {"amount": 1200}, token=tenant.token("editor"), headers={"If-Match": '"1"'})
    assert r.status == 200 and r.json()["tagFilters"] == budget["tagFilters"], r.text
    r = client.put(f"/api/budgets/{budget['id']}", {"tagFilters": ENGINEERING}, token=tenant.token("editor"), headers={"If-Match": '"2"'})
    assert r.status == 200 and r.json()["tagFilters"] == ENGINEERING and r.header("etag") == '"3"', r.text
    history = client.get(f"/api/budgets/{budget['id']}/history", token=tenant.token("viewer")).json()["history"]
    assert history[0]["before"]["tagFilters"] == budget["tagFilters"] and history[0]["after"]["tagFilters"] == ENGINEERING

    # Deleted and restored, it selects what it selected.
    assert client.delete(f"/api/budgets/{budget['id']}", token=tenant.token("editor"), headers={"If-Match": '"3"'}).status == 204
    r = client.post(f"/api/budgets/{budget['id']}/restore", token=tenant.token("editor"))
    assert r.status == 200 and r.json()["tagFilters"] == ENGINEERING, r.text
    r = client.put(f"/api/budgets/{budget['id']}", {"tagFilters": []}, token=tenant.token("editor"), headers={"If-Match": '"5"'})
    assert r.status == 200 and r.json()["tagFilters"] == [], r.text


def test_bad_tag_filters_are_400s_naming_the_field_and_change_nothing(client, tenant):
    before = client.get("/api/budgets", token=tenant.token("viewer")).json()["totalBudgets"]
    bad = [{"key": "Department", "values": ["engineering", "  "]}, {"key": "user:DEPARTMENT", "values": ["x"]},
           {"key": "Team"}, {"key": "", "values": ["y"]}, {"key": "Owner", "values": ["z" * 257]}, {"key": "Env", "values": [], "x": 1}]
    r = client.post("/api/budgets", spec_request(tenant, name="Bad tags", tagFilters=bad), token=tenant.token("editor"))
    assert r.status == 400, r.text
    fields = {e["field"]: e["message"] for e in r.json()["fieldErrors"]}
    assert set(fields) == {"tagFilters[0].values[1]", "tagFilters[1].key", "tagFilters[2].values", "tagFilters[3].key",
                           "tagFilters[4].values[0]", "tagFilters[5].values", "tagFilters[5].x"}, fields
    assert "same key as tagFilters[0].key" in fields["tagFilters[1].key"]
    too_many = [{"key": f"K{i}", "values": ["v"]} for i in range(11)]
    r = client.post("/api/budgets", spec_request(tenant, name="Bad tags", tagFilters=too_many), token=tenant.token("editor"))
    assert r.status == 400 and r.json()["fieldErrors"] == [{"field": "tagFilters", "message": "must have at most 10 tag filters"}]
    r = client.post("/api/budgets", spec_request(tenant, name="Bad tags", tagFilters={"key": "x"}), token=tenant.token("editor"))
    assert r.status == 400 and r.json()["fieldErrors"][0]["field"] == "tagFilters"
    assert client.get("/api/budgets", token=tenant.token("viewer")).json()["totalBudgets"] == before, "nothing was created"

    budget = create(client, tenant, tagFilters=ENGINEERING)
    r = client.put(f"/api/budgets/{budget['id']}", {"tagFilters": [{"key": "user:", "values": ["a"]}]}, token=tenant.token("editor"),
                   headers={"If-Match": '"1"'})
    assert r.status == 400 and r.json()["fieldErrors"][0]["field"] == "tagFilters[0].key", r.text
    again = client.get(f"/api/budgets/{budget['id']}", token=tenant.token("viewer")).json()
    assert again["version"] == 1 and again["tagFilters"] == ENGINEERING


def test_a_filtered_budget_spends_what_its_tagged_costs_add_up_to(client, platform):
    tenant = create_tenant(client, platform, "TagSpend")
    import_costs(client, tenant, [
        ("Amazon EC2", "10.10", {"user:Department": "Engineering", "Environment": "production"}),
        ("Amazon EC2", "20.20", {"department": "engineering ", "environment": "staging"}),
        ("Amazon S3", "5.05", {"Department": "product", "Environment": "production"}),
        ("Amazon S3", "1.01", {"DEPARTMENT": "ENGINEERING"}),
        ("Amazon EC2", "100.00", None),
    ])
    cases = [
        (ENGINEERING, [], "31.31"),
        ([{"key": "Department", "values": ["engineering", "product"]}], [], "36.36"),
        ([{"key": "department", "values": ["Engineering"]}, {"key": "user:Environment", "values": ["PRODUCTION"]}], [], "10.10"),
        (ENGINEERING, ["Amazon S3"], "1.01"),
        ([{"key": "Department", "values": ["finance"]}], [], "0"),
        ([], [], "136.36"),
    ]
    for filters, services, expected in cases:
        budget = create(client, tenant, tagFilters=filters, selectedServiceIds=[tenant.services[s] for s in services])
        assert Decimal(str(budget["currentSpend"])) == Decimal(expected), (filters, services, budget["currentSpend"])
        spend = client.get(f"/api/budgets/{budget['id']}/spend", token=tenant.token("viewer")).json()
        assert Decimal(str(spend["currentSpend"])) == Decimal(expected)
        today = [p for p in spend["points"] if p["spend"] is not None]
        assert sum(Decimal(str(p["spend"])) for p in today) == Decimal(expected), "the chart's days add up to the figure"
        periods = client.get(f"/api/budgets/{budget['id']}/periods", token=tenant.token("viewer")).json()["periods"]
        assert Decimal(str(periods[0]["actualSpend"])) == Decimal(expected)

    # The monthly report lists the tag budget with its own actual, outside the organization's total.
    month = this_month()[0].strftime("%Y-%m")
    report = client.get(f"/api/reports/monthly/{month}", token=tenant.token("viewer")).json()
    lines = [b for c in report["currencies"] for b in c["budgets"] if b["tagFilters"] == ENGINEERING and not b["serviceScoped"]]
    assert lines and all(b["actual"] == 31.31 and b["countsTowardTotal"] is False for b in lines)


def test_an_engineering_budget_alerts_exactly_once_when_an_import_pushes_its_tagged_spend_over_a_threshold(
        client, platform, budgetd_bin):
    tenant = create_tenant(client, platform, "TagAlerts")
    recipient = f"engineering-{uuid.uuid4().hex[:6]}@tags.example"
    budget = create(client, tenant, name="Engineering", amount=100, tagFilters=ENGINEERING,
                    thresholdRules=[{"percentage": 80, "triggerType": "actual spend"}], alertRecipients=[recipient])
    # Much spend, little of it engineering's: 50 of 100, no alert.
    import_costs(client, tenant, [("Amazon EC2", "50.00", {"Department": "engineering"}), ("Amazon EC2", "400.00", {"Department": "product"}),
                                  ("Amazon S3", "300.00", None)])
    time.sleep(2.5)  # more than the deliverer's interval
    assert mails_to(recipient) == []
    assert client.get(f"/api/budgets/{budget['id']}", token=tenant.token("viewer")).json()["currentSpend"] == 50

    # The month restated: engineering is at 85 %.
    import_costs(client, tenant, [("Amazon EC2", "60.00", {"Department": "engineering"}), ("Amazon S3", "25.00", {"user:department": "Engineering"}),
                                  ("Amazon EC2", "400.00", {"Department": "product"})])
    assert wait_until(lambda: len(mails_to(recipient)) == 1), "the 80 % alert reaches the recipient"
    text = text_of(mails_to(recipient)[0])
    assert "reached 80" in text and "$85.00" in text and "Tagged:      Department: engineering" in text, text
    alerts = client.get(f"/api/budgets/{budget['id']}/alerts", token=tenant.token("viewer")).json()["alerts"]
    assert [a["thresholdPercentage"] for a in alerts] == [80]

    # The same bill again, and an evaluation pass: nothing more.
    import_costs(client, tenant, [("Amazon EC2", "60.00", {"Department": "engineering"}), ("Amazon S3", "25.00", {"user:department": "Engineering"}),
                                  ("Amazon EC2", "400.00", {"Department": "product"})])
    result = subprocess.run([budgetd_bin, "evaluate"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "breaches=0" in result.stdout and "messages=0" in result.stdout, result.stdout
    time.sleep(2.5)
    assert len(mails_to(recipient)) == 1, "exactly one alert"
    events = client.get("/api/events?limit=1000", token=tenant.token("viewer")).json()["events"]
    assert len([e for e in events if e["eventType"] == "BudgetThresholdExceededEvent"]) == 1


def test_the_budget_form_takes_tag_filters_and_keeps_them_as_typed(page, tenant, client):
    page.sign_in(tenant.emails["editor"], tenant.password)
    page.go("/budgets/new")
    assert page.find("label[for=tag-0-key]").text == "Tag filter 1: key"
    assert page.find("label[for=tag-1-values]").text == "Tag filter 2: values"
    name = f"Tagged {uuid.uuid4().hex[:6]}"
    page.type("#name", name)
    page.select("#cspConnectionId", visible_text="Production AWS Account (USD)")
    page.type("#amount", "500")
    page.type("#tag-0-key", "Department")
    page.type("#tag-0-values", "engineering, ")
    page.type("#tag-1-key", "user:department")
    page.type("#tag-1-values", '"R&D, Europe", ops')
    page.submit()
    assert page.driver.title.startswith("Create budget")
    assert "Tag filter 2 key is the same key as tag filter 1 (keys match without user: and ignoring case)" in page.text("#error-summary")
    assert page.value("#tag-0-values") == "engineering, " and page.value("#tag-1-values") == '"R&D, Europe", ops'
    assert page.find("#tag-1-key").get_attribute("aria-invalid") == "true"
    assert "tag-1-key-error" in page.find("#tag-1-key").get_attribute("aria-describedby")
    page.shot("tags 01 form with a repeated key")

    page.type("#tag-1-key", "Team")
    page.submit()
    assert page.path.startswith("/budgets/") and "Budget created." in page.text(), page.text()
    tags = page.text("section[aria-labelledby=tags-heading]")
    assert "Department: engineering" in tags and 'Team: "R&D, Europe", ops' in tags
    page.shot("tags 02 budget with tag filters")
    budget_id = page.path.split("/")[2].split("?")[0]
    body = client.get(f"/api/budgets/{budget_id}", token=tenant.token("viewer")).json()
    assert body["tagFilters"] == [{"key": "Department", "values": ["engineering"]}, {"key": "Team", "values": ["R&D, Europe", "ops"]}]

    # The edit form shows them as they were typed, and clearing a row removes its filter.
    page.go(f"/budgets/{budget_id}/edit")
    assert page.value("#tag-1-values") == '"R&D, Europe", ops'
    page.type("#tag-1-key", "")
    page.type("#tag-1-values", "")
    page.submit()
    assert "Budget saved." in page.text()
    assert client.get(f"/api/budgets/{budget_id}", token=tenant.token("viewer")).json()["tagFilters"] == ENGINEERING
    page.go("/budgets")
    row = page.find(f"a[href='/budgets/{budget_id}']").find_element("xpath", "..")
    assert "Department: engineering" in row.text
    page.shot("tags 03 list")
