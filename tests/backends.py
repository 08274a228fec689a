"""The databases the suite runs on: SQLite always, PostgreSQL where GRIDDESK_TEST_PG_URL names a server."""

from __future__ import annotations

import os

PG_URL = os.environ.get("GRIDDESK_TEST_PG_URL")
BACKENDS = ["sqlite"] + (["postgresql"] if PG_URL else [])
