"""Changing an audit entry behind the program's back, as someone holding the database's password
might: the append-only triggers set aside for one UPDATE, on either backend."""

from __future__ import annotations

from sqlalchemy import text


def rewrite_audit_message(db, entry_id: int, message: str) -> None:
    with db.engine.begin() as conn:
        postgres = conn.dialect.name == "postgresql"
        conn.execute(text("ALTER TABLE audit_log DISABLE TRIGGER USER" if postgres
                          else "DROP TRIGGER IF EXISTS audit_log_no_update"))
        conn.execute(text("UPDATE audit_log SET message = :message WHERE id = :id"), {"message": message, "id": entry_id})
        if postgres:
            conn.execute(text("ALTER TABLE audit_log ENABLE TRIGGER USER"))
