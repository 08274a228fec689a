"""Optimistic locking of the records several desks edit at once: a save made on a record as a desk showed
it is refused once another desk has saved the record since, naming who and when, so that the user
reloads rather than overwrites ("nothing is overwritten silently", README). Cases word their own
refusal (cases.common.conflict_message, by the hour: a case changes many times a day).

A record locked so carries a version (models.base.Versioned) and, where no audit trail of its own
names its editor, `updated_by`: the display name of who saved it last, set by `saved_by`."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from ..errors import Conflict
from ..said import Message
from .clock import beijing_text
from .security import Actor


_CHANGED_MEANWHILE = Message("{what} 已被 {who} 于 {when} 修改,请重新载入")
SOMEONE_ELSE = Message("其他用户")()  # who changed it, where no one is named


def changed_meanwhile(what: str, who: str | None, when: datetime) -> Conflict:
    """The refusal of a save made on `what` (联动部门 侨港派出所, 人员 陈晓) as it was before `who` saved it at `when`."""
    return Conflict(_CHANGED_MEANWHILE(what=what, who=who or SOMEONE_ELSE, when=beijing_text(when, '%m-%d %H:%M')))


def check_version(record, expected_version: int | None, what: str) -> None:
    """Refuse unless `record` (Versioned, with `updated_by`) is at the version the user saw; None is for a
    one-shot command acting on whatever is current. Called once the actor is found to be one who may
    change the record: to anyone else nothing of who changed it is told (Art. 15)."""
    if expected_version is not None and record.version != expected_version:
        raise changed_meanwhile(what, record.updated_by, record.updated_at)


def saved_by(session: Session, record, actor: Actor) -> None:
    """Name `actor` as the record's last editor where the use case changed its own columns (a row
    referring to it, a grid role of a person, changes nothing of it: its version stays)."""
    if session.is_modified(record, include_collections=False):
        record.updated_by = actor.display_name
