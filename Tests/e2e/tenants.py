"""Tenants for the API tests, set up through the API itself, as a new client would."""
import os
import time
import uuid


class Tenant:
    def __init__(self, client, name, admin_token, organization_id):
        self.client = client
        self.name = name
        self.admin = admin_token
        self.organization_id = organization_id
        self.tokens = {"admin": admin_token}
        self.emails = {}
        self.password = None
        self.connection_id = None
        self.other_connection_id = None
        self.services = {}

    def token(self, role):
        return self.tokens[role]


def login(client, email, password):
    """A token; when nginx's sign-in rate limit (30 a minute per address) answers 429, waits and tries again,
    since the suite signs in far more often than a person would."""
    deadline = time.monotonic() + 90
    while True:
        r = client.post("/api/auth/token", {"email": email, "password": password})
        if r.status != 429 or time.monotonic() > deadline:
            break
        time.sleep(2)
    assert r.status == 200, r.text
    return r.json()["token"]


def create_tenant(client, platform_token, label):
    name = f"{label} {uuid.uuid4().hex[:8]}"
    admin_email = f"admin-{uuid.uuid4().hex[:8]}@{label.lower()}.example"
    password = "correct horse battery staple"
    r = client.post("/api/organizations", {"name": name, "admin": {"email": admin_email, "password": password}}, token=platform_token)
    assert r.status == 201, r.text
    organization_id = r.json()["organization"]["id"]
    tenant = Tenant(client, name, login(client, admin_email, password), organization_id)
    tenant.emails["admin"] = admin_email
    tenant.password = password
    for role in ("editor", "viewer"):
        email = f"{role}-{uuid.uuid4().hex[:8]}@{label.lower()}.example"
        r = client.post("/api/users", {"email": email, "password": password, "role": role}, token=tenant.admin)
        assert r.status == 201, r.text
        tenant.tokens[role] = login(client, email, password)
        tenant.emails[role] = email
    r = client.post("/api/connections", {"name": "Production AWS Account", "provider": "aws"}, token=tenant.admin)
    assert r.status == 201, r.text
    tenant.connection_id = r.json()["id"]
    r = client.post("/api/connections", {"name": "Firebase", "provider": "gcp"}, token=tenant.admin)
    assert r.status == 201, r.text
    tenant.other_connection_id = r.json()["id"]
    for service in ("Amazon EC2", "Amazon S3", "Amazon RDS"):
        r = client.post(f"/api/connections/{tenant.connection_id}/services", {"serviceName": service}, token=tenant.admin)
        assert r.status == 201, r.text
        tenant.services[service] = r.json()["id"]
    return tenant


def spec_request(tenant, **changes):
    """The spec's "Create Budget Request", pointed at this tenant."""
    body = {
        "organizationId": tenant.organization_id,
        "cspConnectionId": tenant.connection_id,
        "name": "Q1 Production Budget",
        "timeRange": "quarterly",
        "renewalType": "recurring",
        "startMonth": "2024-01-01",
        "budgetType": "fixed",
        "amount": 50000.0,
        "selectedServiceIds": [tenant.services["Amazon EC2"], tenant.services["Amazon S3"]],
        "thresholdRules": [
            {"percentage": 75.0, "amount": 37500.0, "triggerType": "actual cost"},
            {"percentage": 90.0, "amount": 45000.0, "triggerType": "actual cost"},
        ],
        "alertRecipients": ["finance@example.com", "operations@example.com", "cto@example.com"],
    }
    body.update(changes)
    return body


def platform_token(client):
    return login(client, os.environ["BUDGETD_TEST_ADMIN_EMAIL"], os.environ["BUDGETD_TEST_ADMIN_PASSWORD"])
