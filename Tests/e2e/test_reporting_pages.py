"""The report pages in a real browser, as an admin of the demo: Reports → June 2025 with its
figures, charts and CSV downloads, an explanation written as an editor, the print preview as an A4
PDF (its pages as PNG in test-output/), the daily dashboard, the weekly summary, the subscriptions
page, and a phone."""
import csv
import glob
import io
import os
import subprocess
import urllib.request
import uuid

import pytest

import browser

PASSWORD = "a reports pages passphrase"


@pytest.fixture(scope="module")
def demo_admin(budgetd_bin):
    admin = f"pages-admin-{uuid.uuid4().hex[:6]}@distronation.example"
    subprocess.run([budgetd_bin, "user", "add", "--organization", "Distro Nation", "--role", "admin", "--email", admin],
                   input=PASSWORD + "\n", text=True, check=True, capture_output=True, timeout=60)
    subprocess.run([budgetd_bin, "demo", "load", "--admin", admin], check=True, capture_output=True, timeout=300)
    return admin


def download(page, href):
    """Fetches a link with the browser's session cookie, as the download would."""
    cookies = "; ".join(f"{c['name']}={c['value']}" for c in page.driver.get_cookies())
    request = urllib.request.Request(page.base + href, headers={"Cookie": cookies})
    with urllib.request.urlopen(request) as response:
        return response.headers, response.read().decode("utf-8")


def test_an_admin_reads_june_2025_downloads_its_csv_and_prints_it(page, demo_admin):
    page.sign_in(demo_admin, PASSWORD)
    page.click("nav a[href='/reports']")
    assert page.path == "/reports"
    page.shot("reports 01 index")
    page.click("a[href='/reports/monthly/2025-06']")
    assert page.path == "/reports/monthly/2025-06"
    text = page.text()
    assert "Monthly financial report, June 2025" in text
    for figure in ("Production AWS Account", "$314.54", "EC2 - NAT Gateway", "$97.42", "Amazon Aurora PostgreSQL", "$58.76"):
        assert figure in text, figure
    # Every budget with its variance and size, and the rule said in one sentence.
    row = page.find("#budget-" + page.find("tr[data-budget='Production AWS']").get_attribute("data-id")).text
    assert "$350.00" in row and "$314.54" in row and "medium" in row and "−$35.46" in row.replace("-$", "−$")
    assert "The organization's budget is, for each connection" in text
    # The demo's dimensions fill the framework's allocation sections, to the report's own total.
    assert "Department cost allocation" in text and "Project cost attribution" in text
    allocation = page.text("table.allocation")
    assert "engineering" in allocation and "product" in allocation
    # Three server-drawn charts, each titled and described, with the same figures in a table.
    charts = page.all("svg.chart")
    assert len(charts) == 3
    for chart in charts:
        assert chart.get_attribute("role") == "img" and chart.get_attribute("aria-labelledby")
    assert page.driver.execute_script("return document.scripts.length") <= 1
    page.shot("reports 02 june 2025")

    headers, body = download(page, page.find("a[href$='services.csv']").get_attribute("href").removeprefix(page.base))
    assert headers["Content-Type"].startswith("text/csv") and "attachment" in headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(body)))
    assert round(sum(float(r["Cost"]) for r in rows if r["Connection"] == "Production AWS Account"), 2) == 314.54
    _, body = download(page, page.find("a[href$='budgets.csv']").get_attribute("href").removeprefix(page.base))
    assert any(r["Budget"] == "Production AWS" and r["Size"] == "medium" for r in csv.DictReader(io.StringIO(body)))

    # The print preview: an A4 PDF without navigation or forms, its pages as PNG in test-output/.
    from selenium.webdriver.common.print_page_options import PrintOptions
    options = PrintOptions()
    options.page_width, options.page_height = 21.0, 29.7
    options.background = True
    import base64
    pdf = base64.b64decode(page.driver.print_page(options))
    output = os.path.join(os.environ["BUDGETD_TEST_OUTPUT"], "print")
    os.makedirs(output, exist_ok=True)
    path = os.path.join(output, "monthly-report-2025-06.pdf")
    with open(path, "wb") as f:
        f.write(pdf)
    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert 2 <= pages <= 12, info
    size = next(line for line in info.splitlines() if line.startswith("Page size:"))
    assert "(A4)" in size, size
    printed = subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True, check=True).stdout
    assert "Monthly financial report, June 2025" in printed and "$314.54" in printed
    for absent in ("Sign out", "Save the explanation", "Download:", "Issue June 2025"):
        assert absent not in printed, absent
    for old in glob.glob(os.path.join(output, "monthly-report-2025-06-*.png")):
        os.remove(old)
    subprocess.run(["pdftoppm", "-png", "-r", "60", path, os.path.join(output, "monthly-report-2025-06")], check=True)
    assert len(glob.glob(os.path.join(output, "monthly-report-2025-06-*.png"))) == pages


def test_an_editor_explains_a_variance_and_a_viewer_reads_it(page, demo_admin):
    page.sign_in("editor@distronation.example", "demo")
    page.go("/reports/monthly/2025-06")
    budget_id = page.find("tr[data-budget='Airtable API']").get_attribute("data-id")
    page.find(f"details.explain[data-id='{budget_id}'] summary").click()
    page.type(f"#explanation-{budget_id}", "Exactly on plan: a fixed subscription.")
    page.click(f"form[action$='/budgets/{budget_id}/explanation'] button[type=submit]")
    assert page.path.startswith("/reports/monthly/2025-06")
    assert "Exactly on plan: a fixed subscription." in page.text()
    assert "editor@distronation.example" in page.text()
    # Too long: the form comes back with the text kept and the error beside the field.
    page.find(f"details.explain[data-id='{budget_id}'] summary").click()
    page.type(f"#explanation-{budget_id}", "x" * 10)
    page.driver.execute_script(f"document.getElementById('explanation-{budget_id}').removeAttribute('maxlength');"
                               f"document.getElementById('explanation-{budget_id}').value = 'y'.repeat(2001);")
    page.click(f"form[action$='/budgets/{budget_id}/explanation'] button[type=submit]")
    assert "at most 2000 characters" in page.text()
    assert page.value(f"#explanation-{budget_id}") == "y" * 2001
    page.shot("reports 03 explanation error")
    assert not page.all("form.issue-form"), "editors do not issue"

    viewer = browser.Browser(browser.start(), page.base, page.output)
    try:
        viewer.sign_in("viewer@distronation.example", "demo")
        viewer.go("/reports/monthly/2025-06")
        assert "Exactly on plan: a fixed subscription." in viewer.text()
        assert not viewer.all("details.explain") and not viewer.all("form.issue-form")
    finally:
        viewer.driver.quit()


def test_the_dashboard_weekly_summary_subscriptions_and_a_phone(page, demo_admin):
    page.sign_in(demo_admin, PASSWORD)
    assert page.path == "/budgets" or page.path == "/"
    page.go("/")
    assert "Today so far (USD)" in page.text() and "Partial" in page.text()
    page.go("/reports/daily")
    text = page.text()
    assert "Partial:" in text and "Top 5 cost drivers" in text
    assert len(page.all("section h3 + .table-wrap tbody tr")) >= 1
    assert page.find("time").get_attribute("datetime")
    page.shot("reports 04 daily dashboard")
    page.go("/reports/daily?date=2025-06-15")
    assert "Daily cost dashboard, 15 Jun 2025" in page.text() and "Partial" not in page.text()
    page.go("/reports/weekly/2025-W25")
    assert "16 Jun 2025" in page.text() and "Rose most" in page.text()
    page.shot("reports 05 weekly summary")

    page.go("/reports/subscriptions")
    address = f"board-{uuid.uuid4().hex[:6]}@distronation.example"
    page.type("#email", "not an address")
    page.select("#report", value="weekly")
    page.submit("form.stacked")
    assert page.all(".field-error") and page.value("#email") == "not an address", page.text()
    page.type("#email", address)
    page.submit("form.stacked")
    assert address in page.text()
    page.shot("reports 06 subscriptions")
    page.click(f"form[data-email='{address}'] button[type=submit]")
    assert address not in page.text()

    phone = browser.Browser(browser.start(width=390, height=844), page.base, page.output)
    try:
        phone.sign_in(demo_admin, PASSWORD)
        for path, name in [("/reports/monthly/2025-06", "reports 07 phone monthly"), ("/reports/daily", "reports 08 phone daily")]:
            phone.go(path)
            overflow = phone.driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"{path} scrolls sideways by {overflow}px (wide tables scroll inside their own box)"
            phone.shot(name)
    finally:
        phone.driver.quit()
