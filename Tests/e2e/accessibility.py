"""axe-core (Deque's accessibility engine) run in the page the browser shows. scripts/test installs
its JavaScript from PyPI and passes the file's path as BUDGETD_AXE_JS; the tests inject it through
Selenium (which runs scripts past the page's Content-Security-Policy) and call axe.run."""
import functools
import os

import pytest

# The impacts that fail a test; axe's other two, moderate and minor, are reported but pass.
BLOCKING = ("serious", "critical")

RUN = """
const done = arguments[arguments.length - 1];
axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations), e => done('axe failed: ' + e));
"""


@functools.cache
def axe_source():
    path = os.environ.get("BUDGETD_AXE_JS")
    if not path or not os.path.exists(path):
        pytest.fail("BUDGETD_AXE_JS does not name axe-core's axe.min.js: run the browser tests through scripts/test")
    with open(path, encoding="utf-8") as f:
        return f.read()


def violations(driver):
    """Every axe-core violation on the page shown now, each as axe reports it (id, impact, help, nodes)."""
    driver.set_script_timeout(60)
    if not driver.execute_script("return typeof window.axe === 'object'"):
        driver.execute_script(axe_source())
    found = driver.execute_async_script(RUN)
    assert isinstance(found, list), found
    return found


def blocking(driver, page_name):
    """The serious and critical violations on the page shown, one line each: page, rule, what it asks, targets."""
    lines = []
    for v in violations(driver):
        if v["impact"] in BLOCKING:
            targets = ", ".join(" ".join(n["target"]) for n in v["nodes"][:8])
            more = f" (and {len(v['nodes']) - 8} more)" if len(v["nodes"]) > 8 else ""
            lines.append(f"{page_name}: {v['impact']} {v['id']} ({v['help']}) at {targets}{more}")
    return lines
