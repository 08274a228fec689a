"""Texts no column can keep are refused before they are written, whichever service writes them.

PostgreSQL refuses NUL in text; an XLSX export refuses the other C0 controls but tab, line feed
and carriage return; a lone surrogate is no text in any encoding. Kept on SQLite, such a
character would fail an export or a move to PostgreSQL later, far from the form it was typed
in (or pasted into from another program): refused at the flush instead, naming the field.
"""

from __future__ import annotations

import re

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from ..errors import ValidationFailed

UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")


def unstorable(value: str) -> str | None:
    """Why the text cannot be kept — its first such character — or None."""
    bad = UNSTORABLE.search(value)
    if bad is None:
        return None
    return f"第 {bad.start() + 1} 个字符是不可见的控制字符(U+{ord(bad.group()):04X}),无法保存,请删去"


@event.listens_for(Session, "before_flush")
def _refuse_unstorable_texts(session: Session, _context, _instances) -> None:
    problems = []
    for obj in (*session.new, *session.dirty):
        state = inspect(obj)
        for attribute in state.mapper.column_attrs:
            if obj in session.new:
                values = [state.dict.get(attribute.key)]
            else:  # only what changes: a row kept from before is not refused for an edit elsewhere
                values = state.attrs[attribute.key].history.added
            for value in values:
                if isinstance(value, str) and (why := unstorable(value)):
                    problems.append(f"{state.mapper.local_table.name}.{attribute.key}:{why}")
    if problems:
        raise ValidationFailed("输入的内容含有无法保存的字符,未保存;请删去后重试", problems)
