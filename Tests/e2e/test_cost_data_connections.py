"""Connections on the page and over the API: an admin adds one, renames it and adds a service; a
refused form comes back with what was typed and changes nothing; viewers only read."""
import uuid

import pytest

from tenants import create_tenant


@pytest.fixture(scope="module")
def tenant(client, platform):
    return create_tenant(client, platform, "Wiring")


def names(client, tenant):
    return sorted(c["name"] for c in client.get("/api/connections", token=tenant.admin).json()["connections"])


def test_an_admin_adds_renames_and_fills_a_connection_on_the_page(page, client, tenant):
    name = f"Azure {uuid.uuid4().hex[:6]}"
    page.sign_in(tenant.emails["admin"], tenant.password)
    page.go("/connections")
    page.type("#new-name", name)
    page.select("#new-provider", value="azure")
    page.type("#new-currency", "EUR")
    page.click("form[action='/connections'] button[type=submit]")
    assert "The connection was added" in page.text(".notice")
    created = next(c for c in client.get("/api/connections", token=tenant.admin).json()["connections"] if c["name"] == name)
    assert created["provider"] == "azure" and created["currency"] == "EUR"
    card = f"#connection-{created['id']}"
    assert "Microsoft Azure · billed in EUR · 0 services" in page.text(card)

    page.click(f"{card} details.rename summary")
    page.type(f"#rename-{created['id']}", name + " (prod)")
    page.click(f"{card} details.rename button[type=submit]")
    assert "The connection was renamed" in page.text(".notice")
    assert client.get(f"/api/connections/{created['id']}", token=tenant.admin).json()["name"] == name + " (prod)"

    page.click(f"{card} details.services summary")
    page.type(f"#service-{created['id']}", "Virtual Machines")
    page.type(f"#category-{created['id']}", "Compute")
    page.click(f"{card} details.services button[type=submit]")
    assert "The service was added" in page.text(".notice")
    services = client.get(f"/api/connections/{created['id']}/services", token=tenant.admin).json()["services"]
    assert [(s["serviceName"], s["serviceCategory"]) for s in services] == [("Virtual Machines", "Compute")]
    page.shot("connections-managed")


def test_a_refused_form_keeps_what_was_typed_and_changes_nothing(page, client, tenant):
    before = names(client, tenant)
    page.sign_in(tenant.emails["admin"], tenant.password)
    page.go("/connections")
    page.type("#new-name", "Production AWS Account")
    page.type("#new-currency", "dollars")
    page.click("form[action='/connections'] button[type=submit]")
    assert page.value("#new-name") == "Production AWS Account" and page.value("#new-currency") == "dol", "what was typed is kept"
    assert "must be an ISO 4217 code" in page.text("#new-currency-error")
    assert page.path == "/connections", "the address bar holds the page, not the post"
    page.type("#new-currency", "USD")
    page.click("form[action='/connections'] button[type=submit]")
    assert "is already taken" in page.text("#new-name-error")
    assert names(client, tenant) == before

    aws = tenant.connection_id
    page.click(f"#connection-{aws} details.rename summary")
    page.type(f"#rename-{aws}", "Firebase")
    page.click(f"#connection-{aws} details.rename button[type=submit]")
    assert "is already taken" in page.text(f"#rename-{aws}-error")
    assert page.value(f"#rename-{aws}") == "Firebase"
    assert names(client, tenant) == before


def test_the_api_renames_a_connection(client, tenant):
    r = client.post("/api/connections", {"name": f"Rename me {uuid.uuid4().hex[:6]}", "provider": "gcp"}, token=tenant.admin)
    connection = r.json()["id"]
    r = client.patch(f"/api/connections/{connection}", {"name": "Renamed by the API"}, token=tenant.admin)
    assert r.status == 200 and r.json()["name"] == "Renamed by the API" and r.json()["provider"] == "gcp"
    assert client.patch(f"/api/connections/{connection}", {"name": "Firebase"}, token=tenant.admin).status == 409
    r = client.patch(f"/api/connections/{connection}", {"name": "", "provider": "aws"}, token=tenant.admin)
    assert r.status == 400 and {e["field"] for e in r.json()["fieldErrors"]} == {"name", "provider"}
    assert client.patch(f"/api/connections/{connection}", {"name": "By an editor"}, token=tenant.token("editor")).status == 403


def test_viewers_see_connections_without_forms(page, tenant):
    page.sign_in(tenant.emails["viewer"], tenant.password)
    page.go("/connections")
    assert page.all("form[action='/connections']") == [] and page.all("details.rename") == []
    assert page.all("details.services"), "the catalogue is readable"
