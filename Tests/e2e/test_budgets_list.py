"""The budget list with many budgets: search, status, order and pages, in the API and on the page
(headless Chromium), with the same budgets and the same figures in both."""
import uuid

import pytest

from tenants import create_tenant


@pytest.fixture(scope="module")
def tenant(client, platform):
    tenant = create_tenant(client, platform, "List")
    for i in range(62):
        r = client.post("/api/budgets", {
            "organizationId": tenant.organization_id, "cspConnectionId": tenant.connection_id,
            "name": f"Team {i:02d}" if i % 10 else f"Équipe {i:02d}", "timeRange": "monthly", "renewalType": "recurring",
            "startMonth": "2025-06-01", "budgetType": "fixed", "amount": 100 + i,
        }, token=tenant.admin)
        assert r.status == 201, r.text
    return tenant


@pytest.fixture(scope="module")
def viewer(client, tenant):
    email, password = f"viewer-{uuid.uuid4().hex[:6]}@list.example", "correct horse battery staple"
    assert client.post("/api/users", {"email": email, "password": password, "role": "viewer"}, token=tenant.admin).status == 201
    return email, password


def names(response):
    assert response.status == 200, response.text
    return [b["name"] for b in response.json()["budgets"]]


def test_the_list_api_searches_filters_orders_and_pages(client, tenant):
    everything = client.get("/api/budgets", token=tenant.admin).json()
    assert everything["totalBudgets"] == 62 and len(everything["budgets"]) == 62
    assert everything["offset"] == 0 and everything["limit"] is None
    # A page of 25 from the 50th, by amount descending: totals stay those of every match.
    r = client.get("/api/budgets?sort=-amount&limit=25&offset=50", token=tenant.admin)
    body = r.json()
    assert [b["amount"] for b in body["budgets"]] == [float(161 - i) for i in range(50, 62)]
    assert body["totalBudgets"] == 62 and body["limit"] == 25 and body["offset"] == 50
    assert body["totalAllocatedAmount"] == everything["totalAllocatedAmount"]
    # Pages in a row cover every budget once.
    seen = []
    for offset in range(0, 62, 20):
        seen += names(client.get(f"/api/budgets?limit=20&offset={offset}", token=tenant.admin))
    assert seen == names(client.get("/api/budgets", token=tenant.admin)) and len(set(seen)) == 62
    # The search ignores case and accents; the totals are the matches'.
    r = client.get("/api/budgets?q=EQUIPE", token=tenant.admin)
    assert names(r) == [f"Équipe {i:02d}" for i in range(0, 62, 10)]
    assert r.json()["totalBudgets"] == 7 and r.json()["totalAllocatedAmount"] == sum(100 + i for i in range(0, 62, 10))
    assert names(client.get("/api/budgets?status=exceeded", token=tenant.admin)) == []
    assert len(names(client.get("/api/budgets?status=active&q=team", token=tenant.admin))) == 55
    # The spec's organization-scoped list takes the same parameters.
    r = client.get(f"/api/budgets/organization/{tenant.organization_id}?q=%C3%A9quipe&sort=-name&limit=2", token=tenant.admin)
    assert names(r) == ["Équipe 60", "Équipe 50"] and r.json()["totalBudgets"] == 7


def test_parameters_that_are_not_understood_are_refused_by_name(client, tenant):
    for query, field in (("sort=cost", "sort"), ("status=late", "status"), ("limit=0", "limit"), ("limit=501", "limit"),
                         ("offset=-1", "offset"), ("q=" + "x" * 101, "q")):
        r = client.get(f"/api/budgets?{query}", token=tenant.admin)
        assert r.status == 400, (query, r.text)
        assert [e["field"] for e in r.json()["fieldErrors"]] == [field], r.text


def test_the_page_searches_orders_and_pages_like_the_api(page, viewer, client, tenant):
    page.sign_in(*viewer)
    assert "Showing 1–50 of 62 budgets" in page.text(".paging")
    rows = page.all("table.budget-list tbody tr")
    assert len(rows) == 50
    api = names(client.get("/api/budgets?limit=50", token=tenant.admin))
    assert [r.find_element("css selector", "td a").text for r in rows] == api
    page.click("a[rel=next]")
    assert "Showing 51–62 of 62 budgets" in page.text(".paging")
    assert len(page.all("table.budget-list tbody tr")) == 12
    page.shot("30 budget list page 2")
    # Search and order through the form; the next page keeps them.
    page.go("/budgets")
    page.type("#q", "team")
    page.select("#sort", value="-amount")
    page.submit("form.filter")
    assert page.value("#q") == "team"
    assert "Showing 1–50 of 55 matching budgets" in page.text(".paging")
    first = [r.find_element("css selector", "td a").text for r in page.all("table.budget-list tbody tr")]
    assert first == names(client.get("/api/budgets?q=team&sort=-amount&limit=50", token=tenant.admin))
    page.click("a[rel=next]")
    assert "q=team" in page.path and "sort=-amount" in page.path
    assert "Showing 51–55 of 55 matching budgets" in page.text(".paging")
    page.shot("31 budget list searched")
    # Nothing found says so, with a way back.
    page.go("/budgets?q=nothing-like-this")
    assert "No budget matches this search" in page.text()
    # A hand-edited address with an order that does not exist is a 400 that names it.
    page.go("/budgets?sort=cost")
    assert "sort" in page.text() and "must be one of" in page.text()


def test_a_deletion_names_the_budget_and_can_be_undone(page, client, tenant):
    r = client.post("/api/budgets", {
        "organizationId": tenant.organization_id, "cspConnectionId": tenant.connection_id, "name": "Deleted by mistake",
        "timeRange": "monthly", "renewalType": "recurring", "startMonth": "2025-06-01", "budgetType": "fixed", "amount": 75,
    }, token=tenant.admin)
    budget_id = r.json()["id"]
    page.sign_in(tenant.emails["admin"], tenant.password)
    page.go(f"/budgets/{budget_id}/delete")
    page.click("form.actions button.danger")
    assert page.path == f"/budgets?deleted={budget_id}"
    assert "Deleted “Deleted by mistake”." in page.text(".notice.undo")
    assert client.get(f"/api/budgets/{budget_id}", token=tenant.admin).status == 404
    page.shot("32 budget deleted with undo")
    page.click(".notice.undo button")
    assert page.path == f"/budgets/{budget_id}"
    assert "Budget restored" in page.text(".notice")
    assert client.get(f"/api/budgets/{budget_id}", token=tenant.admin).json()["version"] == 3
    history = client.get(f"/api/budgets/{budget_id}/history", token=tenant.admin).json()["history"]
    assert [h["action"] for h in history][:2] == ["restored", "deleted"]
    # Once restored, the old address offers nothing to undo.
    page.go(f"/budgets?deleted={budget_id}")
    assert not page.all(".notice.undo")


def test_tables_that_may_scroll_can_be_reached_and_scrolled_by_keyboard(page, client, tenant):
    budget_id = client.get("/api/budgets?limit=1", token=tenant.admin).json()["budgets"][0]["id"]
    page.sign_in(tenant.emails["admin"], tenant.password)
    for path in ("/budgets", f"/budgets/{budget_id}", "/api/docs"):
        page.go(path)
        wraps = page.all(".table-wrap")
        assert wraps, path
        for wrap in wraps:
            assert wrap.get_attribute("tabindex") == "0" and wrap.get_attribute("role") == "region", (path, wrap.get_attribute("outerHTML")[:120])
            assert wrap.get_attribute("aria-label") or wrap.get_attribute("aria-labelledby"), (path, wrap.get_attribute("outerHTML")[:120])


CONTRAST = """
function lum(rgb) {
  const [r, g, b] = rgb.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number).map(v => v / 255)
    .map(c => c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function ratio(a, b) { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); }
function background(element) {
  for (let e = element; e; e = e.parentElement) {
    const c = getComputedStyle(e).backgroundColor;
    if (c && c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') return c;
  }
  return 'rgb(255, 255, 255)';
}
"""


def test_meters_and_the_focus_ring_stand_out_at_three_to_one(page, tenant):
    """WCAG 1.4.11: a meter's track and the focus indicator against what surrounds them."""
    page.sign_in(tenant.emails["admin"], tenant.password)
    track = page.driver.execute_script(CONTRAST + """
        const t = document.querySelector('svg.meter .track');
        return ratio(getComputedStyle(t).stroke, background(t.closest('td')));""")
    assert track >= 3, track
    for selector in ("table.budget-list td a", "#q", "header a"):
        best = page.driver.execute_script(CONTRAST + """
            const e = document.querySelector(arguments[0]);
            e.focus();
            const s = getComputedStyle(e);
            const rings = [s.outlineColor, (s.boxShadow.match(/rgba?\\([^)]*\\)/) || [s.outlineColor])[0]];
            const around = background(e.parentElement);
            return Math.max(...rings.map(c => ratio(c, around)));""", selector)
        assert best >= 3, (selector, best)


def test_each_page_has_one_main_heading_and_no_level_skipped(page, client, tenant):
    budget_id = client.get("/api/budgets?limit=1", token=tenant.admin).json()["budgets"][0]["id"]
    page.sign_in(tenant.emails["admin"], tenant.password)
    for path in ("/", "/budgets", "/budgets/new", f"/budgets/{budget_id}", f"/budgets/{budget_id}/edit", "/connections", "/reports",
                 "/reports/monthly/2025-06", "/reports/daily", "/api/docs"):
        page.go(path)
        levels = page.driver.execute_script("return [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => +h.tagName[1])")
        assert levels.count(1) == 1, (path, levels)
        assert all(b <= a + 1 for a, b in zip([0] + levels, levels)), (path, levels)
