"""axe-core in headless Chromium on every page the product shows, at 1366×900 and at a 390×844 phone's
size: no violation of impact serious or critical. Each test walks the pages of one person (signed out,
an admin of the demo, a viewer, a new organization's admin) and fails once, naming every page, rule
and element found, so that one run shows all there is to fix."""
import datetime
import uuid

from accessibility import blocking
from tenants import create_tenant

NOT_FOUND = "/budgets/00000000-0000-4000-8000-000000000000"


def walk(page, steps):
    """Runs each (name, path or function) step and gathers the blocking violations of the page it leaves shown."""
    found = []
    size = page.driver.get_window_size()
    for name, step in steps:
        page.go(step) if isinstance(step, str) else step(page)
        found += blocking(page.driver, f"{name} ({page.path}, {size['width']}×{size['height']})")
    return found


def failed_sign_in(page):
    page.sign_in(f"nobody-{uuid.uuid4().hex[:6]}@example.com", "not the password")  # a new address: no lockout
    assert "wrong" in page.text(".notice.error")


def reset_asked(page):
    page.go("/password/forgot")
    page.type("#email", f"forgetful-{uuid.uuid4().hex[:6]}@example.com")
    page.submit()
    assert page.all("#reset-sent")


def nginx_bad_request(page):
    page.go("/budgets/%zz")
    assert page.driver.title.startswith("Bad Request"), "nginx's own page, not the worker's"


def months_ago(n):
    """`YYYY-MM` of the month n months before this one."""
    today = datetime.date.today()
    total = today.year * 12 + today.month - 1 - n
    return f"{total // 12:04d}-{total % 12 + 1:02d}"


def test_the_check_finds_what_it_should(page):
    """The check itself: an image without a text alternative and a field without a label are reported."""
    page.go("/login")
    page.driver.execute_script("document.querySelector('main').insertAdjacentHTML('beforeend', "
                               "'<img src=\"/static/favicon.svg\"><input type=\"text\" name=\"x\">')")
    found = "\n".join(blocking(page.driver, "sign in, spoilt"))
    assert "critical image-alt" in found and "critical label" in found, found


def test_the_signed_out_pages(sized_page):
    """The start page, sign-in (also refused), a forgotten password, the API reference and the error pages."""
    found = walk(sized_page, [
        ("home", "/"), ("sign in", "/login"), ("sign in refused", failed_sign_in), ("forgotten password", "/password/forgot"),
        ("reset asked", reset_asked), ("dead password link", "/password/new?token=" + "x" * 43), ("API reference", "/api/docs"),
        ("404 signed out", "/no-such-page"), ("nginx's 400", nginx_bad_request),
    ])
    assert not found, "\n".join(found)


def test_an_admin_s_pages(sized_page, demo_account, demo_budget, demo_import):
    """Every page an admin of the demo reaches, the forms also as they come back with errors."""
    def new_form_with_errors(page):
        page.go("/budgets/new")
        page.type("#name", "   ")
        page.select("#cspConnectionId", value=page.all("#cspConnectionId option")[1].get_attribute("value"))
        page.type("#amount", "1.234,56")
        page.submit()
        assert page.all("#error-summary")

    def edit_form_with_errors(page):
        page.go(f"/budgets/{demo_budget}/edit")
        page.type("#amount", "1e3")
        page.submit()
        assert page.all("#error-summary")

    def subscription_refused(page):
        page.go("/reports/subscriptions")
        page.type("#email", "not an address")
        page.submit("form.stacked")
        assert page.all(".field-error")

    def explanation_open(page):
        page.go("/reports/monthly/2025-06")
        page.find("details.explain summary").click()

    def invitation_refused(page):
        page.go("/users")
        page.type("#email", "not an address")
        page.submit("form[action='/users']")
        assert page.all(".field-error")

    def connection_refused_with_forms_open(page):
        page.go("/connections")
        page.type("#new-name", "")
        page.type("#new-currency", "dollars")
        page.submit("form[action='/connections']")
        assert page.all(".field-error")
        for summary in page.all(".connection details summary"):
            summary.click()

    def issued_statement(page):
        page.go(f"/allocation/chargeback?dimension=Department&month={months_ago(2)}")
        page.click("section[aria-labelledby=issued-heading] ul a")
        assert page.path.startswith("/allocation/statements/")

    sized_page.sign_in(*demo_account)
    found = walk(sized_page, [
        ("home signed in", "/"), ("budget list", "/budgets"), ("budget list searched", "/budgets?q=aws&sort=-amount"),
        ("nothing found", "/budgets?q=nothing-like-this"), ("400 with field errors", "/budgets?sort=cost"),
        ("budget page", f"/budgets/{demo_budget}"), ("new budget form", "/budgets/new"),
        ("new budget form with errors", new_form_with_errors), ("edit form", f"/budgets/{demo_budget}/edit"),
        ("edit form with errors", edit_form_with_errors), ("delete confirmation", f"/budgets/{demo_budget}/delete"),
        ("connections", "/connections"), ("connection refused, forms open", connection_refused_with_forms_open),
        ("an import", demo_import), ("users", "/users"), ("invitation refused", invitation_refused), ("account", "/account"),
        ("tag compliance", "/allocation"), ("tag policy", "/allocation/tag-policy"),
        ("chargeback", "/allocation/chargeback"), ("project chargeback", "/allocation/chargeback?dimension=Project"),
        ("issued statement", issued_statement), ("reports", "/reports"), ("monthly report", "/reports/monthly/2025-06"),
        ("monthly report, explanation open", explanation_open), ("monthly report without figures", "/reports/monthly/2019-01"),
        ("weekly summary", "/reports/weekly/2025-W25"), ("daily dashboard", "/reports/daily"),
        ("daily dashboard of a past day", "/reports/daily?date=2025-06-15"), ("report subscriptions", "/reports/subscriptions"),
        ("subscription refused", subscription_refused), ("API reference signed in", "/api/docs"), ("404 signed in", NOT_FOUND),
    ])
    assert not found, "\n".join(found)


def test_a_viewer_s_pages(sized_page, demo_account, demo_budget):
    """A viewer's list, budget and report, and the 403 of the pages a viewer may not open."""
    sized_page.sign_in("viewer@distronation.example", "demo")
    found = walk(sized_page, [
        ("viewer's list", "/budgets"), ("viewer's budget page", f"/budgets/{demo_budget}"),
        ("viewer's monthly report", "/reports/monthly/2025-06"), ("viewer's chargeback", "/allocation/chargeback"),
        ("403 new budget", "/budgets/new"),
        ("403 subscriptions", "/reports/subscriptions"), ("viewer's account", "/account"),
    ])
    assert not found, "\n".join(found)


def test_a_new_organization_s_pages(sized_page, client, platform):
    """The empty states of an organization without budgets, imports or webhooks, the list's undo after a
    deletion, and its webhooks: refused, registered with the secret shown once, and one's deliveries."""
    tenant = create_tenant(client, platform, "Axe")
    r = client.post("/api/budgets", {
        "organizationId": tenant.organization_id, "cspConnectionId": tenant.connection_id, "name": "Deleted for the notice",
        "timeRange": "monthly", "renewalType": "recurring", "startMonth": "2025-06-01", "budgetType": "fixed", "amount": 75,
    }, token=tenant.admin)
    assert r.status == 201, r.text
    budget_id = r.json()["id"]

    def deleted_with_undo(page):
        page.go(f"/budgets/{budget_id}/delete")
        page.click("form.actions button.danger")
        assert page.all(".notice.undo button")

    def webhook_refused(page):
        page.go("/webhooks")
        page.type("#url", "ftp://hooks.example.com/budgets")
        page.submit()
        assert page.all(".field-error")

    def webhook_registered(page):  # for an event nothing in this test sends: no delivery is tried
        page.go("/webhooks")
        page.type("#url", "https://hooks.example.com/budgets")
        page.click("#event-BudgetThresholdExceededEvent")
        page.submit()
        assert page.all("#webhook-secret")

    def webhook_deliveries(page):
        page.click("a[href^='/webhooks/']")
        assert page.path.startswith("/webhooks/")

    sized_page.sign_in(tenant.emails["admin"], tenant.password)
    found = walk(sized_page, [
        ("list with one budget", "/budgets"), ("list after a deletion", deleted_with_undo), ("empty list", "/budgets"),
        ("connections without imports", "/connections"), ("reports without figures", "/reports"),
        ("report subscriptions, none yet", "/reports/subscriptions"), ("webhooks, none yet", "/webhooks"),
        ("webhook refused", webhook_refused), ("webhook registered, its secret shown", webhook_registered),
        ("a webhook's deliveries", webhook_deliveries), ("webhooks", "/webhooks"),
    ])
    assert not found, "\n".join(found)
