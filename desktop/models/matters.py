"""The versioned matter list 事项清单 (Art. 12–13; SPEC §3)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Timestamped, Versioned, utcnow
from .enums import (
    ApplicationAction,
    MatterCategory,
    MatterComplexity,
    MatterListState,
    RectificationState,
    ReviewState,
    TimeLimitUnit,
)
from .types import str_enum


class MatterList(Timestamped, Base):
    """One published version of an institution's matter list (Art. 12(1), 13(1))."""

    __tablename__ = "matter_lists"

    id: Mapped[int] = mapped_column(primary_key=True)
    place_id: Mapped[int] = mapped_column(ForeignKey("places.id"), index=True)
    version: Mapped[int]
    title: Mapped[str] = mapped_column(String(120))
    state: Mapped[MatterListState] = mapped_column(str_enum(MatterListState), default=MatterListState.DRAFT)
    published_on: Mapped[date | None]

    items: Mapped[list[MatterItem]] = relationship(back_populates="matter_list", order_by="MatterItem.code")

    __table_args__ = (
        UniqueConstraint("place_id", "version"),
        CheckConstraint("version >= 1", name="version_positive"),
        CheckConstraint("state = 'draft' OR published_on IS NOT NULL", name="published_has_date"),
    )


class MatterItem(Versioned, Timestamped, Base):
    """An item of one version of a list. Versioned: an edit of a draft's item made on what another
    administrator has changed since is refused, naming who."""

    __tablename__ = "matter_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    matter_list_id: Mapped[int] = mapped_column(ForeignKey("matter_lists.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(200))
    category: Mapped[MatterCategory] = mapped_column(str_enum(MatterCategory))
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"), index=True)
    guidance_contact_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    complexity: Mapped[MatterComplexity] = mapped_column(str_enum(MatterComplexity), default=MatterComplexity.GENERAL)
    time_limit_unit: Mapped[TimeLimitUnit] = mapped_column(str_enum(TimeLimitUnit), default=TimeLimitUnit.WORKING_DAYS)
    time_limit: Mapped[int] = mapped_column(default=5)
    # May grid staff be asked to do or assist with it (Art. 13(3))?
    grid_staff_task: Mapped[bool] = mapped_column(default=True)
    description: Mapped[str | None] = mapped_column(Text)
    updated_by: Mapped[str | None] = mapped_column(String(60))  # who saved it last (services.saved_meanwhile)

    matter_list: Mapped[MatterList] = relationship(back_populates="items")

    __table_args__ = (
        UniqueConstraint("matter_list_id", "code"),
        CheckConstraint("time_limit > 0", name="time_limit_positive"),
    )


class MatterApplication(Timestamped, Base):
    """Art. 13(2): a department applies to add or retire an item; the institution reviews."""

    __tablename__ = "matter_applications"

    id: Mapped[int] = mapped_column(primary_key=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"), index=True)
    action: Mapped[ApplicationAction] = mapped_column(str_enum(ApplicationAction))
    matter_item_id: Mapped[int | None] = mapped_column(ForeignKey("matter_items.id"))
    # For "add": the proposed item (code, title, category, time limit …).
    proposal: Mapped[dict] = mapped_column(default=dict)
    reason: Mapped[str] = mapped_column(Text)
    state: Mapped[ReviewState] = mapped_column(str_enum(ReviewState), default=ReviewState.PENDING)
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reviewed_at: Mapped[datetime | None]
    review_comment: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        CheckConstraint("action = 'add' OR matter_item_id IS NOT NULL", name="retire_names_item"),
    )


class RectificationNotice(Timestamped, Base):
    """Art. 13(5): a department failing its duties is told to rectify within a deadline."""

    __tablename__ = "rectification_notices"

    id: Mapped[int] = mapped_column(primary_key=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"), index=True)
    issued_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    issued_at: Mapped[datetime] = mapped_column(default=utcnow)
    reason: Mapped[str] = mapped_column(Text)
    due_on: Mapped[date]
    state: Mapped[RectificationState] = mapped_column(str_enum(RectificationState), default=RectificationState.OPEN)
    rectified_at: Mapped[datetime | None]
    # The report that closed it: the one the institution confirmed, or one it recorded itself.
    response: Mapped[str | None] = mapped_column(Text)

    answers: Mapped[list[RectificationAnswer]] = relationship(order_by="RectificationAnswer.id")

    __table_args__ = (Index("ix_rectification_state_due", "state", "due_on"),)


class RectificationAnswer(Timestamped, Base):
    """A department's report on a notice (整改情况) and the institution's decision on it: each report
    kept, a second one after a return beside the first."""

    __tablename__ = "rectification_answers"

    id: Mapped[int] = mapped_column(primary_key=True)
    notice_id: Mapped[int] = mapped_column(ForeignKey("rectification_notices.id"), index=True)
    report: Mapped[str] = mapped_column(Text)
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    answered_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Reported after the deadline then in force (a return may set a new one).
    late: Mapped[bool] = mapped_column(default=False)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None]
    # Set when the institution returned the report; a decision without it confirmed the rectification.
    returned_reason: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        CheckConstraint("returned_reason IS NULL OR decided_at IS NOT NULL", name="returned_is_decided"),
    )
