"""Callback rounds: attempts, 无法联系, and callbacks made in person (Art. 20(2)(3))

A callback that did not reach the requester was tried again the next working day, without end,
and the retry's due date replaced the round's: an early failed attempt brought the deadline
forward. Now each callback carries its attempt within the round (`attempt`), a round ends as
无法联系 (state `no_contact`) once the attempts allowed are used, and `method` says whether it
was made by phone or in person (上门回访, for a requester without a phone).

Existing rounds are numbered: a callback following one not reached of the same case is the next
attempt. A retry still pending is due no earlier than the round's first due date. The callback
completion indicator now counts a round once (its last attempt), where every attempt not reached
counted as a missed callback: kept figures of the months such attempts were due in are counted
again on their next read (settled months keep the figures they were settled with).

Revision ID: 0016
Revises: 0015
"""
import sqlalchemy as sa
from alembic import op

from desktop.models.types import UTCDateTime

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

_STATES_BEFORE = "state IN ('pending', 'done', 'unreachable')"
_STATES_AFTER = "state IN ('pending', 'done', 'unreachable', 'no_contact')"
_METHODS = "method IN ('phone', 'in_person')"

_callbacks = sa.table("callbacks", sa.column("id", sa.Integer), sa.column("case_id", sa.Integer),
                      sa.column("due_at", UTCDateTime()), sa.column("state", sa.String),
                      sa.column("attempt", sa.Integer))


def _sqlite_state_check(before: str, after: str) -> None:
    """SQLite keeps a table's CHECK constraints in its CREATE statement. Widening (or narrowing
    back) the states allowed changes nothing stored, so the statement is rewritten in place, as
    SQLite documents for such changes: copying the table would break the evaluation's triggers on
    assignments and cases, which read it."""
    bind = op.get_bind()
    sql = bind.exec_driver_sql("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'callbacks'").scalar()
    if before not in sql:
        raise RuntimeError(f"callbacks: the check {before!r} was not found")
    version = bind.exec_driver_sql("PRAGMA schema_version").scalar()
    bind.exec_driver_sql("PRAGMA writable_schema = ON")
    bind.exec_driver_sql("UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'callbacks'",
                         (sql.replace(before, after),))
    bind.exec_driver_sql(f"PRAGMA schema_version = {version + 1}")
    bind.exec_driver_sql("PRAGMA writable_schema = OFF")


def _number_rounds() -> None:
    """Number the attempts of existing rounds; a pending retry is due no earlier than its round."""
    bind = op.get_bind()
    unreached = sa.select(_callbacks.c.case_id).where(_callbacks.c.state == "unreachable").distinct()
    rows = bind.execute(sa.select(_callbacks.c.id, _callbacks.c.case_id, _callbacks.c.due_at, _callbacks.c.state)
                        .where(_callbacks.c.case_id.in_(unreached))
                        .order_by(_callbacks.c.case_id, _callbacks.c.id)).all()
    previous = None  # (case_id, state, attempt, the round's first due date)
    for callback_id, case_id, due_at, state in rows:
        if previous is not None and previous[0] == case_id and previous[1] == "unreachable":
            attempt, first_due = previous[2] + 1, previous[3]
            values = {"attempt": attempt}
            if state == "pending" and due_at < first_due:
                values["due_at"] = first_due
            bind.execute(sa.update(_callbacks).where(_callbacks.c.id == callback_id).values(**values))
        else:
            attempt, first_due = 1, due_at
        previous = (case_id, state, attempt, first_due)


def _recount_months_with_unreached_attempts() -> None:
    month = ("strftime('%Y-%m', due_at, '+8 hours')" if op.get_bind().dialect.name == "sqlite"
             else "to_char(due_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')")
    op.execute(f"INSERT INTO evaluation_changed_months (month) "
               f"SELECT DISTINCT {month} FROM callbacks WHERE state = 'unreachable' "
               f"AND {month} IN (SELECT month FROM evaluation_month_counts)")


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE callbacks ADD COLUMN attempt INTEGER DEFAULT 1 NOT NULL "
                   "CONSTRAINT ck_callbacks_attempt_positive CHECK (attempt >= 1)")
        op.execute(f"ALTER TABLE callbacks ADD COLUMN method VARCHAR(9) "
                   f"CONSTRAINT ck_callbacks_ck_callbackmethod CHECK ({_METHODS})")
        _sqlite_state_check(_STATES_BEFORE, _STATES_AFTER)
    else:
        op.add_column("callbacks", sa.Column("attempt", sa.Integer(), nullable=False, server_default=sa.text("1")))
        op.add_column("callbacks", sa.Column("method", sa.String(length=9), nullable=True))
        op.create_check_constraint(op.f("ck_callbacks_attempt_positive"), "callbacks", "attempt >= 1")
        op.create_check_constraint(op.f("ck_callbacks_ck_callbackmethod"), "callbacks", _METHODS)
        op.drop_constraint(op.f("ck_callbacks_ck_callbackstate"), "callbacks", type_="check")
        op.create_check_constraint(op.f("ck_callbacks_ck_callbackstate"), "callbacks", _STATES_AFTER)
    _number_rounds()
    _recount_months_with_unreached_attempts()


def downgrade() -> None:
    op.execute("UPDATE callbacks SET state = 'unreachable' WHERE state = 'no_contact'")
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_state_check(_STATES_AFTER, _STATES_BEFORE)
        op.execute("ALTER TABLE callbacks DROP COLUMN method")
        op.execute("ALTER TABLE callbacks DROP COLUMN attempt")
    else:
        op.drop_constraint(op.f("ck_callbacks_ck_callbackstate"), "callbacks", type_="check")
        op.create_check_constraint(op.f("ck_callbacks_ck_callbackstate"), "callbacks", _STATES_BEFORE)
        op.drop_column("callbacks", "method")
        op.drop_column("callbacks", "attempt")
