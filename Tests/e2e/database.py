"""Reads the test database directly, to check what the API says against what it stored."""
import os
import subprocess


def query(sql):
    """Rows of a read-only query as lists of strings, over the throwaway server's root socket.
    Only the tests' own constant SQL and generated ids are passed; never client input."""
    socket = os.path.join(os.environ["BUDGETD_MARIADB_DIR"], "mysql.sock")
    out = subprocess.run(["mariadb", f"--socket={socket}", "-uroot", "--batch", "--skip-column-names", "finops_v2", "-e", sql],
                         check=True, capture_output=True, text=True).stdout
    return [line.split("\t") for line in out.splitlines()]


def execute(sql):
    """Runs the tests' own setup statements (test data written around the API on purpose)."""
    query(sql)
