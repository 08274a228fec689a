"""Settings, the working-day calendar supplement and the change feed."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, utcnow
from .enums import DayKind
from .types import str_enum


class Setting(Base):
    """A configurable rule (staffing adequacy, callbacks, recurring problems, clock …)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[dict | list | int | float | str | bool] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    updated_by: Mapped[str | None] = mapped_column(String(60))


class CalendarDay(Base):
    """A holiday or make-up workday entered by an admin: for a year the bundled calendar lacks (with the
    days its schedule puts in the December before), or (`regional`) one of the autonomous region's own,
    such as 壮族三月三, in any year."""

    __tablename__ = "calendar_days"

    day: Mapped[date] = mapped_column(primary_key=True)
    kind: Mapped[DayKind] = mapped_column(str_enum(DayKind))
    name: Mapped[str] = mapped_column(String(40), default="")
    entered_by: Mapped[str] = mapped_column(String(60))
    entered_at: Mapped[datetime] = mapped_column(default=utcnow)
    regional: Mapped[bool] = mapped_column(default=False)
    # The later year whose schedule put this day at the end of its own (published) year, over the
    # bundled schedule (29 Dec 2018, a make-up workday of the 2019 New Year); None: the day's own year.
    schedule_year: Mapped[int | None] = mapped_column(default=None)


class ChangeFeed(Base):
    """One row per committed change, for desktops on SQLite (polled) and for catch-up on reconnect."""

    __tablename__ = "change_feed"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    topic: Mapped[str] = mapped_column(String(30))  # cases, places, staff, matters, emergencies …
    entity_id: Mapped[int | None]
    township_id: Mapped[int | None] = mapped_column(ForeignKey("places.id", ondelete="SET NULL"))
    desktop: Mapped[str | None] = mapped_column(String(64))
    note: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (Index("ix_change_feed_topic_id", "topic", "id"),)
