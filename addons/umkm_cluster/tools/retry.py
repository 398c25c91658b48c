"""Odoo's retry of a request whose transaction hit a serialization failure, in one place.

Odoo (``odoo.service.model.retrying``, 18.0) runs an HTTP request again in a new snapshot when
PostgreSQL reports one of ``PG_CONCURRENCY_EXCEPTIONS_TO_RETRY``, up to
``MAX_TRIES_ON_CONCURRENCY_FAILURE`` times in all, then answers with an error page. Neither
name is public API: they are read here only, and ``test_busy_demand_form_retries_then_says_so``
(joint procurement) fails when Odoo's retry behaves otherwise.
"""

from odoo.service.model import (
    MAX_TRIES_ON_CONCURRENCY_FAILURE,
    PG_CONCURRENCY_EXCEPTIONS_TO_RETRY,
)

RETRYABLE_ERRORS = PG_CONCURRENCY_EXCEPTIONS_TO_RETRY
MAX_TRIES = MAX_TRIES_ON_CONCURRENCY_FAILURE


def last_try(environ, key):
    """Count one more try of this request in its WSGI ``environ`` (kept across Odoo's retries,
    unlike the transaction) under ``key``; True when Odoo will not try it again, so that the
    caller answers with a message instead of re-raising."""
    environ[key] = environ.get(key, 0) + 1
    return environ[key] >= MAX_TRIES
