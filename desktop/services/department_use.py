"""Naming a department on a list item, a case or a line: the rows are share-locked first.

Retiring a department (departments.set_active) locks its row for update and then looks for
what still names it. A unit of work that is about to name it takes a shared lock on the row
(PostgreSQL; SQLite has one writer at a time anyway): whichever comes second waits for the
other's commit and then sees it — the retirement sees the new assignment or item, or the
naming sees the department retired — so the two cannot both succeed.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Department


def use_departments(session: Session, ids: Iterable[int]) -> dict[int, Department]:
    """{id: department} for the ids that exist, share-locked and read afresh."""
    rows = session.scalars(select(Department).where(Department.id.in_(list(ids))).with_for_update(read=True)
                           .execution_options(populate_existing=True))
    return {department.id: department for department in rows}
