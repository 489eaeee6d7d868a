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


def test_every_example_on_the_reference_page_fits_its_schema(client):
    """Each operation's example request and response, as the page shows them, validate against the
    operation's own schemas: an example cannot contradict the contract."""
    import html
    import json

    import jsonschema
    doc = client.get("/api/openapi.json").json()
    page = client.get("/api/docs").text
    # `{"$ref": "#/components/…"}` resolves inside the document itself.
    def validator(schema):
        return jsonschema.Draft202012Validator({**schema, "components": doc["components"]})

    checked = 0
    for block in re.finditer(r'<section class="operation" id="[^"]+" aria-labelledby="[^"]+">(.*?)</section>', page, re.S):
        section = block.group(1)
        method, path = re.search(r'<span class="method \w+">(\w+)</span> <code>([^<]+)</code>', section).groups()
        operation = doc["paths"][html.unescape(path)][method.lower()]
        request = re.search(r'aria-label="Example request body[^"]*"><code>[^\n]*\nContent-Type: application/json\n\n(.*?)</code>', section, re.S)
        if request:
            schema = operation["requestBody"]["content"]["application/json"]["schema"]
            errors = [e.message for e in validator(schema).iter_errors(json.loads(html.unescape(request.group(1))))]
            assert not errors, f"{method} {path} example request: {errors}"
            checked += 1
        response = re.search(r'aria-label="Example response[^"]*"><code>(\d{3})\n\n(.*?)</code>', section, re.S)
        if response:
            answer = operation["responses"][response.group(1)]
            if "$ref" in answer:
                answer = doc["components"]["responses"][answer["$ref"].split("/")[-1]]
            schema = answer["content"]["application/json"]["schema"]
            errors = [e.message for e in validator(schema).iter_errors(json.loads(html.unescape(response.group(2))))]
            assert not errors, f"{method} {path} example response: {errors}"
            checked += 1
    json_bodies = sum(1 for item in doc["paths"].values() for m, op in item.items()
                      if m != "parameters" and "application/json" in op.get("requestBody", {}).get("content", {}))
    assert checked >= json_bodies, "every JSON request body has an example"


def test_no_body_line_is_empty_and_every_schema_link_has_a_target(client):
    page = client.get("/api/docs").text
    assert "Body: </p>" not in page and "Body: <a href=\"#schema-\">" not in page
    targets = set(re.findall(r'id="(schema-[^"]+)"', page))
    for link in set(re.findall(r'href="#(schema-[^"]*)"', page)):
        assert link in targets, link
