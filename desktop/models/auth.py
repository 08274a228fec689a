"""Users, role grants scoped to places, and the append-only audit log (Art. 15; SPEC §9)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Timestamped, utcnow
from .enums import AuditOutcome, Role
from .types import str_enum


class User(Timestamped, Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(40), unique=True)
    display_name: Mapped[str] = mapped_column(String(60))
    # "scrypt$n$r$p$salt$hash" (hashlib.scrypt, standard library).
    password_hash: Mapped[str] = mapped_column(String(200))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id", ondelete="SET NULL"))
    active: Mapped[bool] = mapped_column(default=True)
    last_login_at: Mapped[datetime | None]
    synthetic: Mapped[bool] = mapped_column(default=False)
    # Set by an administrator who chose the password (a new account, a reset): its owner sets their
    # own at the next log-in, so that a password someone else knows does not stay in use (Art. 15).
    must_change_password: Mapped[bool] = mapped_column(default=False)
    # When the password was last set; past the city's maximum age its owner chooses a new one
    # (password_policy, Art. 15).
    password_changed_at: Mapped[datetime] = mapped_column(default=utcnow)

    grants: Mapped[list[RoleGrant]] = relationship(back_populates="user", cascade="all, delete-orphan")


class RoleGrant(Base):
    """A role held over a subtree of places (the scope)."""

    __tablename__ = "role_grants"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[Role] = mapped_column(str_enum(Role))
    place_id: Mapped[int] = mapped_column(ForeignKey("places.id"))

    user: Mapped[User] = relationship(back_populates="grants")

    __table_args__ = (UniqueConstraint("user_id", "role", "place_id"),)


class AuditEntry(Base):
    """Append-only and tamper-evident: each entry hashes its content and its predecessor's hash.

    Database triggers (see the migrations) refuse UPDATE and DELETE on this table.
    """

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    actor: Mapped[str] = mapped_column(String(60))
    os_user: Mapped[str | None] = mapped_column(String(60))
    desktop: Mapped[str | None] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(60))
    target: Mapped[str | None] = mapped_column(String(80))
    place_code: Mapped[str | None] = mapped_column(String(15))
    outcome: Mapped[AuditOutcome] = mapped_column(str_enum(AuditOutcome))
    message: Mapped[str] = mapped_column(Text, default="")
    detail: Mapped[dict] = mapped_column(default=dict)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)
    # Which fields the hash covers (services.audit.DIGEST_VERSION); entries before version 2 keep 1.
    digest_version: Mapped[int] = mapped_column(server_default=text("1"))

    __table_args__ = (Index("ix_audit_action_at", "action", "at"),)
