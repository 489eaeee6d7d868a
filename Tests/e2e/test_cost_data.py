"""Cost data through nginx: FOCUS files in by the API, the command line and the upload form;
spend series; the demo tenant from the governance framework."""
import csv
import gzip
import io
import os
import subprocess
import uuid
from datetime import datetime, timezone

import pytest

import browser
from conftest import ROOT
from database import query
from tenants import create_tenant

SAMPLE = os.path.join(os.path.dirname(ROOT), "shared", "focus-sample", "focus_sample.csv")
SAMPLE_BILLED = 20.52022672899


@pytest.fixture(scope="module")
def costs_tenant(client, platform):
    return create_tenant(client, platform, "Costs")


def sample_bytes():
    with open(SAMPLE, "rb") as f:
        return f.read()


def upload(client, tenant, body, content_type="text/csv", name="focus_sample.csv", role="admin", connection=None):
    return client.post(f"/api/connections/{connection or tenant.connection_id}/costs?fileName={name}", body=body,
                       headers={"Content-Type": content_type}, token=tenant.token(role))


def billed(tenant):
    rows = query(f"SELECT COUNT(*), COALESCE(SUM(billed_cost), 0) FROM cost_line_items WHERE csp_connection_id = '{tenant.connection_id}'")
    return int(rows[0][0]), float(rows[0][1])


def test_the_api_imports_the_real_sample_and_a_second_import_changes_nothing(client, costs_tenant):
    r = upload(client, costs_tenant, sample_bytes())
    assert r.status == 200, r.text
    summary = r.json()
    assert summary["rows"] == 1000 and summary["billingPeriods"] == ["2024-09-01", "2024-10-01"]
    assert summary["billedTotal"] == pytest.approx(SAMPLE_BILLED)
    assert summary["rowsByProvider"] == {"AWS": 942, "Microsoft": 51, "Oracle": 7}
    assert len(summary["warnings"]) == 2
    r = upload(client, costs_tenant, gzip.compress(sample_bytes()), content_type="application/gzip", name="focus_sample.csv.gz")
    assert r.status == 200, r.text
    assert r.json()["compressed"] and r.json()["replacedRows"] == 1000
    assert billed(costs_tenant) == (1000, pytest.approx(SAMPLE_BILLED))
    services = client.get(f"/api/connections/{costs_tenant.connection_id}/services", token=costs_tenant.token("viewer")).json()["services"]
    assert "Amazon Simple Queue Service" in [s["serviceName"] for s in services], "the catalogue fills from ServiceName"
    history = client.get(f"/api/connections/{costs_tenant.connection_id}/imports", token=costs_tenant.token("viewer")).json()["imports"]
    assert [h["status"] for h in history[:2]] == ["completed", "completed"]
    assert history[0]["checksum"] != history[1]["checksum"] and history[0]["rows"] == 1000


def test_a_broken_file_changes_nothing_and_says_where(client, costs_tenant):
    upload(client, costs_tenant, sample_bytes())
    lines = sample_bytes().decode().split("\n")
    lines[10] = lines[10].replace('"USD"', '"EUR"', 1)
    r = upload(client, costs_tenant, "\n".join(lines).encode())
    assert r.status == 400
    problems = r.json()["fieldErrors"]
    assert problems[0]["field"] == "line 11, column BillingCurrency"
    assert "bills in USD" in problems[0]["message"]
    assert billed(costs_tenant) == (1000, pytest.approx(SAMPLE_BILLED))


def test_an_absurdly_long_amount_is_refused_and_the_worker_stays_up(client, costs_tenant):
    upload(client, costs_tenant, sample_bytes())
    lines = sample_bytes().decode().split("\n")
    column = next(csv.reader(io.StringIO(lines[0]))).index("BilledCost")
    row = next(csv.reader(io.StringIO(lines[1])))
    row[column] = "9" * 60
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(row)
    r = upload(client, costs_tenant, "\n".join([lines[0], out.getvalue()] + lines[2:]).encode())
    assert r.status == 400, r.text
    assert r.json()["fieldErrors"][0]["field"] == "line 2, column BilledCost"
    assert client.get("/livez").status == 200 and os.kill(int(os.environ["BUDGETD_WORKER_PID"]), 0) is None
    assert billed(costs_tenant) == (1000, pytest.approx(SAMPLE_BILLED))


def test_only_admins_of_the_organization_import_and_only_cost_files(client, costs_tenant, acme):
    assert upload(client, costs_tenant, sample_bytes(), role="editor").status == 403
    assert upload(client, costs_tenant, sample_bytes(), content_type="application/json").status == 415
    assert upload(client, costs_tenant, sample_bytes(), connection=acme.connection_id).status == 404
    assert upload(client, costs_tenant, b"not,a,focus\nfile,at,all\n").status == 400


def test_the_command_line_imports_with_a_plain_summary(costs_tenant, budgetd_bin):
    result = subprocess.run([budgetd_bin, "import-costs", "--connection", costs_tenant.connection_id, SAMPLE],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "imported 1000 rows from focus_sample.csv" in result.stdout
    assert "\r" not in result.stderr, "no progress bar when stderr is not a terminal"
    assert billed(costs_tenant) == (1000, pytest.approx(SAMPLE_BILLED))


def test_spend_series_and_budget_figures_come_from_the_line_items(client, costs_tenant):
    r = client.post("/api/budgets", {
        "organizationId": costs_tenant.organization_id, "cspConnectionId": costs_tenant.connection_id, "name": "Sep 2024",
        "timeRange": "monthly", "renewalType": "recurring", "startMonth": "2024-09-01", "budgetType": "fixed", "amount": 25,
        "thresholdRules": [{"percentage": 50, "triggerType": "actual spend"}, {"percentage": 50, "triggerType": "actual cost"}],
    }, token=costs_tenant.token("editor"))
    assert r.status == 201
    budget = r.json()
    series = client.get(f"/api/budgets/{budget['id']}/spend?granularity=day", token=costs_tenant.token("viewer"))
    assert series.status == 200
    body = series.json()
    assert body["granularity"] == "day" and body["currency"] == "USD"
    assert len(body["points"]) == (int(body["period"]["end"][8:]) if body["period"]["start"][8:] == "01" else len(body["points"]))
    monthly = client.get(f"/api/budgets/{budget['id']}/spend?granularity=month", token=costs_tenant.token("viewer")).json()
    assert len(monthly["points"]) == 1
    assert client.get(f"/api/budgets/{budget['id']}/spend?granularity=week", token=costs_tenant.token("viewer")).status == 400


def test_the_upload_form_imports_in_a_browser_and_shows_what_the_import_did(client, costs_tenant, tmp_path):
    password = "correct horse battery staple"
    email = f"uploader-{uuid.uuid4().hex[:6]}@costs.example"
    assert client.post("/api/users", {"email": email, "password": password, "role": "admin"}, token=costs_tenant.admin).status == 201
    gz = tmp_path / "focus_sample.csv.gz"
    gz.write_bytes(gzip.compress(sample_bytes()))
    card = f"#connection-{costs_tenant.connection_id}"
    before = client.get(f"/api/connections/{costs_tenant.connection_id}/imports", token=costs_tenant.admin).json()["imports"]
    driver = browser.start()
    page = browser.Browser(driver, os.environ["BUDGETD_URL"], os.path.join(os.environ["BUDGETD_TEST_OUTPUT"], "screenshots"))
    try:
        page.sign_in(email, password)
        page.go("/connections")
        page.shot("20 connections")
        page.find(f"#file-{costs_tenant.connection_id}").send_keys(str(gz))
        page.click(f"{card} form.upload button[type=submit]")
        assert "Cost file imported." in page.text()
        latest = client.get(f"/api/connections/{costs_tenant.connection_id}/imports", token=costs_tenant.admin).json()["imports"][0]
        assert page.path == f"/connections/{costs_tenant.connection_id}/imports/{latest['importId']}"
        # The page says what the API's answer says: rows, periods, totals, what it replaced, every warning.
        assert page.text("#import-rows") == "1,000"
        assert page.text("#import-periods") == "September 2024, October 2024"
        assert page.text("#import-billed") == "$20.52"
        warnings = [li.text for li in page.all("#import-warnings li")]
        assert warnings == latest["warnings"] and len(warnings) == 2
        assert any("51 rows billed by Microsoft" in w for w in warnings) and any("7 rows billed by Oracle" in w for w in warnings)
        if before and before[0]["status"] == "completed":
            assert f"import #{before[0]['importId']}" in page.text("#import-replaced")
            assert latest["replacedImports"] == [before[0]["importId"]]
        page.shot("21 imported through the form")

        bad = tmp_path / "bad.csv"
        bad.write_bytes(b"not,a,focus\nfile,at,all\n")
        page.go("/connections")
        page.find(f"#file-{costs_tenant.connection_id}").send_keys(str(bad))
        page.click(f"{card} form.upload button[type=submit]")
        refusal = page.text(f"#upload-error-{costs_tenant.connection_id}")
        assert "nothing was changed" in refusal
        assert page.text(card).count("nothing was changed") == 1, "the refusal is said once"
        assert "Refused" in page.text(f"{card} [aria-label^='Recent imports'] tbody tr"), "and the history keeps it"
        page.shot("22 refused file")
    finally:
        driver.quit()
    assert billed(costs_tenant) == (1000, pytest.approx(SAMPLE_BILLED))
    refused = client.get(f"/api/connections/{costs_tenant.connection_id}/imports", token=costs_tenant.admin).json()["imports"][0]
    assert refused["status"] == "failed" and refused["problems"]
    one = client.get(f"/api/connections/{costs_tenant.connection_id}/imports/{refused['importId']}", token=costs_tenant.token("viewer"))
    assert one.status == 200 and one.json() == refused


def test_the_demo_tenant_follows_the_governance_framework(client, budgetd_bin):
    result = subprocess.run([budgetd_bin, "demo", "load", "--admin", os.environ["BUDGETD_TEST_ADMIN_EMAIL"]],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    june = query("SELECT SUM(l.billed_cost) FROM cost_line_items l JOIN csp_connections c ON c.id = l.csp_connection_id "
                 "JOIN organizations o ON o.id = c.organization_id "
                 "WHERE o.name = 'Distro Nation' AND c.name = 'Production AWS Account' AND l.billing_period_start = '2025-06-01'")
    assert june == [["314.54000000000"]]
    lines = dict(query("SELECT l.service_name, SUM(l.billed_cost) FROM cost_line_items l JOIN csp_connections c ON c.id = l.csp_connection_id "
                       "JOIN organizations o ON o.id = c.organization_id WHERE o.name = 'Distro Nation' AND c.name = 'Production AWS Account' "
                       "AND l.billing_period_start = '2025-06-01' GROUP BY l.service_name"))
    assert float(lines["EC2 - NAT Gateway"]) == 97.42 and float(lines["Amazon Aurora PostgreSQL"]) == 58.76
    assert float(lines["Unattributed"]) == 28.85
    untagged = query("SELECT AVG(l.tags IS NULL) FROM cost_line_items l JOIN csp_connections c ON c.id = l.csp_connection_id "
                     "JOIN organizations o ON o.id = c.organization_id WHERE o.name = 'Distro Nation'")
    assert 0.02 < float(untagged[0][0]) < 0.3, "most line items carry the mandatory tags, some do not"
    token = client.post("/api/auth/token", {"email": "viewer@distronation.example", "password": "demo"}).json()["token"]
    budgets = client.get("/api/budgets", token=token).json()["budgets"]
    assert {b["name"] for b in budgets} >= {"Production AWS", "Staging AWS", "Development AWS", "Firebase", "Airtable API"}
    now = datetime.now(timezone.utc)
    for b in budgets:
        period = client.get(f"/api/budgets/{b['id']}", token=token).json()["currentPeriod"]
        # The demo bills up to the last full hour: only in a period's first hour is nothing billed yet.
        if period["start"] < now.date().isoformat() or now.hour >= 1:
            assert b["currentSpend"] > 0, f"{b['name']} shows real utilization"
        reached = b["utilizationPercentage"] >= 60  # the framework's first alert level
        assert (b["status"] in {"warning", "exceeded"}) == reached, b
    # Each demo budget was created as the API creates one: an audit entry and a BudgetCreatedEvent.
    created = [e["budget"]["name"] for e in client.get("/api/events?limit=1000", token=token).json()["events"]
               if e["eventType"] == "BudgetCreatedEvent"]
    assert all(created.count(b["name"]) == 1 for b in budgets), created
    # The same file again (demo load is repeatable): June 2025 still totals 314.54.
    subprocess.run([budgetd_bin, "demo", "load", "--admin", os.environ["BUDGETD_TEST_ADMIN_EMAIL"]], check=True, capture_output=True, timeout=300)
    assert query("SELECT SUM(l.billed_cost) FROM cost_line_items l JOIN csp_connections c ON c.id = l.csp_connection_id "
                 "JOIN organizations o ON o.id = c.organization_id WHERE o.name = 'Distro Nation' AND c.name = 'Production AWS Account' "
                 "AND l.billing_period_start = '2025-06-01'") == [["314.54000000000"]]


def test_the_budget_page_draws_the_spend_chart(client):
    driver = browser.start(height=1400)
    page = browser.Browser(driver, os.environ["BUDGETD_URL"], os.path.join(os.environ["BUDGETD_TEST_OUTPUT"], "screenshots"))
    try:
        page.sign_in("viewer@distronation.example", "demo")
        page.click("a[href^='/budgets/']")
        # From the period's start to today: one point per day, at least the start and today.
        assert page.find("svg.chart polyline.actual").get_attribute("points").count(",") >= 2
        assert page.find("svg.chart title").get_attribute("textContent") == "Cumulative spend against the budget"
        assert not page.all("svg.chart style, svg.chart script")
        page.shot("23 budget with spend chart")
    finally:
        driver.quit()
