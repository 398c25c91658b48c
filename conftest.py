"""Suite-wide pytest hooks.

Under ``bin/test`` (``UMKM_FAIL_ON_SKIP=1``) a skipped test is a failed test: Odoo skips
browser tours silently when Chromium is missing, and a skipped test proves nothing.
"""

import os

import pytest


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if os.environ.get("UMKM_FAIL_ON_SKIP") and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"skipped tests are failures in this suite: {reason}"
