"""Records of printed sheets (notice boards, lists, bulletins, forms)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, utcnow
from .enums import SheetKind
from .types import str_enum


class PrintedSheet(Base):
    """A sheet that was printed, with a hash of what it showed.

    A notice sheet needs reprinting (Art. 14: "及时更新") when the hash of what it would show
    now differs from the hash of its last printing.
    """

    __tablename__ = "printed_sheets"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[SheetKind] = mapped_column(str_enum(SheetKind))
    place_id: Mapped[int | None] = mapped_column(ForeignKey("places.id", ondelete="CASCADE"))
    subject_ref: Mapped[str | None] = mapped_column(String(40))
    content_hash: Mapped[str] = mapped_column(String(64))
    printed_at: Mapped[datetime] = mapped_column(default=utcnow)
    printed_by: Mapped[str] = mapped_column(String(60))
    pages: Mapped[int] = mapped_column(default=1)

    __table_args__ = (Index("ix_printed_sheets_kind_place", "kind", "place_id", "printed_at"),)
