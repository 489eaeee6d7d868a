"""Every case of the official mustache spec, rendered through `budgetd render` as a template author would."""
import glob
import json
import os
import subprocess
import tempfile

import pytest

from conftest import ROOT

SPEC_DIR = os.path.join(os.path.dirname(ROOT), "shared", "mustache-spec")


def spec_cases():
    cases = []
    for path in sorted(glob.glob(os.path.join(SPEC_DIR, "*.json"))):
        with open(path) as f:
            for test in json.load(f)["tests"]:
                cases.append(pytest.param(test, id=f"{os.path.basename(path)}: {test['name']}"))
    return cases


CASES = spec_cases()


def test_all_spec_files_are_present():
    assert len(CASES) == 184


@pytest.mark.parametrize("case", CASES)
def test_spec_case(case, budgetd_bin):
    with tempfile.TemporaryDirectory() as tmp:
        name = "spec-template"
        with open(os.path.join(tmp, name + ".mustache"), "w", newline="") as f:
            f.write(case["template"])
        for partial, text in case.get("partials", {}).items():
            with open(os.path.join(tmp, partial + ".mustache"), "w", newline="") as f:
                f.write(text)
        result = subprocess.run([budgetd_bin, "render", "--templates", tmp, name],
                                input=json.dumps(case["data"]).encode(), capture_output=True)
        assert result.returncode == 0, result.stderr.decode()
        assert result.stdout.decode() == case["expected"], case["desc"]


def test_syntax_errors_are_reported_with_file_line_and_column(budgetd_bin):
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, "broken.mustache"), "w") as f:
            f.write("line one\n  {{#open}}\nnever closed\n")
        result = subprocess.run([budgetd_bin, "render", "--templates", tmp, "broken"], input=b"{}", capture_output=True)
        assert result.returncode != 0
        assert result.stdout == b""
        assert os.path.join(tmp, "broken.mustache") + ":2:3: section 'open' is never closed" in result.stderr.decode()


def test_bad_json_context_is_an_error(budgetd_bin):
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, "t.mustache"), "w") as f:
            f.write("{{x}}")
        result = subprocess.run([budgetd_bin, "render", "--templates", tmp, "t"], input=b"{nope", capture_output=True)
        assert result.returncode != 0
        assert "not JSON" in result.stderr.decode()


def test_worker_refuses_to_start_with_a_missing_partial(budgetd_bin):
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, "page.mustache"), "w") as f:
            f.write("ok\n{{> partials/missing}}\n")
        result = subprocess.run([budgetd_bin, "serve", "--socket", os.path.join(tmp, "s.sock")],
                                env={**os.environ, "BUDGETD_TEMPLATES": tmp}, capture_output=True, timeout=20)
        assert result.returncode != 0
        assert os.path.join(tmp, "page.mustache") + ":2:1:" in result.stderr.decode()
