"""The audit log's hash covers every field of an entry (Art. 15(3))

Version 1 of an entry's hash covered what was done, its target, outcome and message, but not the
place, the account, the operating-system user nor the desk: an entry could be moved to another
place, out of a county auditor's sight, and the chain check would not notice. Entries written from
now on hash every field and their version (services.audit.DIGEST_VERSION); those written before
keep version 1 and are checked as they were hashed (the log is append-only: no entry is rehashed).

Revision ID: 0019
Revises: 0018
"""
import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A new column's default fills the rows already there without an UPDATE (the log refuses those).
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE audit_log ADD COLUMN digest_version INTEGER DEFAULT 1 NOT NULL")
    else:
        op.add_column("audit_log", sa.Column("digest_version", sa.Integer(), nullable=False,
                                             server_default=sa.text("1")))


def downgrade() -> None:
    """The entries written under version 2 stay as they are; a version before this one checks
    them as version 1 and reports them altered."""
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE audit_log DROP COLUMN digest_version")
    else:
        op.drop_column("audit_log", "digest_version")
