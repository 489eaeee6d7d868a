"""Figures that cannot mislead: the list's totals per period kind, a budget's past periods with the
thresholds each reached (API and page), and the spend chart's axis, through nginx and Chromium."""
import datetime
import os

import pytest

import browser
from tenants import create_tenant, spec_request


def month_start(today, back):
    month = today.replace(day=1)
    for _ in range(back):
        month = (month - datetime.timedelta(days=1)).replace(day=1)
    return month


def focus(month, amount, service="Amazon EC2"):
    end = (month + datetime.timedelta(days=32)).replace(day=1)
    return (f"BillingPeriodStart,BillingPeriodEnd,ChargePeriodStart,ChargePeriodEnd,ServiceName,ServiceCategory,ProviderName,"
            f"ChargeCategory,BilledCost,EffectiveCost,BillingCurrency\n{month}T00:00:00Z,{end}T00:00:00Z,{month}T00:00:00Z,"
            f"{month + datetime.timedelta(days=1)}T00:00:00Z,{service},Compute,AWS,Usage,{amount},{amount},USD\n").encode()


@pytest.fixture(scope="module")
def tenant(client, platform):
    tenant = create_tenant(client, platform, "Periods")
    today = datetime.datetime.now(datetime.timezone.utc).date()
    start = month_start(today, 3)
    tenant.start = start
    # Three months ago 420 (over 100 %), two months ago 250 (over 60 %), last month 100, this month nothing yet.
    for back, amount in ((3, "420.00"), (2, "250.00"), (1, "100.00")):
        r = client.post(f"/api/connections/{tenant.connection_id}/costs?fileName=m.csv", body=focus(month_start(today, back), amount),
                        headers={"Content-Type": "text/csv"}, token=tenant.admin)
        assert r.status == 200, r.text
    rules = [{"percentage": p, "triggerType": "actual spend"} for p in (60, 100)]
    budgets = {}
    for name, time_range, amount, services in (("Monthly", "monthly", 400, []), ("Yearly", "yearly", 4800, []),
                                                ("S3 inside", "monthly", 50, [tenant.services["Amazon S3"]])):
        r = client.post("/api/budgets", spec_request(tenant, name=name, timeRange=time_range, startMonth=str(start), amount=amount,
                                                     selectedServiceIds=services, thresholdRules=rules, alertRecipients=[]),
                        token=tenant.token("editor"))
        assert r.status == 201, r.text
        budgets[name] = r.json()["id"]
    tenant.budgets = budgets
    return tenant


def test_the_list_totals_never_add_a_yearly_amount_to_monthly_ones(client, tenant):
    body = client.get(f"/api/budgets/organization/{tenant.organization_id}", token=tenant.token("viewer")).json()
    assert body["totalAllocatedAmount"] == 5250, "the spec's total adds every amount, as documented"
    periods = {t["timeRange"]: t for t in body["totalsByPeriod"]}
    assert (periods["monthly"]["allocatedAmount"], periods["monthly"]["budgets"], periods["monthly"]["notAdded"]) == (400, 1, 1)
    assert (periods["yearly"]["allocatedAmount"], periods["yearly"]["budgets"]) == (4800, 1)


def test_past_periods_say_which_thresholds_each_reached(client, tenant):
    r = client.get(f"/api/budgets/{tenant.budgets['Monthly']}/periods", token=tenant.token("viewer"))
    assert r.status == 200, r.text
    periods = r.json()["periods"]
    assert [p["complete"] for p in periods] == [False, True, True, True]
    assert [p["actualSpend"] for p in periods] == [0, 100, 250, 420]
    assert [[t["reached"] for t in p["thresholds"]] for p in periods] == [[False, False], [False, False], [True, False], [True, True]]
    assert periods[3]["status"] == "exceeded" and periods[3]["forecastAtEnd"] == 420
    assert periods[-1]["start"] == str(tenant.start)
    yearly = client.get(f"/api/budgets/{tenant.budgets['Yearly']}/periods", token=tenant.token("viewer")).json()["periods"]
    assert len(yearly) == 1 and yearly[0]["actualSpend"] == 770
    assert client.get("/api/budgets/00000000-0000-4000-8000-000000000000/periods", token=tenant.token("viewer")).status == 404


def test_the_budget_page_shows_past_periods_and_a_chart_that_fits(client, tenant):
    driver = browser.start()
    page = browser.Browser(driver, os.environ["BUDGETD_URL"], os.path.join(os.environ["BUDGETD_TEST_OUTPUT"], "screenshots"))
    try:
        page.sign_in(tenant.emails["viewer"], tenant.password)
        page.go("/budgets")
        totals = page.text("table.period-totals")
        assert "Monthly" in totals and "$400.00" in totals and "Yearly" in totals and "$4,800.00" in totals
        page.go(f"/budgets/{tenant.budgets['Monthly']}")
        text = page.text()
        assert "Past periods" in text and "$420.00" in text and "105.0" in text
        assert "No threshold has been reached" not in text
        rows = page.all("section[aria-labelledby=periods-heading] tbody tr")
        assert len(rows) == 4 and "none" in rows[1].text and "100" in rows[3].text
        # One colour scale: a 60 % badge is a warning, a 100 % one exceeded.
        assert page.all("section[aria-labelledby=periods-heading] .badge.warning") and page.all(".badge.exceeded")
        # The spend chart's axis ends near the budget ($400 → at most $500), not at twice it.
        labels = [t.text for t in page.all("section[aria-labelledby=chart-heading] svg text.tick") if t.text.startswith("$")]
        assert labels[-1] in ("$400", "$500"), labels
        page.shot("18 past periods")
    finally:
        driver.quit()
