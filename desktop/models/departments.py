"""Linked departments (联动部门) and their liaisons (Art. 5, 13, 18–20)."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Timestamped, Versioned
from .enums import DepartmentLevel
from .types import str_enum


class Department(Versioned, Timestamped, Base):
    """A linked department (联动部门, Art. 5(5)): a city or county unit, or its office in a township."""

    __tablename__ = "departments"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(30), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    short_name: Mapped[str] = mapped_column(String(40))
    level: Mapped[DepartmentLevel] = mapped_column(str_enum(DepartmentLevel))
    # The territory the department serves (city, county or township place).
    place_id: Mapped[int] = mapped_column(ForeignKey("places.id"), index=True)
    # The department of the line above, whose work this one does in its territory (the police
    # station for the county's public security bureau); dispatch suggests it (Art. 17(1)).
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id"), index=True)
    phone: Mapped[str | None] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(default=True)
    synthetic: Mapped[bool] = mapped_column(default=False)
    updated_by: Mapped[str | None] = mapped_column(String(60))  # who saved it last (services.saved_meanwhile)

    liaisons: Mapped[list[Liaison]] = relationship(back_populates="department")

    __table_args__ = (UniqueConstraint("place_id", "name"),)


class Liaison(Timestamped, Base):
    """A department's contact: liaison, guidance contact (Art. 13) or responsible person (Art. 20)."""

    __tablename__ = "liaisons"

    id: Mapped[int] = mapped_column(primary_key=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    is_guidance_contact: Mapped[bool] = mapped_column(default=False)
    is_responsible: Mapped[bool] = mapped_column(default=False)

    department: Mapped[Department] = relationship(back_populates="liaisons")

    __table_args__ = (UniqueConstraint("department_id", "person_id"),)
