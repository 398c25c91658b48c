"""Suite-wide pytest hooks.

Under ``bin/test`` (``UMKM_FAIL_ON_SKIP=1``) a skipped test is a failed test: Odoo skips
browser tours silently when Chromium is missing, and a skipped test proves nothing.
"""

import os
import tempfile

import pytest


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if os.environ.get("UMKM_FAIL_ON_SKIP") and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"skipped tests are failures in this suite: {reason}"


def pytest_configure(config):
    """Tests that measure something (the access matrix) append a line to this file; the
    terminal summary prints it (pytest captures what tests print)."""
    handle, path = tempfile.mkstemp(prefix="umkm-report-", suffix=".txt")
    os.close(handle)
    os.environ["UMKM_REPORT_FILE"] = path
    config._umkm_report = path


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    path = getattr(config, "_umkm_report", None)
    if not path or not os.path.exists(path):
        return
    with open(path, encoding="utf-8") as report:
        lines = report.read().splitlines()
    os.unlink(path)
    if lines:
        terminalreporter.section("UMKM figures")
        for line in lines:
            terminalreporter.write_line(line)
