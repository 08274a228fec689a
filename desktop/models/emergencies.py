"""Emergency reports and the Art. 21 reporting ladder (SPEC §5)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, Float, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Timestamped, Versioned, utcnow
from .enums import EmergencyLevel, EmergencyState, EmergencyStepKind, EmergencyType, HandlingLevel
from .types import str_enum


class EmergencyReport(Versioned, Timestamped, Base):
    """Art. 21: a major dispute, mass incident, emergency or other urgent situation."""

    __tablename__ = "emergency_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    township_id: Mapped[int] = mapped_column(ForeignKey("places.id"), index=True)
    grid_id: Mapped[int | None] = mapped_column(ForeignKey("places.id"))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id", ondelete="SET NULL"))
    type: Mapped[EmergencyType] = mapped_column(str_enum(EmergencyType))
    level: Mapped[EmergencyLevel] = mapped_column(str_enum(EmergencyLevel))
    title: Mapped[str] = mapped_column(String(120))
    occurred_at: Mapped[datetime]  # of an anticipated situation: when its risk became known (= learned_at)
    learned_at: Mapped[datetime]
    # Art. 21 covers what may happen: a warning of a situation not happened yet, expected at expected_at.
    anticipated: Mapped[bool] = mapped_column(default=False)
    expected_at: Mapped[datetime | None]
    place_text: Mapped[str] = mapped_column(String(200))
    lon: Mapped[float | None] = mapped_column(Float)
    lat: Mapped[float | None] = mapped_column(Float)
    people_involved: Mapped[int] = mapped_column(default=0)
    deaths: Mapped[int] = mapped_column(default=0)
    injuries: Mapped[int] = mapped_column(default=0)
    missing: Mapped[int] = mapped_column(default=0)
    # A first report rarely knows its casualties: the counts are then those known so far, still being
    # verified (伤亡情况尚在核实); the final report states verified ones (emergencies.close).
    casualties_unverified: Mapped[bool] = mapped_column(default=False)
    summary: Mapped[str] = mapped_column(Text)
    measures: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[EmergencyState] = mapped_column(str_enum(EmergencyState), default=EmergencyState.OPEN)
    handled_at: Mapped[datetime | None]
    reported_by: Mapped[str] = mapped_column(String(60))
    # The wall display is taken over until a supervisor acknowledges (SPEC §5).
    acknowledged_at: Mapped[datetime | None]
    acknowledged_by: Mapped[str | None] = mapped_column(String(60))
    synthetic: Mapped[bool] = mapped_column(default=False)

    steps: Mapped[list[EmergencyStep]] = relationship(back_populates="report", order_by="EmergencyStep.due_at")

    __table_args__ = (
        CheckConstraint(
            "people_involved >= 0 AND deaths >= 0 AND injuries >= 0 AND missing >= 0", name="counts_nonnegative"
        ),
        CheckConstraint("learned_at >= occurred_at", name="learned_after_occurred"),
        Index("ix_emergency_unacknowledged", "acknowledged_at", "learned_at"),
    )


class EmergencyStep(Base):
    """One rung of the ladder: phone first report, written first report, follow-ups, final."""

    __tablename__ = "emergency_steps"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("emergency_reports.id", ondelete="CASCADE"), index=True)
    kind: Mapped[EmergencyStepKind] = mapped_column(str_enum(EmergencyStepKind))
    to_level: Mapped[HandlingLevel] = mapped_column(str_enum(HandlingLevel, "ck_emergency_step_to"))
    due_at: Mapped[datetime]
    done_at: Mapped[datetime | None]
    done_by: Mapped[str | None] = mapped_column(String(60))
    content: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    report: Mapped[EmergencyReport] = relationship(back_populates="steps")

    __table_args__ = (CheckConstraint("to_level IN ('county', 'city')", name="reports_upward"),)
