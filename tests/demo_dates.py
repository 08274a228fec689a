"""The demo's own dates, for tests that evaluate its history.

seed_demo dates the demo's cases in the HISTORY_DAYS (90) before the moment its audit entry records
(as_of), when the demo is built: a period written into a test ("2026") finds none of them once the demo
is built a year later, so such a test asks for a period of the demo's history instead.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from desktop.models import AuditEntry
from desktop.services.demo.context import HISTORY_DAYS
from desktop.services.evaluation.periods import Period, period_of


def seeded_as_of(db) -> datetime:
    """The moment the demo's dates count back from, as its audit entry records it: "now" for the tests."""
    with db.session() as session:
        detail = session.scalar(select(AuditEntry.detail).where(AuditEntry.action == "demo.seed"))
    return datetime.fromisoformat(detail["as_of"])


def demo_month(db) -> Period:
    """The last month over when the demo was built: over, so its figures stay put, and whole within the
    demo's history, so full of its cases."""
    return period_of(period_of(seeded_as_of(db)).start - timedelta(days=1))


def demo_year(db) -> str:
    """The year that holds the middle of the demo's history, as a period code: at least half of its cases,
    in whichever month the demo was built."""
    middle = seeded_as_of(db) - timedelta(days=HISTORY_DAYS / 2)
    return str(period_of(middle).starts_on.year)
