"""Changing an audit entry behind the program's back, as someone holding the database's password
might: the append-only triggers set aside for one UPDATE, on either backend."""

from __future__ import annotations

from sqlalchemy import text


def rewrite_audit_entry(db, entry_id: int, **columns) -> None:
    """Set `columns` (name=value) of one audit entry, past the triggers that forbid it."""
    assignments = ", ".join(f"{name} = :{name}" for name in columns)
    with db.engine.begin() as conn:
        postgres = conn.dialect.name == "postgresql"
        conn.execute(text("ALTER TABLE audit_log DISABLE TRIGGER USER" if postgres
                          else "DROP TRIGGER IF EXISTS audit_log_no_update"))
        conn.execute(text(f"UPDATE audit_log SET {assignments} WHERE id = :id"), {**columns, "id": entry_id})
        if postgres:
            conn.execute(text("ALTER TABLE audit_log ENABLE TRIGGER USER"))
