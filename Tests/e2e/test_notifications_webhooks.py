"""Webhooks in the browser and their deliveries over the API, through nginx with a real receiver on
127.0.0.1: an admin registers one on the page and sees its signing secret once, an event reaches the
receiver signed with it, and the page and the API show the delivery; a failing receiver shows its
last error; only admins see webhooks, and only their own organization's."""
import json
import uuid

import pytest

from conftest import wait_until
from tenants import create_tenant, spec_request
from webhooks import Receiver, verify


@pytest.fixture(scope="module")
def tenant(client, platform):
    return create_tenant(client, platform, "Hooks")


@pytest.fixture
def receiver():
    receiver = Receiver()
    yield receiver
    receiver.shutdown()


def create_budget(client, tenant):
    """A budget; its creation is a BudgetCreatedEvent for every webhook that asked for it."""
    body = spec_request(tenant, name=f"Hooked {uuid.uuid4().hex[:8]}", selectedServiceIds=[], thresholdRules=[], alertRecipients=[])
    r = client.post("/api/budgets", body, token=tenant.token("editor"))
    assert r.status == 201, r.text
    return r.json()


def register(client, tenant, url, events=("BudgetCreatedEvent",)):
    r = client.post("/api/webhooks", {"url": url, "events": list(events)}, token=tenant.admin)
    assert r.status == 201, r.text
    return r.json()


def deliveries(client, tenant, webhook_id, **query):
    suffix = "?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else ""
    r = client.get(f"/api/webhooks/{webhook_id}/deliveries{suffix}", token=tenant.admin)
    assert r.status == 200, r.text
    return r.json()["deliveries"]


def test_an_admin_registers_a_webhook_on_the_page_sees_the_secret_once_and_its_delivery(page, client, tenant, receiver):
    page.sign_in(tenant.emails["admin"], tenant.password)
    page.click("a[href='/webhooks']")
    assert page.path == "/webhooks"
    page.type("#url", receiver.url)
    page.click("#event-BudgetCreatedEvent")
    page.click("form.stacked button[type=submit]")
    assert "will not be shown again" in page.text("main")
    secret = page.text("#webhook-secret")
    assert secret.startswith("whsec_") and len(secret) == 70
    assert "X-Budgetd-Signature" in page.text("main") and "HMAC-SHA256" in page.text("main")
    page.shot("webhooks-secret-shown-once")

    page.driver.refresh()  # posts the form again, as a reload of the answer does
    assert secret not in page.driver.page_source
    assert "is not shown again" in page.text(".notice")
    page.go("/webhooks")
    assert secret not in page.driver.page_source
    listed = client.get("/api/webhooks", token=tenant.admin).json()["webhooks"]
    assert [w["url"] for w in listed] == [receiver.url], "the reload registered no second webhook"
    webhook = listed[0]
    assert webhook["events"] == ["BudgetCreatedEvent"] and "secret" not in webhook
    one = client.get(f"/api/webhooks/{webhook['id']}", token=tenant.admin)
    assert one.status == 200 and one.json() == webhook
    page.shot("webhooks-list")

    create_budget(client, tenant)
    assert wait_until(lambda: len(receiver.calls) == 1), "the event reached the receiver"
    headers, body = receiver.calls[0]
    assert verify(secret, headers, body), "signed with the secret the page showed"
    assert headers["X-Budgetd-Event"] == "BudgetCreatedEvent"
    assert wait_until(lambda: deliveries(client, tenant, webhook["id"])[0]["status"] == "delivered")
    [delivery] = deliveries(client, tenant, webhook["id"])
    assert delivery["attempts"] == 1 and delivery["lastError"] is None and delivery["deliveredAt"]
    assert delivery["id"] == int(headers["X-Budgetd-Delivery"]) and delivery["eventId"] == json.loads(body)["eventId"]
    assert delivery["event"] == "BudgetCreatedEvent"

    page.click(f"a[href='/webhooks/{webhook['id']}']")
    row = page.find("table.deliveries tbody tr")
    assert row.find_element("css selector", ".badge").text == "Delivered"
    assert headers["X-Budgetd-Delivery"] in row.text and "UTC" in row.text
    assert secret not in page.driver.page_source
    page.shot("webhooks-deliveries")
    page.driver.set_window_size(390, 844)
    page.go(f"/webhooks/{webhook['id']}")
    width, inner = page.driver.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
    assert inner == 390 and width <= inner, "only the table scrolls on a phone"
    page.shot("webhooks-deliveries-phone")


def test_a_failing_receiver_shows_its_last_error_on_the_page_and_in_the_api(page, client, tenant):
    failing = Receiver(failures=10**6)
    try:
        webhook = register(client, tenant, failing.url)
        create_budget(client, tenant)
        assert wait_until(lambda: (deliveries(client, tenant, webhook["id"]) or [{}])[0].get("lastError") is not None)
        [delivery] = deliveries(client, tenant, webhook["id"])
        assert delivery["status"] in ("pending", "sending", "failed") and delivery["attempts"] >= 1
        assert delivery["lastError"] == "webhook answered HTTP 503" and delivery["deliveredAt"] is None
        page.sign_in(tenant.emails["admin"], tenant.password)
        page.go(f"/webhooks/{webhook['id']}")
        row = page.find("table.deliveries tbody tr")
        assert row.find_element("css selector", ".badge").text in ("Retrying", "Sending", "Failed")
        assert "webhook answered HTTP 503" in row.text and "not yet" in row.text
        page.shot("webhooks-failing-receiver")
    finally:
        failing.shutdown()


def test_a_refused_form_comes_back_with_what_was_typed(page, tenant):
    page.sign_in(tenant.emails["admin"], tenant.password)
    page.go("/webhooks")
    page.type("#url", "ftp://hooks.example.com/budgets")
    page.click("#event-BudgetDeletedEvent")
    page.click("form.stacked button[type=submit]")
    assert "The webhook was not registered" in page.text("[role=alert]")
    assert "http or https" in page.text("#url-error")
    assert page.value("#url") == "ftp://hooks.example.com/budgets"
    assert page.find("#event-BudgetDeletedEvent").is_selected() and not page.find("#event-BudgetCreatedEvent").is_selected()
    assert page.find("#url").get_attribute("aria-invalid") == "true"
    page.shot("webhooks-refused-form")


def test_the_limit_is_checked_and_deliveries_come_newest_first(client, tenant, receiver):
    webhook = register(client, tenant, receiver.url)
    for _ in range(3):
        create_budget(client, tenant)
    listed = deliveries(client, tenant, webhook["id"])
    assert len(listed) == 3 and [d["id"] for d in listed] == sorted((d["id"] for d in listed), reverse=True)
    assert [d["id"] for d in deliveries(client, tenant, webhook["id"], limit=2)] == [d["id"] for d in listed[:2]]
    for limit in ("0", "101", "", "abc", "2.5"):
        r = client.get(f"/api/webhooks/{webhook['id']}/deliveries?limit={limit}", token=tenant.admin)
        assert r.status == 400 and r.json()["fieldErrors"][0]["field"] == "limit", limit


def test_viewers_and_editors_are_refused(page, client, tenant, receiver):
    webhook = register(client, tenant, receiver.url)
    for role in ("viewer", "editor"):
        for path in (f"/api/webhooks/{webhook['id']}", f"/api/webhooks/{webhook['id']}/deliveries", "/api/webhooks"):
            assert client.get(path, token=tenant.token(role)).status == 403, (role, path)
    page.sign_in(tenant.emails["editor"], tenant.password)
    assert page.all("a[href='/webhooks']") == []
    page.go(f"/webhooks/{webhook['id']}")
    assert "403" in page.driver.title or "may not manage webhooks" in page.text("main")


def test_another_tenants_webhook_is_not_found(page, client, tenant, acme, receiver):
    webhook = register(client, tenant, receiver.url)
    for path in (f"/api/webhooks/{webhook['id']}", f"/api/webhooks/{webhook['id']}/deliveries"):
        r = client.get(path, token=acme.admin)
        assert r.status == 404 and r.json()["error"] == "not_found", path
    page.sign_in(acme.emails["admin"], acme.password)
    page.go(f"/webhooks/{webhook['id']}")
    assert "404" in page.driver.title or "Webhook not found" in page.text("main")
    assert client.get(f"/api/webhooks/{webhook['id']}", token=tenant.admin).status == 200


def test_an_admin_removes_a_webhook_from_the_list(page, client, tenant, receiver):
    webhook = register(client, tenant, receiver.url + "?removed")
    page.sign_in(tenant.emails["admin"], tenant.password)
    page.go("/webhooks")
    page.click(f"form[action='/webhooks/{webhook['id']}/delete'] button")
    assert page.path == "/webhooks"
    assert "The webhook was removed" in page.text(".notice")
    assert receiver.url + "?removed" not in page.text("main")
    assert client.get(f"/api/webhooks/{webhook['id']}", token=tenant.admin).status == 404
