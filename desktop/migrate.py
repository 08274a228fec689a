"""Schema migrations (Alembic) run from the program itself: `griddesk-admin init`."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from .db import Database

MIGRATIONS = Path(__file__).with_name("migrations")


def _config(connection=None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    return ScriptDirectory.from_config(_config()).get_current_head()


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(db: Database) -> tuple[str | None, str]:
    """Bring the schema to the newest revision; returns (before, after)."""
    before = current_revision(db)
    with db.engine.begin() as conn:
        command.upgrade(_config(conn), "head")
    return before, head_revision()


def revision(db: Database, message: str) -> None:
    """Autogenerate a new revision against `db` (a development helper)."""
    with db.engine.begin() as conn:
        command.revision(_config(conn), message=message, autogenerate=True)
