"""Append-only audit log and case timeline; change notifications on PostgreSQL

The audit log (Art. 15) and the case timeline may only grow: UPDATE and DELETE are refused
by triggers on both backends. On PostgreSQL every change-feed row is also announced with
NOTIFY so that other desktops refresh their queue within a second.

Revision ID: 0002
Revises: 0001
"""
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

APPEND_ONLY = ("audit_log", "case_events")
CHANNEL = "griddesk_changes"


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            """
            CREATE FUNCTION griddesk_append_only() RETURNS trigger AS $$
            BEGIN
                RAISE EXCEPTION '% is append-only (Art. 15)', TG_TABLE_NAME;
            END $$ LANGUAGE plpgsql
            """
        )
        for table in APPEND_ONLY:
            op.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION griddesk_append_only()"
            )
        op.execute(
            f"""
            CREATE FUNCTION griddesk_notify_change() RETURNS trigger AS $$
            BEGIN
                PERFORM pg_notify('{CHANNEL}', json_build_object(
                    'id', NEW.id, 'topic', NEW.topic, 'entity_id', NEW.entity_id,
                    'township_id', NEW.township_id, 'desktop', NEW.desktop)::text);
                RETURN NEW;
            END $$ LANGUAGE plpgsql
            """
        )
        op.execute(
            "CREATE TRIGGER change_feed_notify AFTER INSERT ON change_feed "
            "FOR EACH ROW EXECUTE FUNCTION griddesk_notify_change()"
        )
    else:
        for table in APPEND_ONLY:
            for verb in ("UPDATE", "DELETE"):
                op.execute(
                    f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{table} is append-only (Art. 15)'); END"
                )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER change_feed_notify ON change_feed")
        op.execute("DROP FUNCTION griddesk_notify_change()")
        for table in APPEND_ONLY:
            op.execute(f"DROP TRIGGER {table}_append_only ON {table}")
        op.execute("DROP FUNCTION griddesk_append_only()")
    else:
        for table in APPEND_ONLY:
            for verb in ("update", "delete"):
                op.execute(f"DROP TRIGGER {table}_no_{verb}")
