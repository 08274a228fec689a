"""A backup of an SQLite database, taken while desktops work on it.

A file copied by hand while a desktop writes may be torn, and in WAL mode the latest changes are in the
`-wal` file beside it, which a copy of the main file alone leaves out. SQLite's online backup copies a
consistent snapshot of the database as committed, WAL included, without stopping anyone. The copy holds
every township's cases and personal data: taking one needs the city's export right, and is on record
before the file exists (Art. 15). A PostgreSQL database is backed up with its own tools (pg_dump).
"""

from __future__ import annotations

import sqlite3
import stat
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from ..db import Database
from ..errors import ValidationFailed
from ..models.places import CITY_CODE
from ..said import Message
from .exchange.files import FileUnusable, write_atomically
from .security import Actor, Permission
from .unit_of_work import unit_of_work


@dataclass(frozen=True)
class Backup:
    path: Path
    size: int  # bytes


_BACKING_UP = Message("备份整个数据库")()  # what was asked, in a refusal (UnitOfWork.require)


def back_up(db: Database, actor: Actor, target: Path) -> Backup:
    """Copy the SQLite database to `target`, a new file (an existing one is not replaced: yesterday's
    backup is not lost to a mistyped name). The copy is checked before it is put in place."""
    target = Path(target)
    if not db.is_sqlite:
        raise ValidationFailed("备份命令只用于 SQLite 数据库文件;PostgreSQL 数据库请由数据库所有者用 pg_dump 备份"
                               "(如 pg_dump -Fc -f griddesk.dump griddesk),见 README")
    if db.engine.url.database in (None, "", ":memory:"):
        raise ValidationFailed("内存中的数据库没有文件,无法备份")
    if target.exists():  # the database file itself too
        raise FileUnusable(f"{target} 已存在;备份不覆盖已有文件,请另写一个文件名(如带上日期)")
    source = Path(db.engine.url.database)
    with unit_of_work(db, actor, "db.backup", target=target.name) as uow:
        uow.require(Permission.EXCHANGE, CITY_CODE, action=_BACKING_UP)
        # As private as the database itself: it holds every case and phone number (Art. 15).
        size = write_atomically(target, lambda tmp: _copy(source, tmp), published_by=uow,
                                new_mode=stat.S_IMODE(source.stat().st_mode))
        uow.audit(f"备份数据库到 {target}({size:,} 字节)", size=size)
    return Backup(target, size)


def _copy(source: Path, tmp: Path) -> int:
    """The online backup of `source` into `tmp` (the empty file made for it: SQLite takes an empty file as an
    empty database), checked whole; its size in bytes."""
    with closing(sqlite3.connect(source)) as reading, closing(sqlite3.connect(tmp)) as copy:
        reading.backup(copy)  # all pages in one step, under one read lock: one committed state
        verdict = copy.execute("PRAGMA quick_check").fetchone()[0]
    if verdict != "ok":
        raise ValidationFailed(f"备份后的副本未通过检查({verdict}),未保存;请用 griddesk-admin check 检查数据库本身")
    return tmp.stat().st_size
