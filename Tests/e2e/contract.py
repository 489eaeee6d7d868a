"""Checks responses against the OpenAPI document the worker serves: a documented operation must
answer with a documented status and a body that matches its schema (additionalProperties false)."""
import json
import re

import jsonschema


class Contract:
    def __init__(self, document):
        self.document = document
        self.resolver = jsonschema.RefResolver.from_schema(document)
        self.paths = []
        for template, item in document["paths"].items():
            pattern = "^" + re.sub(r"\{[^}]+\}", "[^/]+", template) + "$"
            self.paths.append((re.compile(pattern), template, item))
        # Literal paths first, so /api/budgets/organization/x beats /api/budgets/{id}/history etc.
        self.paths.sort(key=lambda p: p[1].count("{"))

    def operation(self, method, path):
        path = path.split("?")[0]
        for pattern, template, item in self.paths:
            if pattern.match(path) and method.lower() in item:
                return template, item[method.lower()]
        return None, None

    def resolve(self, node):
        while isinstance(node, dict) and "$ref" in node:
            _, node = self.resolver.resolve(node["$ref"])
        return node

    def check(self, method, path, response):
        template, operation = self.operation(method, path)
        if operation is None:
            return
        responses = operation["responses"]
        status = str(response.status)
        if status == "405":
            return
        assert status in responses, f"{method} {template} answered {status}, which the OpenAPI document does not list ({sorted(responses)})"
        spec = self.resolve(responses[status])
        content = spec.get("content", {})
        schema = content.get("application/json", {}).get("schema")
        if schema is None:
            return
        media_type = (response.header("content-type") or "").split(";")[0].strip()
        if media_type != "application/json" and media_type in content:
            return  # another media type the document lists for this answer (a CSV file)
        assert media_type == "application/json", f"{method} {template} {status}: not JSON"
        body = json.loads(response.body)
        validator = jsonschema.Draft202012Validator(schema, resolver=self.resolver)
        errors = sorted(validator.iter_errors(body), key=lambda e: list(e.path))
        assert not errors, f"{method} {template} {status} does not match the document: " + "; ".join(
            f"{'/'.join(map(str, e.path)) or '(root)'}: {e.message}" for e in errors[:5])
