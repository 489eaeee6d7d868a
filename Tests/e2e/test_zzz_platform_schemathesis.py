"""Schemathesis against the OpenAPI document the worker serves: generated requests for every
operation, every check (server errors, status codes, content types, headers, response schemas,
schema-valid data accepted, schema-violating data refused, resources that exist where a Location
points). Runs last: it fills its own tenant with generated data."""
import os
import subprocess

import pytest

from conftest import ROOT
from tenants import create_tenant, spec_request


def test_schemathesis_finds_no_failure(client, platform):
    st = os.environ.get("BUDGETD_SCHEMATHESIS")
    if not st:
        pytest.fail("BUDGETD_SCHEMATHESIS is not set: run the tests through scripts/test")
    tenant = create_tenant(client, platform, "Schemathesis")
    budget = client.post("/api/budgets", spec_request(tenant), token=tenant.admin)
    assert budget.status == 201, budget.text
    base = os.environ["BUDGETD_URL"]
    env = dict(os.environ, BUDGETD_ST_TOKEN=tenant.admin, BUDGETD_ST_ORGANIZATION=tenant.organization_id,
               BUDGETD_ST_CONNECTION=tenant.connection_id, BUDGETD_ST_BUDGET=budget.json()["id"])
    result = subprocess.run(
        [st, "--config-file", os.path.join(ROOT, "Tests", "e2e", "schemathesis.toml"), "run", f"{base}/api/openapi.json",
         "--url", base, "--no-color", "--max-examples", os.environ.get("BUDGETD_ST_EXAMPLES", "30"),
         # Cost files are streamed CSV or gzip bodies: the end-to-end cost tests cover them.
         "--exclude-path", "/api/connections/{id}/costs"],
        env=env, capture_output=True, text=True, timeout=1200, cwd=os.environ["BUDGETD_TEST_OUTPUT"])
    output = result.stdout + result.stderr
    with open(os.path.join(os.environ["BUDGETD_TEST_OUTPUT"], "schemathesis.log"), "w") as f:
        f.write(output)
    assert result.returncode == 0, output[-12000:]
