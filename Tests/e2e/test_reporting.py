"""Reports through nginx: the demo's June 2025 monthly report and its CSV files, explanations and
issued versions with a restatement, the roles, the daily dashboard with a stale connection, the
weekly summary, and a monthly subscription that is mailed exactly once with its CSV attached."""
import csv
import datetime
import io
import subprocess
import uuid
from decimal import Decimal

import pytest

from conftest import wait_until
from database import query
from maildir import mails_to
from tenants import create_tenant, login, spec_request

DEMO_PASSWORD = "demo"


def focus(month, lines):
    """A FOCUS file for the billing period starting `month` (a date): one line item per (day, service, amount)."""
    end = (month + datetime.timedelta(days=32)).replace(day=1)
    rows = ["BillingPeriodStart,BillingPeriodEnd,ChargePeriodStart,ChargePeriodEnd,ServiceName,ServiceCategory,"
            "ProviderName,ChargeCategory,BilledCost,EffectiveCost,BillingCurrency"]
    for day, service, amount in lines:
        rows.append(f"{month}T00:00:00Z,{end}T00:00:00Z,{day}T00:00:00Z,{day + datetime.timedelta(days=1)}T00:00:00Z,"
                    f"{service},Compute,AWS,Usage,{amount},{amount},USD")
    return ("\n".join(rows) + "\n").encode()


def import_month(client, tenant, month, lines, connection=None):
    r = client.post(f"/api/connections/{connection or tenant.connection_id}/costs?fileName=month.csv", body=focus(month, lines),
                    headers={"Content-Type": "text/csv"}, token=tenant.admin)
    assert r.status == 200, r.text


def monthly_budget(client, tenant, name, amount, connection=None, services=None, time_range="monthly", start="2025-01-01"):
    body = spec_request(tenant, name=name, timeRange=time_range, startMonth=start, amount=amount, selectedServiceIds=services or [],
                        cspConnectionId=connection or tenant.connection_id,
                        thresholdRules=[{"percentage": 80, "triggerType": "actual spend"}], alertRecipients=[])
    r = client.post("/api/budgets", body, token=tenant.token("editor"))
    assert r.status == 201, r.text
    return r.json()


def section(report, currency="USD"):
    return next(s for s in report["currencies"] if s["currency"] == currency)


@pytest.fixture(scope="module")
def demo(client, budgetd_bin):
    """The demo loaded with an admin of Distro Nation of the test's own, so that its reports are explained and issued."""
    admin = f"reports-admin-{uuid.uuid4().hex[:6]}@distronation.example"
    subprocess.run([budgetd_bin, "user", "add", "--organization", "Distro Nation", "--role", "admin", "--email", admin],
                   input="a reports admin passphrase\n", text=True, check=True, capture_output=True, timeout=60)
    subprocess.run([budgetd_bin, "demo", "load", "--admin", admin], check=True, capture_output=True, timeout=300)
    return {
        "admin": login(client, admin, "a reports admin passphrase"),
        "editor": login(client, "editor@distronation.example", DEMO_PASSWORD),
        "viewer": login(client, "viewer@distronation.example", DEMO_PASSWORD),
    }


def test_the_demo_june_report_has_the_frameworks_figures(client, demo):
    r = client.get("/api/reports/monthly/2025-06", token=demo["viewer"])
    assert r.status == 200, r.text
    report = r.json()
    assert report["month"] == "2025-06" and report["complete"] is True and report["asOf"].startswith("2025-07-01")
    usd = section(report)
    production = next(c for c in usd["connections"] if c["name"] == "Production AWS Account")
    assert production["cost"] == 314.54
    # Section 1.1's service lines, to the cent.
    lines = {s["serviceName"]: s["cost"] for s in usd["services"] if s["connectionName"] == "Production AWS Account"}
    for service, cost in {"EC2 - NAT Gateway": 97.42, "Amazon Aurora PostgreSQL": 58.76, "Amazon DocumentDB": 34.25,
                          "Amazon VPC": 24.77, "Amazon ECS Fargate": 17.64, "Amazon S3": 16.61, "Elastic Load Balancing": 16.21,
                          "Amazon CloudWatch": 8.12, "AWS WAF": 8.00, "AWS Secrets Manager": 2.40, "Amazon Route 53": 1.00}.items():
        assert lines[service] == cost, service
    assert sum(Decimal(str(v)) for v in lines.values()) == Decimal("314.54")
    # Every budget with its variance and size; the total is the organization budget's, by its stated rule.
    budgets = {b["name"]: b for b in usd["budgets"]}
    aws = budgets["Production AWS"]
    assert (aws["monthlyBudget"], aws["actual"]) == (350.00, 314.54)
    assert aws["variance"] == {"amount": -35.46, "percentage": -10.13, "direction": "favorable", "size": "medium",
                               "response": "Investigate for sustainability", "significant": True}
    assert aws["countsTowardTotal"] is True
    assert "Production AWS FY" not in budgets, "the yearly budget starts in July 2025"
    counted = [b for b in usd["budgets"] if b["countsTowardTotal"]]
    assert Decimal(str(usd["totalBudget"])) == sum(Decimal(str(b["monthlyBudget"])) for b in counted)
    assert Decimal(str(usd["totalCost"])) == sum(Decimal(str(c["cost"])) for c in usd["connections"])
    assert usd["variance"]["amount"] == round(usd["totalCost"] - usd["totalBudget"], 2)
    assert set(usd["keyVariances"]) == {b["budgetId"] for b in usd["budgets"] if b["variance"]["significant"]}
    # The demo explained June's significant variances and issued it.
    assert aws["explanation"]["text"].startswith("EC2 reserved instances")
    assert report["latestIssuedVersion"] == 1 and report["restatedSinceIssued"] is None
    n = len(usd["budgets"])
    assert usd["budgetAdherence"] == {"adherent": n, "accurate": n, "budgets": n, "percentage": 100}
    assert usd["nextMonth"]["method"].startswith("the daily run rate")
    assert len(usd["days"]) == 30 and usd["dailyBudget"] == round(usd["totalBudget"] / 30, 2)


def test_the_csv_files_open_in_a_spreadsheet(client, demo):
    r = client.get("/api/reports/monthly/2025-06/services.csv", token=demo["viewer"])
    assert r.status == 200 and r.header("content-type").startswith("text/csv")
    assert "attachment" in r.header("content-disposition") and "2025-06-services.csv" in r.header("content-disposition")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    aws = [row for row in rows if row["Connection"] == "Production AWS Account"]
    assert sum(Decimal(row["Cost"]) for row in aws) == Decimal("314.54")
    r = client.get("/api/reports/monthly/2025-06/budgets.csv", token=demo["viewer"])
    assert r.status == 200
    budgets = {row["Budget"]: row for row in csv.DictReader(io.StringIO(r.text))}
    assert budgets["Production AWS"]["Actual"] == "314.54" and budgets["Production AWS"]["Size"] == "medium"


def test_roles_bad_months_and_other_organizations(client, demo, acme):
    for month, field in (("2025-13", "month"), ("abcd", "month")):
        r = client.get(f"/api/reports/monthly/{month}", token=demo["viewer"])
        assert r.status == 400 and r.json()["fieldErrors"][0]["field"] == field, r.text
    assert client.get("/api/reports/weekly/2025-W54", token=demo["viewer"]).status == 400
    r = client.get("/api/reports/daily?date=2025-02-30", token=demo["viewer"])
    assert r.status == 400 and r.json()["fieldErrors"][0]["field"] == "date"
    # Days, months and weeks beside year 1 or 9999 are refused by name (0001-01-01 once killed the worker:
    # the month before it has no day); the first and last reportable ones render with the months beside them.
    for path, field in (("/api/reports/daily?date=0001-01-01", "date"), ("/api/reports/daily?date=9999-12-31", "date"),
                        ("/api/reports/monthly/0001-01", "month"), ("/api/reports/monthly/9999-12", "month"),
                        ("/api/reports/weekly/9999-W52", "week")):
        r = client.get(path, token=demo["viewer"])
        assert r.status == 400 and "1970 to 2999" in r.text, (path, r.status, r.text[:300])
        assert r.json()["fieldErrors"][0]["field"] == field
    for path in ("/api/reports/daily?date=1970-01-01", "/api/reports/daily?date=2999-12-31", "/api/reports/monthly/1970-01",
                 "/api/reports/monthly/2999-12", "/api/reports/weekly/1970-W01", "/api/reports/weekly/2999-W52",
                 "/api/reports/monthly/2999-12/budgets.csv", "/api/reports/monthly/1970-01/services.csv"):
        r = client.get(path, token=demo["viewer"])
        assert r.status == 200, (path, r.status, r.text[:300])
    # A month without data is an empty report.
    r = client.get("/api/reports/monthly/2019-01", token=demo["viewer"])
    assert r.status == 200
    assert [(s["totalCost"], s["budgets"], s["services"]) for s in r.json()["currencies"]] == [(0, [], [])]
    june = section(client.get("/api/reports/monthly/2025-06", token=demo["viewer"]).json())
    budget = june["budgets"][0]["budgetId"]
    path = f"/api/reports/monthly/2025-06/budgets/{budget}/explanation"
    assert client.put(path, {"text": "A viewer may not"}, token=demo["viewer"]).status == 403
    assert client.post("/api/reports/monthly/2025-06/issue", {}, token=demo["editor"]).status == 403
    for month in ("2099-01", "2019-01"):
        r = client.post(f"/api/reports/monthly/{month}/issue", {"force": True}, token=demo["admin"])
        assert r.status == 400 and r.json()["fieldErrors"][0]["field"] == "month", r.text
    assert client.get("/api/report-subscriptions", token=demo["editor"]).status == 403
    # Another organization's budget is not found, and its report shows none of this one's figures.
    assert client.put(path, {"text": "Not ours"}, token=acme.admin).status == 404
    other = client.get("/api/reports/monthly/2025-06", token=acme.admin).json()
    assert other["organizationId"] == acme.organization_id
    assert budget not in {b["budgetId"] for s in other["currencies"] for b in s["budgets"]}
    # Bad bodies change nothing.
    r = client.put(path, {"text": 42}, token=demo["editor"])
    assert r.status == 400 and r.json()["fieldErrors"][0]["field"] == "text"
    r = client.put(path, {"text": "x" * 2001}, token=demo["editor"])
    assert r.status == 400


def test_issuing_refuses_unexplained_large_variances_and_versions_follow_restatements(client, platform):
    tenant = create_tenant(client, platform, "Issue")
    month = (datetime.datetime.now(datetime.timezone.utc).date().replace(day=1) - datetime.timedelta(days=80)).replace(day=1)
    m = f"{month:%Y-%m}"
    budget = monthly_budget(client, tenant, "Production", 100)
    import_month(client, tenant, month, [(month, "Amazon EC2", "150.00"), (month + datetime.timedelta(days=1), "Amazon S3", "10.00")])
    report = client.get(f"/api/reports/monthly/{m}", token=tenant.token("viewer")).json()
    line = section(report)["budgets"][0]
    assert (line["actual"], line["variance"]["percentage"], line["variance"]["size"]) == (160.00, 60.00, "large")
    assert line["variance"]["response"] == "Executive review and intervention"
    assert section(report)["risks"][0]["level"] in ("medium", "high")

    r = client.post(f"/api/reports/monthly/{m}/issue", {}, token=tenant.admin)
    assert r.status == 409 and "Production" in r.json()["message"], r.text
    assert client.get(f"/api/reports/monthly/{m}/versions", token=tenant.admin).json()["versions"] == []
    r = client.put(f"/api/reports/monthly/{m}/budgets/{budget['id']}/explanation", {"text": "Launch traffic, approved by the CFO."},
                   token=tenant.token("editor"))
    assert r.status == 200 and r.json()["explanation"]["author"] == tenant.emails["editor"]
    r = client.post(f"/api/reports/monthly/{m}/issue", None, token=tenant.admin)
    assert r.status == 201, r.text
    first = r.json()
    assert first["version"] == 1 and len(first["sha256"]) == 64 and first["issuedBy"] == tenant.emails["admin"]
    assert r.header("location") == f"/api/reports/monthly/{m}/versions/1"

    # A restated bill: 12.40 more on Amazon S3. The live report says how it differs from version 1.
    import_month(client, tenant, month, [(month, "Amazon EC2", "150.00"), (month + datetime.timedelta(days=1), "Amazon S3", "22.40")])
    live = client.get(f"/api/reports/monthly/{m}", token=tenant.token("viewer")).json()
    assert live["latestIssuedVersion"] == 1
    restated = live["restatedSinceIssued"]
    assert restated["totals"] == {"USD": 12.40}
    assert restated["differences"] == [{"currency": "USD", "connectionName": "Production AWS Account", "serviceName": "Amazon S3",
                                        "amount": 12.40}]
    second = client.post(f"/api/reports/monthly/{m}/issue", {"force": False}, token=tenant.admin).json()
    assert second["version"] == 2 and second["sha256"] != first["sha256"]
    frozen = client.get(f"/api/reports/monthly/{m}/versions/1", token=tenant.token("viewer")).json()["document"]
    assert section(frozen)["totalCost"] == 160.00
    assert section(client.get(f"/api/reports/monthly/{m}/versions/2", token=tenant.token("viewer")).json()["document"])["totalCost"] == 172.40
    assert client.get(f"/api/reports/monthly/{m}/versions/3", token=tenant.token("viewer")).status == 404
    assert client.get(f"/api/reports/monthly/{m}", token=tenant.token("viewer")).json()["restatedSinceIssued"] is None
    history = client.get(f"/api/reports/monthly/{m}/history", token=tenant.token("viewer")).json()["history"]
    assert [h["action"] for h in history] == ["issued", "issued", "explained"]
    # force issues even with a large variance unexplained.
    monthly_budget(client, tenant, "Firebase", 10, connection=tenant.other_connection_id)
    import_month(client, tenant, month, [(month, "Firebase Hosting", "20.00")], connection=tenant.other_connection_id)
    assert client.post(f"/api/reports/monthly/{m}/issue", {}, token=tenant.admin).status == 409
    forced = client.post(f"/api/reports/monthly/{m}/issue", {"force": True}, token=tenant.admin).json()
    assert forced["version"] == 3 and forced["forced"] is True


def test_the_organization_budget_counts_one_connection_wide_budget_per_connection(client, platform):
    tenant = create_tenant(client, platform, "Rule")
    month = datetime.date(2025, 4, 1)
    monthly_budget(client, tenant, "Yearly AWS", 1200, time_range="yearly")
    monthly = monthly_budget(client, tenant, "Monthly AWS", 90)
    monthly_budget(client, tenant, "S3 only", 5, services=[tenant.services["Amazon S3"]])
    quarterly = monthly_budget(client, tenant, "Quarterly AWS", 100, time_range="quarterly")
    import_month(client, tenant, month, [(month, "Amazon EC2", "80.00"), (month, "Amazon S3", "6.00")])
    import_month(client, tenant, month, [(month, "Firebase Hosting", "7.00")], connection=tenant.other_connection_id)
    usd = section(client.get("/api/reports/monthly/2025-04", token=tenant.token("viewer")).json())
    budgets = {b["name"]: b for b in usd["budgets"]}
    assert [b["budgetId"] for b in usd["budgets"] if b["countsTowardTotal"]] == [monthly["id"]]
    assert (usd["totalBudget"], usd["totalCost"], usd["budgetedCost"], usd["unbudgetedCost"]) == (90.00, 93.00, 86.00, 7.00)
    # A quarterly share is a third, the remainder cent on the quarter's first month; a yearly one a twelfth.
    assert budgets["Quarterly AWS"]["monthlyBudget"] == 33.34 and budgets["Quarterly AWS"]["budgetId"] == quarterly["id"]
    assert budgets["Yearly AWS"]["monthlyBudget"] == 100.00
    assert budgets["S3 only"]["actual"] == 6.00 and budgets["S3 only"]["variance"]["size"] == "medium"


def test_the_daily_dashboard_flags_stale_connections_and_the_weekly_summary(client, platform, demo):
    tenant = create_tenant(client, platform, "Daily")
    today = datetime.datetime.now(datetime.timezone.utc).date()
    first = today.replace(day=1)
    monthly_budget(client, tenant, "AWS", 310)
    monthly_budget(client, tenant, "Firebase", 50, connection=tenant.other_connection_id)
    days = [first + datetime.timedelta(days=i) for i in range((today - first).days + 1)]
    lines = [(d, "Amazon EC2", "3.00") for d in days] + [(today, "Amazon S3", "1.50")]
    import_month(client, tenant, first, lines)
    r = client.get("/api/reports/daily", token=tenant.token("viewer"))
    assert r.status == 200, r.text
    daily = r.json()
    assert daily["date"] == today.isoformat() and daily["complete"] is False and daily["asOf"] is not None
    usd = section(daily)
    assert usd["today"] == 4.50 and usd["monthToDate"] == round(3 * len(days) + 1.5, 2)
    # Both connection-wide budgets make the organization's monthly budget; the daily one is it ÷ the days of the month.
    assert usd["monthlyBudget"] == 360.00
    assert usd["dailyBudget"] == float(round(Decimal(360) / ((first + datetime.timedelta(days=32)).replace(day=1) - first).days, 2))
    assert [d["serviceName"] for d in usd["topDrivers"]] == ["Amazon EC2", "Amazon S3"]
    # Firebase has a budget and no charge at all: stale. AWS was charged today: not.
    assert [c["name"] for c in daily["staleConnections"]] == ["Firebase"]

    weekly = client.get("/api/reports/weekly/2025-W25", token=demo["viewer"]).json()
    assert (weekly["start"], weekly["end"]) == ("2025-06-16", "2025-06-22")
    usd = section(weekly)
    assert len(usd["days"]) == 7 and len(usd["rose"]) <= 5 and len(usd["fell"]) <= 5
    assert Decimal(str(usd["total"])) == sum(Decimal(str(d["cost"])) for d in usd["days"])


def test_a_monthly_subscription_is_mailed_once_with_its_csv_and_issues_version_1(client, platform, budgetd_bin):
    tenant = create_tenant(client, platform, "Mailed")
    today = datetime.datetime.now(datetime.timezone.utc).date()
    month = today.replace(day=1)
    following = (month + datetime.timedelta(days=32)).replace(day=1)
    monthly_budget(client, tenant, "AWS", 100)
    import_month(client, tenant, month, [(month, "Amazon EC2", "42.00"), (month, "=1+SUM(A1)", "1.00")])
    address = f"cfo-{uuid.uuid4().hex[:6]}@mailed.example"
    r = client.post("/api/report-subscriptions", {"report": "monthly", "email": address, "format": "full"}, token=tenant.admin)
    assert r.status == 201, r.text
    subscription = r.json()["id"]
    uuid.UUID(subscription)  # only a well-formed id reaches the SQL text
    again = client.post("/api/report-subscriptions", {"report": "monthly", "email": address}, token=tenant.admin)
    assert again.status == 409
    bad = client.post("/api/report-subscriptions", {"report": "hourly", "email": "not an address"}, token=tenant.admin)
    assert bad.status == 400 and {e["field"] for e in bad.json()["fieldErrors"]} == {"report", "email"}

    def distribute(at):
        return subprocess.Popen([budgetd_bin, "reports", "distribute", "--at", at], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    # The worker runs across the sending time (the 3rd of the following month, 06:00 UTC) twice: before it nothing
    # goes out for this month; after it, four passes at once and one more later send one message.
    before = distribute(f"{following.replace(day=3)}T05:59:00Z")
    assert before.wait(timeout=120) == 0, before.stderr.read()
    label = month.strftime("%B %Y")
    assert not [m for m in mails_to(address) if label in m["Subject"]]
    passes = [distribute(f"{following.replace(day=3)}T06:00:30Z") for _ in range(4)]
    outputs = [p.communicate(timeout=120) for p in passes]
    assert all(p.returncode == 0 for p in passes), outputs
    # (Other tests' subscriptions may be due at that time too: count this one's rows.)
    assert query(f"SELECT period, version FROM report_deliveries WHERE subscription_id = '{subscription}' "
                 f"AND period = '{month:%Y-%m}'") == [[f"{month:%Y-%m}", "1"]], outputs
    later = distribute(f"{following.replace(day=3)}T07:00:00Z")
    assert later.wait(timeout=120) == 0
    assert wait_until(lambda: len([m for m in mails_to(address) if label in m["Subject"]]) == 1, seconds=30)
    message = [m for m in mails_to(address) if label in m["Subject"]][0]
    assert "(version 1)" in message["Subject"]
    html = message.get_body(preferencelist=("html",)).get_content()
    assert "$43.00" in html and f"/reports/monthly/{month:%Y-%m}" in html
    attachment = next(message.iter_attachments())
    assert attachment.get_content_type() == "text/csv" and attachment.get_filename().endswith(f"{month:%Y-%m}-services.csv")
    rows = list(csv.reader(io.StringIO(attachment.get_content())))
    assert rows[0][:4] == ["Month", "Currency", "Connection", "Service"]
    assert any(cell.startswith("'=1+SUM") for row in rows for cell in row), "a formula is guarded"
    versions = client.get(f"/api/reports/monthly/{month:%Y-%m}/versions", token=tenant.admin).json()["versions"]
    assert [(v["version"], v["issuedThrough"], v["issuedBy"]) for v in versions] == [(1, "subscription", None)]
    # A restated bill afterwards: the live report says how it differs from the version that was mailed.
    import_month(client, tenant, month, [(month, "Amazon EC2", "42.00"), (month, "=1+SUM(A1)", "1.00"), (month, "Amazon S3", "12.40")])
    live = client.get(f"/api/reports/monthly/{month:%Y-%m}", token=tenant.token("viewer")).json()
    assert live["latestIssuedVersion"] == 1 and live["restatedSinceIssued"]["totals"] == {"USD": 12.40}
    assert live["restatedSinceIssued"]["differences"][0]["serviceName"] == "Amazon S3"
    subscriptions = client.get("/api/report-subscriptions", token=tenant.admin).json()["subscriptions"]
    assert client.delete(f"/api/report-subscriptions/{subscriptions[0]['id']}", token=tenant.admin).status == 204
    assert client.get("/api/report-subscriptions", token=tenant.admin).json()["subscriptions"] == []
