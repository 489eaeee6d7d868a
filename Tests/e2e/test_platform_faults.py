"""Faults an operator meets: the database restarting in the middle of a large import, a row the
database could not store, a read-only database. Each time the worker keeps its PID, a request on
another of its threads succeeds, nothing partial is written, and the client hears clearly why."""
import http.client
import os
import threading
import time

import pytest

from conftest import stack, wait_until
from database import execute, query
from tenants import create_tenant

HEADER = "BillingPeriodStart,BillingPeriodEnd,ChargePeriodStart,ChargePeriodEnd,ServiceName,BilledCost,EffectiveCost,BillingCurrency,Tags\n"


def row(day=5, service="Amazon S3", cost="0.25", tags=""):
    quoted = '"' + tags.replace('"', '""') + '"' if tags else ""
    return (f"2025-03-01 00:00:00,2025-04-01 00:00:00,2025-03-{day:02d} 00:00:00,2025-03-{day:02d} 01:00:00,"
            f"{service},{cost},{cost},USD,{quoted}\n")


@pytest.fixture(scope="module")
def tenant(client, platform):
    return create_tenant(client, platform, "Faults")


def totals(tenant):
    rows = query(f"SELECT COUNT(*), COALESCE(SUM(billed_cost), 0) FROM cost_line_items WHERE csp_connection_id = '{tenant.connection_id}'")
    return int(rows[0][0]), rows[0][1]


def worker_pid():
    return int(os.environ["BUDGETD_WORKER_PID"])


def assert_worker_alive(client, tenant):
    os.kill(worker_pid(), 0)
    assert wait_until(lambda: client.get("/api/me", token=tenant.admin).status == 200, seconds=30), "another request works"


def stream_upload(client, tenant, chunks, on_chunk=None):
    """POSTs a FOCUS file chunk by chunk (chunked by hand: a known length), calling on_chunk(i)."""
    body_length = sum(len(c) for c in chunks)
    conn = http.client.HTTPConnection(client.host, client.port, timeout=120)
    conn.putrequest("POST", f"/api/connections/{tenant.connection_id}/costs?fileName=big.csv")
    conn.putheader("Content-Type", "text/csv")
    conn.putheader("Authorization", f"Bearer {tenant.admin}")
    conn.putheader("Content-Length", str(body_length))
    conn.endheaders()
    for i, chunk in enumerate(chunks):
        conn.send(chunk)
        if on_chunk:
            on_chunk(i)
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, body


def test_mariadb_restarting_in_the_middle_of_a_large_import(client, tenant, mariadb_dir):
    r = client.post(f"/api/connections/{tenant.connection_id}/costs?fileName=first.csv", body=HEADER + row(cost="7.5"),
                    headers={"Content-Type": "text/csv"}, token=tenant.admin)
    assert r.status == 200, r.text
    before = totals(tenant)
    pid = worker_pid()
    lines = "".join(row(day=1 + i % 28) for i in range(4000))
    chunks = [HEADER.encode()] + [lines.encode()] * 60  # 240,000 rows
    restarted = threading.Event()

    def restart_midway(i):
        if i == 15 and not restarted.is_set():
            stack("stop_mariadb", mariadb_dir)
            stack("start_mariadb", mariadb_dir)
            restarted.set()

    status, body = stream_upload(client, tenant, chunks, restart_midway)
    assert restarted.is_set()
    assert status == 503, body[:300]
    assert b"database" in body
    assert worker_pid() == pid
    assert_worker_alive(client, tenant)
    assert totals(tenant) == before, "nothing of the interrupted import was kept"


def test_tags_nested_40_levels_are_a_400_naming_line_and_column(client, tenant):
    before = totals(tenant)
    deep = '{"a":' * 40 + "1" + "}" * 40
    body = HEADER + "".join(row() for _ in range(2000)) + row(tags=deep)
    results = {}

    def other_request():
        results["me"] = client.get("/api/me", token=tenant.admin).status

    worker = threading.Thread(target=other_request)
    worker.start()
    r = client.post(f"/api/connections/{tenant.connection_id}/costs?fileName=deep.csv", body=body,
                    headers={"Content-Type": "text/csv"}, token=tenant.admin)
    worker.join()
    assert r.status == 400, r.text
    assert r.json()["fieldErrors"][0]["field"] == "line 2002, column Tags"
    assert "31 levels" in r.json()["fieldErrors"][0]["message"]
    assert results["me"] == 200
    assert totals(tenant) == before
    assert_worker_alive(client, tenant)
    history = client.get(f"/api/connections/{tenant.connection_id}/imports", token=tenant.admin).json()["imports"]
    assert history[0]["status"] == "failed" and "line 2002, column Tags" in history[0]["problems"][0]


def set_read_only(on):
    execute(f"SET GLOBAL read_only = {1 if on else 0}")


def test_a_read_only_database_is_503_on_writes_and_on_healthz_and_recovers(client, tenant):
    budget = {"organizationId": tenant.organization_id, "cspConnectionId": tenant.connection_id, "name": "Read-only test",
              "timeRange": "monthly", "renewalType": "recurring", "startMonth": "2025-01-01", "budgetType": "fixed", "amount": 100}
    set_read_only(True)
    try:
        r = client.post("/api/budgets", budget, token=tenant.admin)
        assert r.status == 503, r.text
        assert r.json()["error"] == "database_read_only"
        assert r.header("retry-after")
        health = client.get("/healthz")
        assert health.status == 503
        assert health.json() == {"status": "degraded", "database": "read-only"}
        assert client.get("/api/budgets", token=tenant.admin).status == 200, "reads still work"
    finally:
        set_read_only(False)
    assert wait_until(lambda: client.get("/healthz").status == 200, seconds=10)
    r = client.post("/api/budgets", budget, token=tenant.admin)
    assert r.status == 201, r.text
    assert_worker_alive(client, tenant)
