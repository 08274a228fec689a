"""Texts no column can keep are refused before they are written, whichever service writes them.

PostgreSQL refuses NUL in text, and a lone surrogate is no text in any encoding: kept on SQLite,
either would fail a move to PostgreSQL or any export later, far from the form it was typed in.
They are refused at the flush, naming the field. The other C0 controls (a form feed or a Word
line break pasted in) can be stored, and older rows may hold them — a service copying such a row
must not fail — but an XLSX export cannot write them: files being imported are refused for them
(`unstorable`), and an Excel export meeting one names the case.
"""

from __future__ import annotations

import re

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from ..errors import ValidationFailed

UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")
NEVER_STORED = re.compile("[\x00\ud800-\udfff]")


def unstorable(value: str, characters: re.Pattern = UNSTORABLE) -> str | None:
    """Why the text cannot be kept in every database and file — its first such character — or None."""
    bad = characters.search(value)
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
                if isinstance(value, str) and (why := unstorable(value, NEVER_STORED)):
                    problems.append(f"{state.mapper.local_table.name}.{attribute.key}:{why}")
    if problems:
        raise ValidationFailed("输入的内容含有无法保存的字符,未保存;请删去后重试", problems)
