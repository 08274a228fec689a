"""Key governance of recurring and hard problems (Art. 22; SPEC §6)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, Float, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, Timestamped
from .enums import GovernanceState, MatterCategory
from .types import str_enum

governance_item_cases = Table(
    "governance_item_cases",
    Base.metadata,
    Column("governance_item_id", ForeignKey("governance_items.id", ondelete="CASCADE"), primary_key=True),
    Column("case_id", ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True),
)


class GovernanceItem(Timestamped, Base):
    __tablename__ = "governance_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    place_id: Mapped[int] = mapped_column(ForeignKey("places.id"), index=True)
    category: Mapped[MatterCategory] = mapped_column(str_enum(MatterCategory))
    title: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text, default="")
    center_lon: Mapped[float | None] = mapped_column(Float)
    center_lat: Mapped[float | None] = mapped_column(Float)
    radius_m: Mapped[float | None] = mapped_column(Float)
    window_start: Mapped[datetime | None]
    window_end: Mapped[datetime | None]
    owner_department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id"))
    owner_name: Mapped[str | None] = mapped_column(String(60))
    review_on: Mapped[date | None]
    state: Mapped[GovernanceState] = mapped_column(str_enum(GovernanceState), default=GovernanceState.PROPOSED)
    closed_at: Mapped[datetime | None]
    closing_note: Mapped[str | None] = mapped_column(Text)
