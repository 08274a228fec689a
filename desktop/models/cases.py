"""Requests and cases 诉求 (Art. 16–20; SPEC §4)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, Float, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Timestamped, Versioned, utcnow
from .enums import (
    ACTIVE_ASSIGNMENT_STATES,
    AssignmentRole,
    AssignmentState,
    CallbackMethod,
    CallbackOutcome,
    CallbackState,
    CaseState,
    Channel,
    DecisionState,
    HandlingLevel,
    MatterCategory,
    Satisfaction,
    SupervisionLevel,
)
from .types import str_enum

_ACTIVE = ", ".join(f"'{s.value}'" for s in ACTIVE_ASSIGNMENT_STATES)


class Case(Versioned, Timestamped, Base):
    """A request taken in (Art. 16), handled on the spot or dispatched (Art. 17–18).

    The township/county/village/grid ids are kept on the row so that the queue can filter
    any subtree with an indexed equality test over a million cases.
    """

    __tablename__ = "cases"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    channel: Mapped[Channel] = mapped_column(str_enum(Channel))
    external_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    requester_name: Mapped[str | None] = mapped_column(String(40))
    requester_phone: Mapped[str | None] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text)
    category: Mapped[MatterCategory] = mapped_column(str_enum(MatterCategory))
    matter_item_id: Mapped[int | None] = mapped_column(ForeignKey("matter_items.id"), index=True)
    lon: Mapped[float | None] = mapped_column(Float)
    lat: Mapped[float | None] = mapped_column(Float)
    address: Mapped[str | None] = mapped_column(String(200))
    county_id: Mapped[int] = mapped_column(ForeignKey("places.id"))
    township_id: Mapped[int] = mapped_column(ForeignKey("places.id"))
    village_id: Mapped[int | None] = mapped_column(ForeignKey("places.id"))
    grid_id: Mapped[int | None] = mapped_column(ForeignKey("places.id"))
    state: Mapped[CaseState] = mapped_column(str_enum(CaseState))
    level: Mapped[HandlingLevel] = mapped_column(str_enum(HandlingLevel), default=HandlingLevel.TOWNSHIP)
    urgent: Mapped[bool] = mapped_column(default=False)
    supervision: Mapped[SupervisionLevel] = mapped_column(str_enum(SupervisionLevel), default=SupervisionLevel.NONE)
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    registered_at: Mapped[datetime | None]
    # The current deadline of the whole case (the lead assignment's, extensions included).
    due_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    resolution: Mapped[str | None] = mapped_column(Text)
    # Art. 19(2): temporarily unresolvable (暂缓/挂账), with the explanation given to the requester.
    hold_reason: Mapped[str | None] = mapped_column(Text)
    hold_explanation: Mapped[str | None] = mapped_column(Text)
    reopen_count: Mapped[int] = mapped_column(default=0)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"))
    updated_by: Mapped[str | None] = mapped_column(String(60))
    synthetic: Mapped[bool] = mapped_column(default=False)

    assignments: Mapped[list[Assignment]] = relationship(back_populates="case", order_by="Assignment.id")
    events: Mapped[list[CaseEvent]] = relationship(back_populates="case", order_by="CaseEvent.id")

    __table_args__ = (
        CheckConstraint("lon IS NULL OR (lon BETWEEN -180 AND 180)", name="lon_range"),
        CheckConstraint("lat IS NULL OR (lat BETWEEN -90 AND 90)", name="lat_range"),
        CheckConstraint("(lon IS NULL) = (lat IS NULL)", name="lonlat_together"),
        CheckConstraint("state <> 'merged' OR merged_into_id IS NOT NULL", name="merged_has_target"),
        CheckConstraint("state <> 'on_hold' OR hold_reason IS NOT NULL", name="hold_has_reason"),
        CheckConstraint("reopen_count >= 0", name="reopen_count_nonnegative"),
        Index("ix_cases_state_due", "state", "due_at"),
        Index("ix_cases_township_state_due", "township_id", "state", "due_at"),
        Index("ix_cases_county_state", "county_id", "state"),
        Index("ix_cases_village", "village_id"),
        Index("ix_cases_grid_state", "grid_id", "state"),
        Index("ix_cases_category_received", "category", "received_at"),
        # Covering index of the hotspot counts and hard problems (Art. 22): received range →
        # category × grid, state and reopenings; it also serves the queue's received order (a
        # separate index on received_at alone only slowed every insert).
        Index("ix_cases_received_category_grid", "received_at", "category", "grid_id", "state", "reopen_count"),
        # The queue (services/queue.py): filters by category or supervision, and the deadline and
        # title orders over all states, each served by an index over a million cases.
        Index("ix_cases_category_state_due", "category", "state", "due_at"),
        Index("ix_cases_supervision_state_due", "supervision", "state", "due_at"),
        Index("ix_cases_due", "due_at"),
        Index("ix_cases_title", "title"),
        # Open cases by received time or title: the few ten thousand open rows are read from
        # these (covering) indexes, a row lookup each is what made those orders slow. The first
        # also carries number and title (a text search in received order needs no row), which
        # keeps it wider than ix_cases_state_due: SQLite prefers the narrower of two equally
        # selective indexes, and a text search in deadline order must keep ix_cases_state_due.
        Index("ix_cases_state_received", "state", "received_at", "number", "title"),
        Index("ix_cases_state_title", "state", "title"),
        # The duplicates merged into a case, listed on its panel: few rows, so only those are indexed.
        Index("ix_cases_merged_into", "merged_into_id", sqlite_where=text("merged_into_id IS NOT NULL"),
              postgresql_where=text("merged_into_id IS NOT NULL")),
    )


class Assignment(Versioned, Timestamped, Base):
    """A department's share of a case (Art. 18): lead or co-handler, each with its own clock."""

    __tablename__ = "assignments"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"), index=True)
    role: Mapped[AssignmentRole] = mapped_column(str_enum(AssignmentRole))
    state: Mapped[AssignmentState] = mapped_column(str_enum(AssignmentState), default=AssignmentState.DISPATCHED)
    dispatched_at: Mapped[datetime] = mapped_column(default=utcnow)
    dispatched_by: Mapped[str | None] = mapped_column(String(60))
    sign_due_at: Mapped[datetime]
    signed_at: Mapped[datetime | None]
    contact_due_at: Mapped[datetime | None]
    contacted_at: Mapped[datetime | None]
    due_at: Mapped[datetime]
    original_due_at: Mapped[datetime]
    reported_at: Mapped[datetime | None]
    result: Mapped[str | None] = mapped_column(Text)
    finished_at: Mapped[datetime | None]
    # Seconds the clock stood still while an extension or objection was decided.
    paused_seconds: Mapped[int] = mapped_column(default=0)
    paused_since: Mapped[datetime | None]

    case: Mapped[Case] = relationship(back_populates="assignments")

    __table_args__ = (
        CheckConstraint("due_at >= dispatched_at", name="due_after_dispatch"),
        CheckConstraint("paused_seconds >= 0", name="paused_nonnegative"),
        # Never a double dispatch: one active lead per case, one active share per department.
        Index(
            "uq_assignments_one_active_lead",
            "case_id",
            unique=True,
            sqlite_where=text(f"role = 'lead' AND state IN ({_ACTIVE})"),
            postgresql_where=text(f"role = 'lead' AND state IN ({_ACTIVE})"),
        ),
        Index(
            "uq_assignments_one_active_per_department",
            "case_id",
            "department_id",
            unique=True,
            sqlite_where=text(f"state IN ({_ACTIVE})"),
            postgresql_where=text(f"state IN ({_ACTIVE})"),
        ),
        Index("ix_assignments_department_state", "department_id", "state"),
        # Covering indexes of the evaluation (Art. 23): rows are picked by the period of a deadline.
        Index("ix_assignments_due_evaluation", "due_at", "role", "state", "case_id", "department_id", "finished_at"),
        Index("ix_assignments_sign_due_evaluation", "sign_due_at", "state", "signed_at", "case_id", "department_id",
              "finished_at"),
        # A case's leads (the current round, the department answerable for a callback) without
        # reading assignment rows.
        Index("ix_assignments_case_lead", "case_id", "role", "state", "department_id"),
        # The leads not signed for yet, a few at any time: the queue's 只看超期 finds a missed sign-for here.
        Index("ix_assignments_lead_unsigned", "sign_due_at", "case_id",
              sqlite_where=text("role = 'lead' AND state = 'dispatched'"),
              postgresql_where=text("role = 'lead' AND state = 'dispatched'")),
    )


class CaseEvent(Base):
    """The case timeline: who did what, when, from which desktop. Never updated."""

    __tablename__ = "case_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    kind: Mapped[str] = mapped_column(String(40))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    actor_name: Mapped[str] = mapped_column(String(60))
    desktop: Mapped[str | None] = mapped_column(String(64))
    from_state: Mapped[str | None] = mapped_column(String(20))
    to_state: Mapped[str | None] = mapped_column(String(20))
    assignment_id: Mapped[int | None] = mapped_column(ForeignKey("assignments.id", ondelete="SET NULL"))
    message: Mapped[str] = mapped_column(Text, default="")
    detail: Mapped[dict] = mapped_column(default=dict)

    case: Mapped[Case] = relationship(back_populates="events")

    __table_args__ = (Index("ix_case_events_case_id", "case_id", "id"),)


class Escalation(Base):
    """A case sent one level up (grid → township → county → city) or assigned down (Art. 5; from its grid,
    grid staff reporting up what they cannot settle, Art. 17(2))."""

    __tablename__ = "escalations"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    from_level: Mapped[HandlingLevel] = mapped_column(str_enum(HandlingLevel, "ck_escalation_from"))
    to_level: Mapped[HandlingLevel] = mapped_column(str_enum(HandlingLevel, "ck_escalation_to"))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    actor_name: Mapped[str] = mapped_column(String(60))
    reason: Mapped[str] = mapped_column(Text)

    __table_args__ = (CheckConstraint("from_level <> to_level", name="changes_level"),)


class Extension(Base):
    """Art. 19(2): an extension of the time limit, asked with a reason, approved or refused."""

    __tablename__ = "extensions"

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(ForeignKey("assignments.id", ondelete="CASCADE"), index=True)
    requested_at: Mapped[datetime] = mapped_column(default=utcnow)
    requested_by: Mapped[str] = mapped_column(String(60))
    reason: Mapped[str] = mapped_column(Text)
    requested_amount: Mapped[int]
    state: Mapped[DecisionState] = mapped_column(str_enum(DecisionState), default=DecisionState.PENDING)
    decided_by: Mapped[str | None] = mapped_column(String(60))
    decided_at: Mapped[datetime | None]
    comment: Mapped[str | None] = mapped_column(Text)
    new_due_at: Mapped[datetime | None]
    paused_clock: Mapped[bool] = mapped_column(default=False)  # the share's clock stood still while it was decided

    __table_args__ = (
        CheckConstraint("requested_amount > 0", name="amount_positive"),
        CheckConstraint("state <> 'approved' OR new_due_at IS NOT NULL", name="approved_has_due"),
    )


class Objection(Base):
    """Art. 18(2): a department objects to its duty or jurisdiction; back to the center."""

    __tablename__ = "objections"

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(ForeignKey("assignments.id", ondelete="CASCADE"), index=True)
    raised_at: Mapped[datetime] = mapped_column(default=utcnow)
    raised_by: Mapped[str] = mapped_column(String(60))
    reason: Mapped[str] = mapped_column(Text)
    state: Mapped[DecisionState] = mapped_column(str_enum(DecisionState, "ck_objection_state"), default=DecisionState.PENDING)
    decided_by: Mapped[str | None] = mapped_column(String(60))
    decided_at: Mapped[datetime | None]
    comment: Mapped[str | None] = mapped_column(Text)
    paused_clock: Mapped[bool] = mapped_column(default=False)  # the share's clock stood still while it was decided


class StageReport(Base):
    """Art. 18(1): a stage report when a case cannot be finished in time, or a co-handler's report."""

    __tablename__ = "stage_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(ForeignKey("assignments.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    by: Mapped[str] = mapped_column(String(60))
    content: Mapped[str] = mapped_column(Text)


class SupervisionOrder(Base):
    """Art. 20(1): 督办 with a level and deadline; key supervision of unresolved cases."""

    __tablename__ = "supervision_orders"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    level: Mapped[SupervisionLevel] = mapped_column(str_enum(SupervisionLevel, "ck_supervision_order_level"))
    issued_at: Mapped[datetime] = mapped_column(default=utcnow)
    issued_by: Mapped[str] = mapped_column(String(60))
    due_at: Mapped[datetime]
    reason: Mapped[str] = mapped_column(Text)
    closed_at: Mapped[datetime | None]

    __table_args__ = (CheckConstraint("level <> 'none'", name="has_level"),)


class Callback(Base):
    """Art. 20(2)(3): the responsible person calls the requester back."""

    __tablename__ = "callbacks"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    due_at: Mapped[datetime]
    state: Mapped[CallbackState] = mapped_column(str_enum(CallbackState), default=CallbackState.PENDING)
    done_at: Mapped[datetime | None]
    caller: Mapped[str | None] = mapped_column(String(60))
    solved: Mapped[bool | None]
    satisfaction: Mapped[Satisfaction | None] = mapped_column(str_enum(Satisfaction))
    notes: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[CallbackOutcome] = mapped_column(str_enum(CallbackOutcome), default=CallbackOutcome.NONE)
    # The round's attempts (Art. 20(2)): 1 for a callback scheduled, n + 1 for the one after an
    # attempt n that did not reach the requester.
    attempt: Mapped[int] = mapped_column(default=1, server_default=text("1"))
    method: Mapped[CallbackMethod | None] = mapped_column(str_enum(CallbackMethod))  # how it was made

    __table_args__ = (
        CheckConstraint("state <> 'done' OR (done_at IS NOT NULL AND solved IS NOT NULL)", name="done_is_complete"),
        CheckConstraint("attempt >= 1", name="attempt_positive"),
        Index("ix_callbacks_state_due", "state", "due_at"),
        # Covering indexes of the evaluation: callbacks due in a period, and a case's last word.
        Index("ix_callbacks_due_evaluation", "due_at", "state", "done_at", "case_id"),
        Index("ix_callbacks_case_state", "case_id", "state", "solved", "satisfaction"),
    )


class CaseNumberSequence(Base):
    """Per township, year and series, the last number handed out (portable across backends).

    Series: "case" for case numbers, "bulletin" for emergency bulletins (信息快报, Art. 21);
    each runs from 1 every year, so that neither leaves gaps in the other.
    """

    __tablename__ = "case_number_sequences"

    township_id: Mapped[int] = mapped_column(ForeignKey("places.id"), primary_key=True)
    year: Mapped[int] = mapped_column(primary_key=True)
    series: Mapped[str] = mapped_column(String(10), primary_key=True, default="case")
    last_value: Mapped[int] = mapped_column(default=0)
