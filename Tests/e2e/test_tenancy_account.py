"""Times in the reader's zone: the browser sends its own once, the person may choose another on
the account page or over the API, and every time on a page says its offset from UTC."""
import re
import uuid

import pytest

from conftest import wait_until
from tenants import create_tenant, login


@pytest.fixture(scope="module")
def tenant(client, platform):
    return create_tenant(client, platform, "Zones")


def new_user(client, tenant):
    email = f"zoned-{uuid.uuid4().hex[:8]}@zones.example"
    r = client.post("/api/users", {"email": email, "role": "viewer", "password": "a long enough password"}, token=tenant.admin)
    assert r.status == 201, r.text
    return email, login(client, email, "a long enough password")


def test_the_browser_sends_its_zone_once_and_pages_write_times_in_it(page, client, tenant):
    email, token = new_user(client, tenant)
    assert client.get("/api/me", token=token).json()["timeZone"] is None
    page.driver.execute_cdp_cmd("Emulation.setTimezoneOverride", {"timezoneId": "Asia/Kolkata"})
    page.sign_in(email, "a long enough password")
    # Chromium names India's zone by its older IANA alias; both are the same zone.
    india = ("Asia/Kolkata", "Asia/Calcutta")
    assert wait_until(lambda: client.get("/api/me", token=token).json()["timeZone"] in india)
    page.go("/account")
    assert re.search(r"it is now \d+ \w+ \d{4}, \d\d:\d\d UTC\+5:30", page.text("main")), page.text("main")
    assert page.find("#timeZone option:checked").get_attribute("value") in india
    # Another browser elsewhere does not override it.
    page.driver.execute_cdp_cmd("Emulation.setTimezoneOverride", {"timezoneId": "America/New_York"})
    page.go("/budgets")
    page.go("/account")
    assert client.get("/api/me", token=token).json()["timeZone"] in india


def test_a_person_chooses_a_zone_on_the_account_page(page, client, tenant):
    email, token = new_user(client, tenant)
    page.sign_in(email, "a long enough password")
    page.go("/account")
    page.select("#timeZone", value="America/New_York")
    page.submit()
    assert "Your settings were saved" in page.text(".notice")
    assert client.get("/api/me", token=token).json()["timeZone"] == "America/New_York"
    assert re.search(r"UTC-[45]\b", page.text("main"))
    page.shot("account-time-zone")


def test_the_api_sets_and_clears_ones_zone(client, tenant):
    _, token = new_user(client, tenant)
    r = client.patch("/api/me", {"timeZone": "Europe/Paris"}, token=token)
    assert r.status == 200 and r.json()["timeZone"] == "Europe/Paris"
    r = client.patch("/api/me", {"timeZone": "Mars/Olympus_Mons"}, token=token)
    assert r.status == 400 and r.json()["fieldErrors"][0]["field"] == "timeZone"
    assert client.patch("/api/me", {"timeZone": ""}, token=token).status == 400
    assert client.get("/api/me", token=token).json()["timeZone"] == "Europe/Paris", "a refused change changed nothing"
    r = client.patch("/api/me", {"timeZone": None}, token=token)
    assert r.status == 200 and r.json()["timeZone"] is None
