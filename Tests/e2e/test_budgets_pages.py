"""Budget pages in a real browser (headless Chromium through nginx): the story of issue 4, with a
screenshot of every page in test-output/screenshots/."""
import os
import uuid

import pytest

import browser
from tenants import create_tenant


@pytest.fixture(scope="module")
def tenant(client, platform):
    return create_tenant(client, platform, "Pages")


@pytest.fixture(scope="module")
def people(client, tenant):
    """Sign-in names for the tenant's editor and viewer (the tenant fixture only keeps tokens)."""
    password = "correct horse battery staple"
    accounts = {}
    for role in ("editor", "viewer"):
        email = f"{role}-{uuid.uuid4().hex[:6]}@pages.example"
        r = client.post("/api/users", {"email": email, "password": password, "role": role}, token=tenant.admin)
        assert r.status == 201
        accounts[role] = (email, password)
    return accounts


def test_the_budget_story_in_a_browser(page, people, tenant, client):
    # Signed out, the pages are closed.
    page.go("/budgets")
    assert page.path.startswith("/login")
    page.shot("01 sign in")
    page.sign_in(people["editor"][0], "wrong password")
    assert "The e-mail address or the password is wrong." in page.text()
    assert page.value("#email") == people["editor"][0]
    page.shot("02 sign in failed")

    page.sign_in(*people["editor"])
    assert page.path == "/budgets"
    assert "No budgets yet" in page.text()
    page.shot("03 empty list")

    # Create a budget with mistakes: the typed values stay and each error sits next to its field.
    page.click("a.button[href='/budgets/new']")
    assert [page.value(f"#rule-{i}-percentage") for i in range(4)] == ["60", "80", "100", "120"]
    page.shot("04 new budget form")
    page.type("#name", "   ")
    page.select("#cspConnectionId", visible_text="Production AWS Account (USD)")
    page.select("#timeRange", visible_text="Quarterly")
    page.type("#amount", "12,500.505")
    page.find(f"#service-{tenant.services['Amazon S3']}").click()
    page.type("#rule-1-amount", "1")
    page.type("#alertRecipients", "finance@example.com\nnot an address")
    page.submit()
    assert page.driver.title.startswith("Create budget")
    summary = page.text("#error-summary")
    assert "Name is required" in summary
    assert "Amount must have at most 2 decimal places" in summary
    assert "Recipient 2" in summary
    assert page.value("#name") == "   "
    assert page.value("#amount") == "12,500.505"
    assert page.find(f"#service-{tenant.services['Amazon S3']}").is_selected()
    assert page.value("#alertRecipients") == "finance@example.com\nnot an address"
    assert page.find("#name").get_attribute("aria-invalid") == "true"
    assert "name-error" in page.find("#name").get_attribute("aria-describedby")
    assert page.find("select#timeRange option:checked").text == "Quarterly"
    page.shot("05 form with errors")

    # Fix it and save: a redirect and a one-time notice.
    page.type("#name", "Production <script>alert(1)</script>"[:25])
    page.type("#amount", "12,500.50")
    page.type("#rule-1-amount", "")
    page.type("#alertRecipients", "finance@example.com\nops@example.com")
    page.submit()
    assert page.path.startswith("/budgets/")
    assert "Budget created." in page.text()
    page.shot("06 budget created")
    budget_id = page.path.split("/")[2]
    assert "<script>" in page.text("h1"), "the name shows as text"
    assert page.driver.execute_script("return document.querySelectorAll('main script').length") == 0
    page.driver.refresh()
    assert "Budget created." not in page.text(), "the notice shows once"
    rules = [row.text.replace("\u202f", " ") for row in page.all("section[aria-labelledby=thresholds-heading] tbody tr")]
    assert len(rules) == 4 and rules[0].startswith("60 % $7,500.30"), rules

    # In the list, with money formatted for people.
    page.go("/budgets")
    row = page.find("table.budget-list tbody tr")
    assert "Production <script>alert" in row.text and "$12,500.50" in row.text and "Quarterly" in row.text
    assert page.find("svg.meter") is not None
    page.shot("07 list with the budget")

    # Edit it.
    page.go(f"/budgets/{budget_id}/edit")
    page.shot("08 edit form")
    page.type("#amount", "15000")
    page.type("#rule-3-percentage", "")
    page.submit()
    assert "Budget saved." in page.text()
    assert len(page.all("section[aria-labelledby=thresholds-heading] tbody tr")) == 3
    assert "amount: $12,500.50 → $15,000.00" in page.text("section[aria-labelledby=history-heading]"), "money as the rest of the page writes it"
    page.shot("09 budget saved with history")

    # A stale edit: someone changes the budget while the form is open; nothing is overwritten.
    page.go(f"/budgets/{budget_id}/edit")
    version = page.value("input[name=version]")
    r = client.put(f"/api/budgets/{budget_id}", {"amount": 20000}, token=tenant.token("editor"))
    assert r.status == 200
    page.type("#amount", "99999")
    page.submit()
    assert "Someone else changed this budget" in page.text("#conflict")
    assert "99999" in page.text("#conflict")
    assert page.value("#amount") == "20000"
    assert page.value("input[name=version]") != version
    assert client.get(f"/api/budgets/{budget_id}", token=tenant.token("viewer")).json()["amount"] == 20000
    page.shot("10 stale edit conflict")

    # Delete it: a confirmation page, then the list naming what it deleted, with an undo.
    page.go(f"/budgets/{budget_id}")
    page.click("a.button.danger")
    assert page.path == f"/budgets/{budget_id}/delete"
    page.shot("11 delete confirmation")
    page.click("form.actions button[type=submit]")
    assert page.path == f"/budgets?deleted={budget_id}"
    assert "Deleted “Production <script>alert" in page.text(".notice.undo"), "named, as text"
    assert page.all(".notice.undo button")
    assert not page.all("table.budget-list"), "the list has no budget left"
    page.shot("12 list after delete")

    # Sign out: the pages are closed again.
    page.click("header form button[type=submit]")
    assert page.path.startswith("/login")
    assert "You have signed out." in page.text()
    page.go("/budgets")
    assert page.path.startswith("/login")
    page.shot("13 signed out")


def test_viewers_see_no_edit_buttons_and_cannot_post(page, people, tenant, client):
    r = client.post("/api/budgets", {
        "organizationId": tenant.organization_id, "cspConnectionId": tenant.connection_id, "name": "Viewer sees this",
        "timeRange": "monthly", "renewalType": "recurring", "startMonth": "2025-06-01", "budgetType": "fixed", "amount": 100,
    }, token=tenant.token("editor"))
    assert r.status == 201
    budget_id = r.json()["id"]
    page.sign_in(*people["viewer"])
    assert "Viewer sees this" in page.text()
    assert not page.all("a[href='/budgets/new']")
    page.go(f"/budgets/{budget_id}")
    assert not page.all(f"a[href='/budgets/{budget_id}/edit']")
    page.shot("14 viewer detail")
    csrf = page.driver.execute_script("return document.querySelector('header input[name=csrf]').value")
    status = page.driver.execute_script("""
        const body = new URLSearchParams({csrf: arguments[0], name: 'x', amount: '1'});
        const r = await fetch('/budgets', {method: 'POST', body});
        return r.status;""", csrf)
    assert status == 403
    page.go("/budgets/new")
    assert "Forbidden" in page.text("h1")


def test_pages_work_without_javascript(people, tenant):
    driver = browser.start(javascript=False)
    page = browser.Browser(driver, os.environ["BUDGETD_URL"], os.path.join(os.environ["BUDGETD_TEST_OUTPUT"], "screenshots"))
    try:
        page.sign_in(*people["editor"])
        page.go("/budgets/new")
        assert not page.find("#add-rule").is_displayed(), "the script-only button stays hidden"
        page.type("#name", "No script budget")
        page.select("#cspConnectionId", visible_text="Firebase (USD)")
        page.type("#amount", "150")
        page.type("#rule-4-percentage", "50")
        page.submit()
        assert "Budget created." in page.text(), page.text()
        page.shot("15 created without javascript")
        assert len(page.all("section[aria-labelledby=thresholds-heading] tbody tr")) == 5
    finally:
        driver.quit()


def test_phone_sized_screen(people):
    driver = browser.start(width=390, height=844)
    page = browser.Browser(driver, os.environ["BUDGETD_URL"], os.path.join(os.environ["BUDGETD_TEST_OUTPUT"], "screenshots"))
    try:
        page.sign_in(*people["editor"])
        for path, name in [("/budgets", "16 phone list"), ("/budgets/new", "17 phone form")]:
            page.go(path)
            overflow = driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"{path} scrolls sideways by {overflow}px"
            page.shot(name)
    finally:
        driver.quit()


def test_keyboard_reaches_every_field_in_order(people):
    from selenium.webdriver.common.keys import Keys
    driver = browser.start()
    page = browser.Browser(driver, os.environ["BUDGETD_URL"], os.path.join(os.environ["BUDGETD_TEST_OUTPUT"], "screenshots"))
    try:
        page.sign_in(*people["editor"])
        page.go("/budgets/new")
        page.find("#name").click()
        order = []
        for _ in range(12):
            element = driver.switch_to.active_element.get_attribute("id")
            if not order or order[-1] != element:  # a month input takes one Tab per part
                order.append(element)
            driver.switch_to.active_element.send_keys(Keys.TAB)
        assert order[:7] == ["name", "cspConnectionId", "timeRange", "startMonth", "renewalType", "budgetType", "amount"]
    finally:
        driver.quit()


def test_a_failed_form_keeps_its_rows_says_the_limits_and_errors_keep_the_header(page, people, tenant):
    page.sign_in(*people["editor"])
    page.go("/budgets/new")
    before = len(page.all(".rule-row"))
    page.type("#name", "A name of twenty-six chars")  # 26 characters: not cut by the browser, refused by the server
    page.select("#cspConnectionId", visible_text="Production AWS Account (USD)")
    page.type("#amount", "1.234,56")
    page.submit()
    assert page.value("#name") == "A name of twenty-six chars"
    assert "at most 25 characters (it has 26)" in page.text()
    assert "use a dot for decimals: 1234.56" in page.text()
    assert len(page.all(".rule-row")) == before, "a failed submit adds no empty threshold rows"
    assert page.path == "/budgets/new", "the address bar holds the form's page, so a reload does not post again"
    page.driver.refresh()
    assert page.path == "/budgets/new" and page.value("#name") == "", "a reload shows the empty form, without re-posting"
    page.type("#name", "A name of twenty-six chars")
    page.select("#cspConnectionId", visible_text="Production AWS Account (USD)")
    page.submit()
    page.type("#amount", "1e3")
    page.submit()
    assert "must be written out in digits" in page.text() and len(page.all(".rule-row")) == before
    # A 404 inside the site still shows who is signed in.
    page.go("/budgets/00000000-0000-4000-8000-000000000000")
    assert "404" in page.text() and people["editor"][0] in page.text("header") and "Sign out" in page.text("header")
    page.shot("19 not found signed in")


def test_a_budget_without_thresholds_is_saved_only_once_confirmed(page, people, tenant):
    page.sign_in(*people["editor"])
    page.go("/budgets/new")
    assert "actual spend" in page.text("#rules") and "Recurring: a new period starts" in page.text()
    # No connection's services before one is chosen; then only its own.
    assert page.find("#services-choose-first").is_displayed()
    assert not [box for box in page.all("input[name=serviceIds]") if box.is_displayed()]
    page.type("#name", "Silent budget")
    page.select("#cspConnectionId", visible_text="Production AWS Account (USD)")
    assert not page.find("#services-choose-first").is_displayed()
    visible = [box.get_attribute("value") for box in page.all("input[name=serviceIds]") if box.is_displayed()]
    assert sorted(visible) == sorted(tenant.services.values()), visible
    page.type("#amount", "90")
    for i in range(4):
        page.type(f"#rule-{i}-percentage", "")
    page.submit()
    assert "nobody will be alerted" in page.text("#no-thresholds")
    assert page.value("#name") == "Silent budget" and page.value("#amount") == "90"
    page.shot("18 no thresholds asked")
    page.find("input[name=withoutThresholds]").click()
    page.submit()
    assert "Budget created." in page.text()
    assert "Silent budget" in page.text("h1")
