"""Threshold evaluation and alerts through nginx: an import that pushes a budget over a threshold
alerts each recipient once by e-mail (a real sendmail-compatible command filing into a Maildir),
puts the breach in the event feed and on the budget page; several evaluator processes at once
never alert twice; the database going away loses and repeats nothing; webhooks get signed events."""
import datetime
import json
import os
import subprocess
import time
import uuid
from decimal import Decimal

import pytest

import browser
from conftest import stack, wait_until
from database import execute, query
from focus_files import import_file, month_file, this_month
from tenants import create_tenant, spec_request
from webhooks import Receiver, verify


@pytest.fixture(scope="module")
def tenant(client, platform):
    return create_tenant(client, platform, "Alerts")


def focus(total, service="Amazon EC2"):
    """A FOCUS file for this month's billing period whose daily line items, from the 1st to today,
    add up to `total` exactly."""
    first, today = this_month()
    days = (today - first).days + 1
    cents = int(Decimal(str(total)) * 100)
    share, rest = divmod(cents, days)
    return month_file([(first + datetime.timedelta(days=i), service, Decimal(share + (rest if i == days - 1 else 0)) / 100, None)
                       for i in range(days)])


def import_costs(client, tenant, total, connection=None):
    return import_file(client, tenant, focus(total), connection)


def create_budget(client, tenant, name, amount=1000, recipients=None, connection=None, rules=None):
    body = spec_request(tenant, name=name, timeRange="monthly", startMonth="2025-01-01", amount=amount, selectedServiceIds=[],
                        cspConnectionId=connection or tenant.connection_id,
                        thresholdRules=rules or [{"percentage": p, "triggerType": "actual spend"} for p in (60, 80, 100, 120)],
                        alertRecipients=recipients or [])
    r = client.post("/api/budgets", body, token=tenant.token("editor"))
    assert r.status == 201, r.text
    return r.json()


def mails_to(addresses):
    """The messages in the test Maildir addressed to any of `addresses`, oldest first."""
    folder = os.path.join(os.environ["BUDGETD_TEST_MAIL_DIR"], "new")
    found = []
    for name in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            text = f.read()
        to = next((line[4:] for line in text.split("\n") if line.startswith("To: ")), None)
        if to in addresses:
            found.append(text)
    return found


def events_after(client, tenant, cursor):
    r = client.get(f"/api/events?after={cursor}&limit=1000", token=tenant.token("viewer"))
    assert r.status == 200, r.text
    return r.json()


def unsettled(budget_id):
    """The budget's outbox messages not yet delivered or failed."""
    uuid.UUID(budget_id)  # only a well-formed id reaches the SQL text
    return int(query(f"SELECT COUNT(*) FROM alert_outbox WHERE budget_id = '{budget_id}' AND status IN ('pending', 'sending')")[0][0])


def evaluate(budgetd_bin, *arguments):
    return subprocess.run([budgetd_bin, "evaluate", *arguments], capture_output=True, text=True, timeout=120)


def test_an_import_that_pushes_a_budget_over_80_percent_alerts_each_recipient_once(client, tenant, budgetd_bin):
    uid = uuid.uuid4().hex[:6]
    recipients = [f"{who}-{uid}@alerts.example" for who in ("engineering", "managers", "finance")]
    budget = create_budget(client, tenant, f"Prod {uid}", amount=1000, recipients=recipients)
    import_costs(client, tenant, 700)
    assert wait_until(lambda: len(mails_to(recipients)) == 3), "the 60 % alert reaches each recipient"
    # A message's BudgetAlertTriggeredEvent commits just after its mail is written: wait for all three.
    assert wait_until(lambda: unsettled(budget["id"]) == 0)
    cursor = events_after(client, tenant, 0)["nextCursor"]

    import_costs(client, tenant, 850)  # the month's bill, restated: now 85 %
    assert wait_until(lambda: len(mails_to(recipients)) == 6)
    new = mails_to(recipients)[3:]
    assert sorted(next(l for l in m.split("\n") if l.startswith("To: "))[4:] for m in new) == sorted(recipients)
    assert all("reached 80=E2=80=AF%" in m and "$850.00" in m for m in new)
    assert all(f"/budgets/{budget['id']}" in m.replace("=\n", "") for m in new), "the message links to the budget page"

    feed = events_after(client, tenant, cursor)["events"]
    exceeded = [e for e in feed if e["eventType"] == "BudgetThresholdExceededEvent"]
    assert len(exceeded) == 1, "one event for the one alert"
    assert exceeded[0]["breach"]["thresholdPercentage"] == 80 and exceeded[0]["budget"]["id"] == budget["id"]
    assert wait_until(lambda: len([e for e in events_after(client, tenant, cursor)["events"]
                                   if e["eventType"] == "BudgetAlertTriggeredEvent"]) == 3), "one per delivery"

    alerts = client.get(f"/api/budgets/{budget['id']}/alerts", token=tenant.token("viewer")).json()
    assert [a["thresholdPercentage"] for a in alerts["alerts"]] == [80, 60]
    assert sorted(d["recipient"] for d in alerts["alerts"][0]["deliveries"]) == sorted(recipients)
    assert all(d["status"] == "delivered" and d["attempts"] == 1 for d in alerts["alerts"][0]["deliveries"])
    assert alerts["lastEvaluatedAt"] is not None
    detail = client.get(f"/api/budgets/{budget['id']}", token=tenant.token("viewer")).json()
    assert detail["status"] == "warning" and detail["lastEvaluatedAt"] is not None

    result = evaluate(budgetd_bin)
    assert result.returncode == 0, result.stderr
    assert "breaches=0" in result.stdout and "messages=0" in result.stdout
    time.sleep(2.5)  # more than the deliverer's interval
    assert len(mails_to(recipients)) == 6, "evaluating again sends nothing more"

    driver = browser.start(height=1600)
    page = browser.Browser(driver, os.environ["BUDGETD_URL"], os.path.join(os.environ["BUDGETD_TEST_OUTPUT"], "screenshots"))
    try:
        page.sign_in(tenant.emails["viewer"], tenant.password)
        page.go(f"/budgets/{budget['id']}")
        history = page.text("section[aria-labelledby=alerts-heading]")
        assert "80\u202f%" in history and "60\u202f%" in history
        assert history.count("Delivered") == 6 and recipients[0] in history
        page.shot("30 budget with its alert history")
    finally:
        driver.quit()


def test_four_evaluators_at_once_alert_exactly_once(client, platform, budgetd_bin):
    crowd = create_tenant(client, platform, "Crowd")
    uid = uuid.uuid4().hex[:6]
    budgets = []
    for i in range(8):
        recipients = [f"a{i}-{uid}@crowd.example", f"b{i}-{uid}@crowd.example"]
        budgets.append((create_budget(client, crowd, f"Crowd {i}", amount=100 + i, recipients=recipients), recipients))
    # Spend written around the API on purpose, so that no request evaluates it first: 90 of 100…107.
    first, today = this_month()
    service = crowd.services["Amazon EC2"]
    execute(f"""INSERT INTO cost_line_items (csp_connection_id, service_id, billing_period_start, billing_period_end,
                charge_period_start, charge_period_end, service_name, billed_cost, effective_cost, billing_currency)
                VALUES ('{crowd.connection_id}', '{service}', '{first}', '{first}', '{today} 00:00:00', '{today} 23:59:59',
                        'Amazon EC2', 90, 90, 'USD')""")
    subprocess.run([budgetd_bin, "rebuild-rollups", "--connection", crowd.connection_id], check=True, capture_output=True)
    processes = [subprocess.Popen([budgetd_bin, "evaluate", "--connection", crowd.connection_id], stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True) for _ in range(4)]
    outputs = [p.communicate(timeout=120) for p in processes]
    assert all(p.returncode == 0 for p in processes), outputs
    recorded = sum(int(out.split("breaches=")[1].split()[0]) for out, _ in outputs)
    assert recorded == 16, f"8 budgets × (60 % and 80 %) between the four: {outputs}"

    ids = "', '".join(b["id"] for b, _ in budgets)
    assert query(f"SELECT COUNT(*), COUNT(DISTINCT rule_id, period_start) FROM budget_threshold_breaches "
                 f"WHERE budget_id IN ('{ids}')") == [["16", "16"]]
    assert query(f"SELECT COUNT(*) FROM alert_outbox WHERE channel = 'email' AND budget_id IN ('{ids}')") == [["16"]]
    assert query(f"SELECT COUNT(*) FROM domain_events WHERE event_type = 'BudgetThresholdExceededEvent' AND budget_id IN ('{ids}')") == [["8"]]
    everyone = [r for _, recipients in budgets for r in recipients]
    assert wait_until(lambda: len(mails_to(everyone)) == 16)
    time.sleep(2.5)
    assert len(mails_to(everyone)) == 16, "one message per recipient, never two"


def test_the_database_going_away_loses_nothing_and_repeats_nothing(client, platform, budgetd_bin, mariadb_dir):
    away = create_tenant(client, platform, "Away")
    uid = uuid.uuid4().hex[:6]
    recipients = [f"{n}-{uid}@away.example" for n in range(5)]
    budget = create_budget(client, away, f"Away {uid}", amount=100, recipients=recipients)
    first, today = this_month()
    execute(f"""INSERT INTO cost_line_items (csp_connection_id, service_id, billing_period_start, billing_period_end,
                charge_period_start, charge_period_end, service_name, billed_cost, effective_cost, billing_currency)
                VALUES ('{away.connection_id}', '{away.services["Amazon S3"]}', '{first}', '{first}', '{today} 00:00:00',
                        '{today} 23:59:59', 'Amazon S3', 130, 130, 'USD')""")
    subprocess.run([budgetd_bin, "rebuild-rollups", "--connection", away.connection_id], check=True, capture_output=True)
    stack("stop_mariadb", mariadb_dir)
    try:
        down = evaluate(budgetd_bin, "--budget", budget["id"])
        assert down.returncode == 1 and "MariaDB" in down.stderr, down.stderr
    finally:
        stack("start_mariadb", mariadb_dir)
    assert wait_until(lambda: client.get("/healthz").status == 200, seconds=15)
    result = evaluate(budgetd_bin, "--budget", budget["id"])
    assert result.returncode == 0, result.stderr
    assert "breaches=4" in result.stdout and "messages=5" in result.stdout
    # Away again while the worker is delivering those five messages, then back.
    stack("stop_mariadb", mariadb_dir)
    time.sleep(1.5)
    stack("start_mariadb", mariadb_dir)
    assert wait_until(lambda: len(mails_to(recipients)) == 5, seconds=30)
    assert wait_until(lambda: query(f"SELECT COUNT(*) FROM alert_outbox WHERE budget_id = '{budget['id']}' AND status = 'delivered'") == [["5"]],
                      seconds=30)
    time.sleep(2.5)
    assert sorted(next(l for l in m.split("\n") if l.startswith("To: "))[4:] for m in mails_to(recipients)) == sorted(recipients)
    assert query(f"SELECT COUNT(*) FROM budget_threshold_breaches WHERE budget_id = '{budget['id']}'") == [["4"]]
    assert query(f"SELECT COUNT(*) FROM domain_events WHERE event_type = 'BudgetAlertTriggeredEvent' AND budget_id = '{budget['id']}'") == [["5"]]


def test_webhooks_receive_signed_events_and_retry(client, platform):
    hooked = create_tenant(client, platform, "Hooked")
    receiver = Receiver(failures=1)
    try:
        assert client.post("/api/webhooks", {"url": receiver.url}, token=hooked.token("viewer")).status == 403
        bad = client.post("/api/webhooks", {"url": "ftp://example.com", "events": ["NoSuchEvent"]}, token=hooked.admin)
        assert bad.status == 400 and {e["field"] for e in bad.json()["fieldErrors"]} == {"url", "events[0]"}
        r = client.post("/api/webhooks", {"url": receiver.url, "events": ["BudgetThresholdExceededEvent"]}, token=hooked.admin)
        assert r.status == 201, r.text
        webhook = r.json()
        assert webhook["secret"].startswith("whsec_")
        listed = client.get("/api/webhooks", token=hooked.admin).json()["webhooks"]
        assert [w["id"] for w in listed] == [webhook["id"]] and "secret" not in listed[0]

        create_budget(client, hooked, "Hooked", amount=100, recipients=[])
        import_costs(client, hooked, 65)
        assert wait_until(lambda: len(receiver.calls) >= 2, seconds=20), "the first call failed; the outbox retried it"
        (first_headers, first_body), (headers, body) = receiver.calls[:2]
        assert first_headers["X-Budgetd-Delivery"] == headers["X-Budgetd-Delivery"] and first_body == body
        assert headers["X-Budgetd-Event"] == "BudgetThresholdExceededEvent" and headers["Content-Type"] == "application/json"
        assert verify(webhook["secret"], headers, body)
        assert not verify("whsec_wrong", headers, body)
        event = json.loads(body)
        assert event["eventType"] == "BudgetThresholdExceededEvent" and event["breach"]["thresholdPercentage"] == 60
        time.sleep(2.5)
        assert len(receiver.calls) == 2, "delivered once, not again"

        other = create_tenant(client, platform, "NotHooked")
        assert client.delete(f"/api/webhooks/{webhook['id']}", token=other.admin).status == 404
        assert client.delete(f"/api/webhooks/{webhook['id']}", token=hooked.admin).status == 204
        assert client.delete(f"/api/webhooks/{webhook['id']}", token=hooked.admin).status == 404
    finally:
        receiver.shutdown()


def test_the_event_feed_is_resumable_and_the_organizations_own(client, tenant, acme):
    everything = events_after(client, tenant, 0)
    assert everything["events"], "budget creations at least"
    sequences = [e["sequence"] for e in everything["events"]]
    assert sequences == list(range(1, len(sequences) + 1)), "oldest first, without gaps"
    page = client.get("/api/events?limit=1", token=tenant.token("viewer")).json()
    assert page["hasMore"] and len(page["events"]) == 1 and page["nextCursor"] == "1"
    following = client.get(f"/api/events?after={page['nextCursor']}&limit=1", token=tenant.token("viewer")).json()
    assert following["events"][0]["sequence"] == 2
    end = events_after(client, tenant, everything["nextCursor"])
    assert end == {"events": [], "nextCursor": everything["nextCursor"], "hasMore": False}
    ids = {e["eventId"] for e in everything["events"]}
    assert not ids & {e["eventId"] for e in events_after(client, acme, 0)["events"]}, "another organization sees none of them"
    bad = client.get("/api/events?after=-1&limit=5000", token=tenant.token("viewer"))
    assert bad.status == 400 and {e["field"] for e in bad.json()["fieldErrors"]} == {"after", "limit"}
    assert client.get("/api/events").status == 401


def test_forecast_rules_are_accepted_and_alerts_are_the_organizations_own(client, tenant, acme):
    budget = create_budget(client, tenant, "Forecasted", amount=5000,
                           rules=[{"percentage": 100, "triggerType": "forecasted cost"}, {"amount": 4000, "triggerType": "actual spend"}])
    assert [r["triggerType"] for r in budget["thresholdRules"]] == ["forecasted cost", "actual spend"]
    assert client.get(f"/api/budgets/{budget['id']}/alerts", token=acme.token("viewer")).status == 404
    assert client.get(f"/api/budgets/{budget['id']}/alerts").status == 401


def test_the_readme_demo_scenario_pushes_a_demo_budget_over_80_percent(client, budgetd_bin, tmp_path):
    """The README's "Trying the alerts": a restated bill for the Firebase budget (about 20 % used on
    any day, by the framework's figures), imported from the command line, alerts each demo
    recipient once about 80 % (mentioning 60 %), puts one event in the feed, and evaluating again
    sends nothing."""
    subprocess.run([budgetd_bin, "demo", "load", "--admin", os.environ["BUDGETD_TEST_ADMIN_EMAIL"]], check=True, capture_output=True, timeout=300)
    # What the worker does when scripts/run starts it: a pass over every budget, its alerts sent.
    assert evaluate(budgetd_bin).returncode == 0
    assert wait_until(lambda: query("SELECT COUNT(*) FROM alert_outbox o JOIN organizations g ON g.id = o.organization_id "
                                    "WHERE g.name = 'Distro Nation' AND o.status IN ('pending', 'sending')") == [["0"]], seconds=30)
    recipients = ["engineering@distronation.example", "engineering-managers@distronation.example",
                  "finance@distronation.example", "executives@distronation.example"]
    token = client.post("/api/auth/token", {"email": "viewer@distronation.example", "password": "demo"}).json()["token"]
    budget = next(b for b in client.get("/api/budgets", token=token).json()["budgets"] if b["name"] == "Firebase")
    assert budget["utilizationPercentage"] < 60
    cursor = client.get("/api/events?limit=1000", token=token).json()["nextCursor"]
    before = len(mails_to(recipients))

    restated = tmp_path / "restated.csv"
    made = subprocess.run([budgetd_bin, "demo", "restate", "--budget", "Firebase", "--percent", "85", "--out", str(restated)],
                          capture_output=True, text=True, timeout=120)
    assert made.returncode == 0, made.stderr
    connection = made.stderr.split("--connection ")[1].split()[0]
    imported = subprocess.run([budgetd_bin, "import-costs", "--connection", connection, str(restated)], capture_output=True, text=True, timeout=300)
    assert imported.returncode == 0, imported.stderr
    assert "breaches=2" in imported.stdout and "messages=4" in imported.stdout, imported.stdout

    assert wait_until(lambda: len(mails_to(recipients)) == before + 4)
    new = [m.replace("=\n", "") for m in mails_to(recipients)[before:]]
    assert sorted(next(l for l in m.split("\n") if l.startswith("To: "))[4:] for m in new) == sorted(recipients)
    assert all("The budget \"Firebase\" has reached 80=E2=80=AF%" in m and "Also reached now" in m for m in new)
    feed = client.get(f"/api/events?after={cursor}&limit=1000", token=token).json()["events"]
    exceeded = [e for e in feed if e["eventType"] == "BudgetThresholdExceededEvent"]
    assert len(exceeded) == 1 and exceeded[0]["budget"]["name"] == "Firebase"
    assert sorted(b["thresholdPercentage"] for b in exceeded[0]["breaches"]) == [60, 80]
    detail = client.get(f"/api/budgets/{budget['id']}", token=token).json()
    assert detail["utilizationPercentage"] == 85 and detail["status"] == "warning"
    alerts = client.get(f"/api/budgets/{budget['id']}/alerts", token=token).json()["alerts"]
    by_level = {a["thresholdPercentage"]: a for a in alerts}
    assert len(by_level[80]["deliveries"]) == 4 and by_level[60]["announcedWith"] == by_level[80]["id"]

    again = evaluate(budgetd_bin)
    assert again.returncode == 0 and "breaches=0" in again.stdout and "messages=0" in again.stdout, again.stdout
    time.sleep(2.5)
    assert len(mails_to(recipients)) == before + 4, "nothing more"
