"""The three people's main journeys in headless Chromium, each at desktop (1366x900) and phone
(390x844) size (browser.start makes the window really that wide), with a screenshot of every step in test-output/screenshots/journey-*: a finance
editor creates, adjusts and reads a budget's history; an admin wires a connection, invites a user,
registers a webhook and uploads costs; a viewer reads on a phone. Every figure a page shows is compared with the API's."""
import datetime
import os
import uuid
from decimal import Decimal

import pytest

import browser
from conftest import wait_until
from tenants import create_tenant

SIZES = {"desktop": (1366, 900), "phone": (390, 844)}


@pytest.fixture(scope="module")
def tenant(client, platform):
    tenant = create_tenant(client, platform, "Journeys")
    # This month's costs, so that every figure is something: $12.34 a day on Amazon EC2 until yesterday.
    today = datetime.datetime.now(datetime.timezone.utc).date()
    first = today.replace(day=1)
    end = (first + datetime.timedelta(days=32)).replace(day=1)
    days = [first + datetime.timedelta(days=i) for i in range(max(1, (today - first).days))]
    rows = ["BillingPeriodStart,BillingPeriodEnd,ChargePeriodStart,ChargePeriodEnd,ServiceName,ServiceCategory,"
            "ProviderName,ChargeCategory,BilledCost,EffectiveCost,BillingCurrency"]
    rows += [f"{first}T00:00:00Z,{end}T00:00:00Z,{d}T00:00:00Z,{d + datetime.timedelta(days=1)}T00:00:00Z,"
             f"Amazon EC2,Compute,AWS,Usage,12.34,11.00,USD" for d in days]
    r = client.post(f"/api/connections/{tenant.connection_id}/costs?fileName=this-month.csv", body=("\n".join(rows) + "\n").encode(),
                    headers={"Content-Type": "text/csv"}, token=tenant.admin)
    assert r.status == 200, r.text
    return tenant


@pytest.fixture(params=list(SIZES))
def sized(request):
    width, height = SIZES[request.param]
    driver = browser.start(width=width, height=height)
    page = browser.Browser(driver, os.environ["BUDGETD_URL"], os.path.join(os.environ["BUDGETD_TEST_OUTPUT"], "screenshots"))
    page.size = request.param
    yield page
    driver.quit()


def money(value):
    amount = Decimal(str(value)).quantize(Decimal("0.01"))
    return ("−" if amount < 0 else "") + f"${abs(amount):,.2f}"


def figures(page):
    """The budget page's summary: each label with its figure."""
    return {item.find_element("css selector", "dt").text: item.find_element("css selector", "dd").text
            for item in page.all("dl.summary > div")}


def fits_the_screen(page):
    """Nothing is wider than the screen (a table scrolls inside its own box), so a phone does not zoom out."""
    screen = SIZES[page.size][0]
    width, inner = page.driver.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
    assert inner == screen, f"the window is {inner} pixels wide, not {screen}"
    overflowing = page.driver.execute_script("""
        var out = [];
        document.querySelectorAll("body *").forEach(function (e) {
          var style = getComputedStyle(e);
          if (e.scrollWidth > e.clientWidth + 1 && style.overflowX !== "auto" && style.overflowX !== "hidden") {
            out.push(e.tagName.toLowerCase() + "." + e.className + " " + e.scrollWidth + "/" + e.clientWidth);
          }
        });
        return out;""")
    assert width <= screen, f"{page.path} is {width} pixels wide on a {screen}-pixel screen: {overflowing[:6]}"
    return True


def check_against_the_api(page, client, token, budget_id):
    budget = client.get(f"/api/budgets/{budget_id}", token=token).json()
    shown = figures(page)
    assert shown["Budget"] == money(budget["amount"])
    assert shown["Spent (billed)"] == money(budget["currentSpend"])
    assert shown["Remaining"] == money(budget["remainingAmount"])
    assert page.text(".meter-label").startswith(f"{Decimal(str(budget['utilizationPercentage'])):,.2f}\u202f%")
    return budget


def test_a_finance_editor_creates_adjusts_and_reads_the_history(sized, client, tenant):
    page = sized
    name = f"Journey {page.size} {uuid.uuid4().hex[:4]}"
    page.sign_in(tenant.emails["editor"], tenant.password)
    page.go("/budgets/new")
    page.type("#name", name)
    page.select("#cspConnectionId", visible_text="Production AWS Account (USD)")
    page.type("#amount", "500")
    page.type("#alertRecipients", "finance@journeys.example")
    page.shot(f"journey-{page.size}-editor-1-form")
    page.submit()
    assert page.path.startswith("/budgets/") and name in page.text("h1")
    budget_id = page.path.split("/")[2]
    budget = check_against_the_api(page, client, tenant.token("editor"), budget_id)
    assert budget["currentSpend"] > 0
    assert fits_the_screen(page)
    page.shot(f"journey-{page.size}-editor-2-created")

    page.click("a.button[href$='/edit']")
    page.type("#amount", "750")
    page.submit()
    check_against_the_api(page, client, tenant.token("editor"), budget_id)
    assert figures(page)["Budget"] == "$750.00"
    history = page.text("ol.history")
    assert "amount: $500.00 → $750.00" in history, history
    page.shot(f"journey-{page.size}-editor-3-adjusted")


def test_an_admin_wires_a_connection_invites_a_user_registers_a_webhook_and_uploads_costs(sized, client, tenant, tmp_path):
    page = sized
    page.sign_in(tenant.emails["admin"], tenant.password)
    page.go("/connections")
    name = f"GCP {page.size} {uuid.uuid4().hex[:4]}"
    page.type("#new-name", name)
    page.select("#new-provider", value="gcp")
    page.click("form[action='/connections'] button[type=submit]")
    assert "The connection was added" in page.text(".notice")
    connection = next(c for c in client.get("/api/connections", token=tenant.admin).json()["connections"] if c["name"] == name)
    page.shot(f"journey-{page.size}-admin-1-connection")

    address = f"new-{page.size}-{uuid.uuid4().hex[:6]}@journeys.example"
    page.go("/users")
    page.type("#email", address)
    page.click("form.stacked button[type=submit]")
    assert "The invitation is on its way" in page.text(".notice")
    listed = {u["email"]: u["status"] for u in client.get("/api/users", token=tenant.admin).json()["users"]}
    assert listed[address] == "invited"
    assert fits_the_screen(page)
    page.shot(f"journey-{page.size}-admin-2-invited")

    page.go("/webhooks")
    hook = f"https://hooks.example.com/budgetd/{page.size}-{uuid.uuid4().hex[:6]}"
    page.type("#url", hook)
    page.click("form[action='/webhooks'] button[type=submit]")
    secret = page.text("#webhook-secret")
    assert secret.startswith("whsec_")
    registered = next(w for w in client.get("/api/webhooks", token=tenant.admin).json()["webhooks"] if w["url"] == hook)
    assert "secret" not in registered, "the secret is shown once, on the page that registers it"
    assert fits_the_screen(page)
    page.shot(f"journey-{page.size}-admin-3-webhook")

    focus = tmp_path / "gcp.csv"
    focus.write_text("BillingPeriodStart,BillingPeriodEnd,ChargePeriodStart,ChargePeriodEnd,ServiceName,ServiceCategory,ProviderName,"
                     "ChargeCategory,BilledCost,EffectiveCost,BillingCurrency\n"
                     "2025-06-01T00:00:00Z,2025-07-01T00:00:00Z,2025-06-02T00:00:00Z,2025-06-03T00:00:00Z,Compute Engine,Compute,"
                     "Google Cloud,Usage,41.25,40.00,USD\n")
    page.go("/connections")
    page.find(f"#file-{connection['id']}").send_keys(str(focus))
    page.click(f"#connection-{connection['id']} form.upload button[type=submit]")
    assert "Cost file imported." in page.text(".notice")
    record = client.get(f"/api/connections/{connection['id']}/imports", token=tenant.admin).json()["imports"][0]
    assert page.text("#import-rows") == str(record["rows"]) == "1"
    assert page.text("#import-billed") == money(record["billedTotal"]) == "$41.25"
    assert page.text("#import-periods") == "June 2025"
    assert fits_the_screen(page)
    page.shot(f"journey-{page.size}-admin-4-uploaded")


def test_a_viewer_reads_the_budgets(sized, client, tenant):
    page = sized
    r = client.post("/api/budgets", {
        "organizationId": tenant.organization_id, "cspConnectionId": tenant.connection_id, "name": f"Read {page.size}",
        "timeRange": "monthly", "renewalType": "recurring", "budgetType": "fixed", "amount": 100.0,
        "startMonth": datetime.date.today().replace(day=1).isoformat(),
        "thresholdRules": [{"percentage": 80.0, "triggerType": "actual spend"}], "alertRecipients": ["finance@journeys.example"]},
        token=tenant.token("editor"))
    assert r.status == 201, r.text
    budget = r.json()
    page.sign_in(tenant.emails["viewer"], tenant.password)
    page.go("/budgets?q=" + budget["name"].replace(" ", "+"))
    row = next(r for r in page.all("table.budget-list tbody tr") if budget["name"] in r.text)
    assert row.is_displayed()
    assert fits_the_screen(page)
    page.shot(f"journey-{page.size}-viewer-1-list")
    row.find_element("css selector", "a").click()
    assert wait_until(lambda: page.path == f"/budgets/{budget['id']}")
    check_against_the_api(page, client, tenant.token("viewer"), budget["id"])
    assert page.all("a.button[href$='/edit']") == [], "a viewer has nothing to change"
    assert fits_the_screen(page)
    page.shot(f"journey-{page.size}-viewer-2-budget")
