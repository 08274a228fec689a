"""Evaluation indicators, periods and scores (Art. 5, 23; SPEC §7)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Float, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, Timestamped, utcnow
from .enums import PeriodKind
from .types import str_enum


class EvaluationIndicator(Timestamped, Base):
    __tablename__ = "evaluation_indicators"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(60))
    weight: Mapped[float] = mapped_column(Float, default=0.0)
    enabled: Mapped[bool] = mapped_column(default=True)
    sort_order: Mapped[int] = mapped_column(default=0)
    description: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (CheckConstraint("weight >= 0 AND weight <= 1", name="weight_fraction"),)


class EvaluationPeriod(Timestamped, Base):
    __tablename__ = "evaluation_periods"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(10), unique=True)  # 2026-10, 2026-Q4, 2026
    kind: Mapped[PeriodKind] = mapped_column(str_enum(PeriodKind))
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    closed: Mapped[bool] = mapped_column(default=False)
    closed_at: Mapped[datetime | None]  # the moment the figures were settled (their "as of")
    closed_by: Mapped[str | None] = mapped_column(String(60))

    __table_args__ = (
        CheckConstraint("ends_on >= starts_on", name="period"),
        CheckConstraint("NOT closed OR closed_at IS NOT NULL", name="closed_has_time"),
    )


class EvaluationScore(Base):
    """A frozen result: one indicator for one subject in one period (kept when a period closes).

    Kept per township of the rows counted, so that a settled month serves every scope from a
    township up: a county department's figures in one township are that township's rows.
    """

    __tablename__ = "evaluation_scores"

    id: Mapped[int] = mapped_column(primary_key=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("evaluation_periods.id", ondelete="CASCADE"))
    subject_kind: Mapped[str] = mapped_column(String(20))  # department / township / grid / staff
    subject_id: Mapped[int]
    township_id: Mapped[int] = mapped_column(ForeignKey("places.id"))
    indicator_code: Mapped[str] = mapped_column(String(40))
    numerator: Mapped[int]
    denominator: Mapped[int]
    value: Mapped[float | None] = mapped_column(Float)
    computed_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (
        UniqueConstraint("period_id", "subject_kind", "subject_id", "township_id", "indicator_code",
                         name="uq_evaluation_scores_subject"),
        # Summing settled months per subject (settled.py) reads this covering index in group order.
        Index("ix_evaluation_scores_read", "subject_kind", "indicator_code", "subject_id", "period_id", "township_id",
              "numerator", "denominator"),
        CheckConstraint("numerator >= 0 AND denominator >= 0 AND numerator <= denominator", name="ratio"),
        CheckConstraint("subject_kind IN ('department', 'township', 'grid', 'staff')", name="subject_kind"),
    )


class EvaluationMonthCount(Base):
    """A month that is over, counted live for one level and kept (evaluation/kept.py).

    Its figures stand while no `EvaluationChangedMonth` row names the month: triggers on the
    rows the figures count (migration 0006) record every later change to them.
    """

    __tablename__ = "evaluation_month_counts"

    month: Mapped[str] = mapped_column(String(7), primary_key=True)  # 2026-10
    subject_kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    counted_at: Mapped[datetime] = mapped_column(default=utcnow)


class EvaluationMonthFigure(Base):
    """A subject's kept figures for a month in one township: numerator and denominator of each
    indicator counted from assignments, case rounds and callbacks (the grains kept.py keeps).

    One row per subject rather than per indicator: a year of 5,000 grids is then 60,000 rows to
    sum, not 360,000.
    """

    __tablename__ = "evaluation_month_figures"

    id: Mapped[int] = mapped_column(primary_key=True)
    month: Mapped[str] = mapped_column(String(7))
    subject_kind: Mapped[str] = mapped_column(String(20))
    subject_id: Mapped[int]
    township_id: Mapped[int]
    response_numerator: Mapped[int] = mapped_column(default=0)
    response_denominator: Mapped[int] = mapped_column(default=0)
    on_time_numerator: Mapped[int] = mapped_column(default=0)
    on_time_denominator: Mapped[int] = mapped_column(default=0)
    resolution_numerator: Mapped[int] = mapped_column(default=0)
    resolution_denominator: Mapped[int] = mapped_column(default=0)
    satisfaction_numerator: Mapped[int] = mapped_column(default=0)
    satisfaction_denominator: Mapped[int] = mapped_column(default=0)
    on_hold_numerator: Mapped[int] = mapped_column(default=0)
    on_hold_denominator: Mapped[int] = mapped_column(default=0)
    callback_numerator: Mapped[int] = mapped_column(default=0)
    callback_denominator: Mapped[int] = mapped_column(default=0)

    __table_args__ = (
        # Summing a subject's months reads them in subject order.
        Index("ix_evaluation_month_figures_read", "subject_kind", "subject_id", "month"),
        Index("ix_evaluation_month_figures_month", "month", "subject_kind"),
    )


class EvaluationChangedMonth(Base):
    """A change to an assignment, callback or case that counts in a month that was over (written by triggers).

    `xact` is the PostgreSQL transaction that wrote it: each transaction names a month once, so
    that a month's figures counted while the change was uncommitted never outlive it (SQLite has
    one writer at a time and names each month once).
    """

    __tablename__ = "evaluation_changed_months"

    id: Mapped[int] = mapped_column(primary_key=True)
    month: Mapped[str] = mapped_column(String(7))
    xact: Mapped[str | None] = mapped_column(String(20))

    __table_args__ = (Index("ix_evaluation_changed_months_month", "month", "xact"),)
