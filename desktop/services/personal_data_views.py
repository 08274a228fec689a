"""Putting on record who was shown a requester's whole phone number (Art. 15; SPEC §9: sensitive
personal information is masked by default and every view of it is audited).

A panel reloads whenever another desk changes its case, and a workbench each time it is opened: a
record per reload would bury the log. Each user's first view of a case's number on a Beijing day
is recorded; the views after it that day add nothing the log does not already say.
"""

from __future__ import annotations

from sqlalchemy import select

from .. import migrate
from ..db import Database
from ..models import AuditEntry
from . import audit
from .clock import beijing_today, start_of_day
from .security import Actor

ACTION = "privacy.view"


def _not_recorded(session, actor: Actor, targets: dict[str, str]) -> list[str]:
    """Which of `targets` have no record of `actor`'s view today yet."""
    already = set(session.scalars(select(AuditEntry.target).where(
        AuditEntry.action == ACTION, AuditEntry.actor == actor.username,
        AuditEntry.at >= start_of_day(beijing_today()), AuditEntry.target.in_(targets))))
    return [target for target in targets if target not in already]


def record_shown(db: Database, actor: Actor, shown: dict[str, str], what: str = "诉求人电话") -> int:
    """Record that `actor` was shown `what` of the cases `shown` ({case number: township code}),
    those not yet recorded for them today; how many were recorded."""
    if not shown:
        return 0
    targets = {f"case:{number}": number for number in shown}
    with db.session() as session:
        # Usually all is on record already: a plain read says so without a write transaction, which would
        # take the revision's lock on every panel reload and wait out an upgrade's whole length.
        if not _not_recorded(session, actor, targets):
            return 0
        session.rollback()  # the revision is to be the write's first statement (migrate.held_revision)
        # Recorded even on a database a newer GridDesk has upgraded: the number was shown all the same
        # (unit_of_work._record_refusal says why an entry may be).
        migrate.held_revision(session)
        new = _not_recorded(session, actor, targets)  # another desk of the same user may have just recorded
        for target in new:
            number = targets[target]
            audit.append(session, actor, ACTION, target=target, place_code=shown[number],
                         message=f"查看案件 {number} 的{what}(完整号码)")
        session.commit()
    return len(new)
