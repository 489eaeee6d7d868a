"""The API's contract is served, valid, complete, and readable by people."""
import re


def test_the_document_is_valid_openapi_31(client):
    import jsonschema
    doc = client.get("/api/openapi.json").json()
    assert doc["openapi"] == "3.1.0"
    for name, schema in doc["components"]["schemas"].items():
        jsonschema.Draft202012Validator.check_schema(schema)


def test_the_reference_page_renders_the_document(client):
    r = client.get("/api/docs")
    assert r.status == 200
    assert "<h1>budgetd API" in r.text
    assert re.search(r'<span class="method post">POST</span> <code>/api/budgets</code>', r.text)
    assert 'id="schema-CreateBudgetRequest"' in r.text
    assert "unsafe-inline" not in (r.header("content-security-policy") or "")
