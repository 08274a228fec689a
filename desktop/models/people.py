"""People: grid staff, leadership, professionals and work logs (Art. 8–11; SPEC §2)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Timestamped, Versioned, utcnow
from .enums import LeadershipRole, PersonStatus, Profession, StaffRole, StaffSource, WorkLogKind
from .types import str_enum


class Person(Versioned, Timestamped, Base):
    """Anyone the center deals with by name. Phones and ID numbers are sensitive (Art. 15). Versioned: an
    administrator's edit of a grid worker made on what another has changed since is refused, naming who."""

    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(40), index=True)
    phone: Mapped[str | None] = mapped_column(String(20))
    id_number: Mapped[str | None] = mapped_column(String(18), unique=True)
    status: Mapped[PersonStatus] = mapped_column(str_enum(PersonStatus), default=PersonStatus.ACTIVE)
    organisation: Mapped[str | None] = mapped_column(String(100))
    notes: Mapped[str | None] = mapped_column(Text)
    synthetic: Mapped[bool] = mapped_column(default=False)
    updated_by: Mapped[str | None] = mapped_column(String(60))  # who saved it last (services.saved_meanwhile)

    grid_roles: Mapped[list[GridStaffRole]] = relationship(back_populates="person")


class GridStaffRole(Timestamped, Base):
    """A person serving a grid as head, member or exclusive-grid staff, from a source (Art. 9)."""

    __tablename__ = "grid_staff_roles"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    grid_id: Mapped[int] = mapped_column(ForeignKey("places.id", ondelete="CASCADE"), index=True)
    role: Mapped[StaffRole] = mapped_column(str_enum(StaffRole))
    source: Mapped[StaffSource] = mapped_column(str_enum(StaffSource))
    start_on: Mapped[date]
    end_on: Mapped[date | None]

    person: Mapped[Person] = relationship(back_populates="grid_roles")

    __table_args__ = (
        UniqueConstraint("person_id", "grid_id", "role", "start_on"),
        CheckConstraint("end_on IS NULL OR end_on >= start_on", name="period"),
    )


class LeadershipAssignment(Timestamped, Base):
    """Art. 8: county contact leaders and instructors per area; township chief per village."""

    __tablename__ = "leadership_assignments"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    place_id: Mapped[int] = mapped_column(ForeignKey("places.id", ondelete="CASCADE"), index=True)
    role: Mapped[LeadershipRole] = mapped_column(str_enum(LeadershipRole))
    title: Mapped[str | None] = mapped_column(String(60))
    start_on: Mapped[date]
    end_on: Mapped[date | None]

    __table_args__ = (
        UniqueConstraint("person_id", "place_id", "role", "start_on"),
        CheckConstraint("end_on IS NULL OR end_on >= start_on", name="period"),
    )


class Professional(Timestamped, Base):
    """Art. 11(2): judges, prosecutors, police, lawyers and others who enter grids."""

    __tablename__ = "professionals"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), unique=True)
    profession: Mapped[Profession] = mapped_column(str_enum(Profession))
    organisation: Mapped[str] = mapped_column(String(100))


class ProfessionalVisit(Base):
    __tablename__ = "professional_visits"

    id: Mapped[int] = mapped_column(primary_key=True)
    professional_id: Mapped[int] = mapped_column(ForeignKey("professionals.id", ondelete="CASCADE"), index=True)
    grid_id: Mapped[int] = mapped_column(ForeignKey("places.id"), index=True)
    visited_on: Mapped[date]
    purpose: Mapped[str] = mapped_column(String(60))
    summary: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class WorkLogEntry(Base):
    """Art. 10: visits, risk screening, mediation, information reports."""

    __tablename__ = "work_log_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    grid_id: Mapped[int] = mapped_column(ForeignKey("places.id"), index=True)
    kind: Mapped[WorkLogKind] = mapped_column(str_enum(WorkLogKind))
    occurred_at: Mapped[datetime]
    summary: Mapped[str] = mapped_column(Text)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (Index("ix_work_log_person_time", "person_id", "occurred_at"),)
