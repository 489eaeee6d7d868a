"""A 390×844 phone, as a viewer of the demo reads it: no page scrolls sideways, the budget list shows each
budget's name, status and share used as a card, and a table too wide for the screen scrolls inside its
own box by keyboard. Screenshots of each page go to test-output/screenshots/."""
import os

import pytest
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

import browser

WIDTH, HEIGHT = 390, 844


@pytest.fixture
def phone():
    driver = browser.start(width=WIDTH, height=HEIGHT)
    yield browser.Browser(driver, os.environ["BUDGETD_URL"], os.path.join(os.environ["BUDGETD_TEST_OUTPUT"], "screenshots"))
    driver.quit()


def sideways(page):
    """How far the page is wider than the window, in CSS pixels (0 or less: it does not scroll sideways)."""
    return page.driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")


def test_the_phone_is_390_pixels_wide(phone):
    """Headless Chromium opens no narrower than 500 px unless told again: the tests below would then prove nothing."""
    phone.go("/login")
    assert phone.driver.execute_script("return window.innerWidth") == WIDTH


def test_no_page_scrolls_sideways(phone, demo_budget):
    """A viewer's pages (the list, a budget, connections, the reports, tag compliance, the account) and the API reference."""
    phone.go("/api/docs")
    assert sideways(phone) <= 0, "/api/docs, signed out"
    phone.sign_in("viewer@distronation.example", "demo")
    for path, name in [("/budgets", "list"), (f"/budgets/{demo_budget}", "budget"), ("/connections", "connections"),
                       ("/reports", "reports"), ("/reports/monthly/2025-06", "monthly"), ("/reports/weekly/2025-W25", "weekly"),
                       ("/reports/daily", "daily"), ("/allocation", "tag compliance"), ("/allocation/chargeback", "chargeback"),
                       ("/account", "account"),
                       ("/api/docs", "api reference")]:
        phone.go(path)
        assert sideways(phone) <= 0, f"{path} scrolls sideways by {sideways(phone)} px"
        phone.shot(f"phone {name}")
        phone.driver.set_window_size(WIDTH, HEIGHT)  # shot() makes the window as tall as the page


def test_an_admin_s_pages_fit_the_screen(phone, demo_account, demo_budget, demo_import):
    """The budget form, delete, connections with their forms, an import, users and subscriptions, which a viewer does not see."""
    phone.sign_in(*demo_account)
    for path in ("/budgets/new", f"/budgets/{demo_budget}/edit", f"/budgets/{demo_budget}/delete", "/connections", demo_import,
                 "/users", "/webhooks", "/allocation/tag-policy", "/reports/subscriptions"):
        phone.go(path)
        assert sideways(phone) <= 0, f"{path} scrolls sideways by {sideways(phone)} px"


IN_VIEW = """
const r = arguments[0].getBoundingClientRect(), s = getComputedStyle(arguments[0]);
return r.width > 0 && r.height > 0 && r.left >= 0 && r.right <= document.documentElement.clientWidth
  && s.visibility === 'visible' && s.display !== 'none';
"""


def test_the_list_keeps_each_budget_s_name_status_and_used_in_view(phone, demo_account):
    """Each budget is a card: its name, its status and its share used (meter and figure) show without scrolling sideways."""
    phone.sign_in("viewer@distronation.example", "demo")
    phone.go("/budgets")
    rows = phone.all("table.budget-list tbody tr")
    assert len(rows) >= 5
    for row in rows:
        name = row.find_element("css selector", "td.name a")
        for part in (name, row.find_element("css selector", ".badge"), row.find_element("css selector", "svg.meter"),
                     row.find_element("css selector", ".meter-label")):
            assert phone.driver.execute_script(IN_VIEW, part), (name.text, part.get_attribute("outerHTML")[:100])
    # Each figure is named in the card, as the table's header (hidden on a phone) names it for screen readers.
    labels = phone.driver.execute_script("""return [...document.querySelectorAll('table.budget-list tbody tr:first-child td')]
        .map(td => getComputedStyle(td, '::before').content)""")
    assert any("Used" in label for label in labels) and any("Spent" in label for label in labels), labels
    assert [h.get_attribute("textContent") for h in phone.all("table.budget-list thead th")][:2] == ["Name", "Connection"]
    phone.shot("phone list cards")


def test_a_table_wider_than_the_screen_scrolls_by_keyboard(phone, demo_account):
    """The monthly report's budget table does not fit 390 px: it is focused with Tab and scrolled with the arrow keys."""
    phone.sign_in("viewer@distronation.example", "demo")
    phone.go("/reports/monthly/2025-06")
    wide = [w for w in phone.all(".table-wrap") if phone.driver.execute_script("return arguments[0].scrollWidth > arguments[0].clientWidth", w)]
    assert wide, "some table is wider than a phone"
    wrap = wide[0]
    for _ in range(300):  # Tab from the top of the page until the region has the focus
        if phone.driver.switch_to.active_element == wrap:
            break
        phone.driver.switch_to.active_element.send_keys(Keys.TAB)
    assert phone.driver.switch_to.active_element == wrap, "Tab reaches the table's region"
    wrap.send_keys(Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT)
    WebDriverWait(phone.driver, 5).until(lambda d: d.execute_script("return arguments[0].scrollLeft", wrap) > 0)
    phone.shot("phone monthly table scrolled")
