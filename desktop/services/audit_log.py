"""Reading the audit log (Art. 15(3)): who did what, where and when, for the auditors.

The log itself is written by unit_of_work (audit.append) and never changed. Reading it needs
Permission.VIEW_AUDIT; an auditor sees the entries of the places under their grants, and the
entries tied to no place (log-ins, city-wide settings) only with a grant over the whole city.
Each query is itself put on record, so that reading the log leaves a trace as every use of
personal data does; so is each check of the chain.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import false, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from ..db import Database
from ..errors import PermissionDenied
from ..models import AuditEntry, Place
from ..models.enums import AuditOutcome, PlaceLevel
from . import audit, audit_actions
from .clock import beijing_text
from .places import get_place
from .security import Actor, Permission, enclosing_code, scope_prefix
from .unit_of_work import unit_of_work

PAGE = 200  # entries per page, newest first


@dataclass(frozen=True)
class AuditFilter:
    """Which entries to read. Texts match anywhere in the field; times are [since, until)."""

    since: datetime | None = None
    until: datetime | None = None
    user: str = ""  # the account's log-in name or the OS user
    action: str = ""  # in the action's code or its label: "cases." for every case action, "users.login", "登录"
    # The actions whose label, as the desk shows it in its language, holds `action`: matched too.
    actions: frozenset[str] = frozenset()
    text: str = ""  # in the message or the target
    outcomes: frozenset[AuditOutcome] = frozenset()  # empty: every outcome
    under: str | None = None  # a place code: its entries and those of the places under it
    # The newest entry a query reads: its later pages and its count stop at its first page's newest
    # entry, so that the entries added meanwhile (the query's own record among them) shift no row.
    up_to_id: int | None = None

    def with_(self, **changes) -> AuditFilter:
        return replace(self, **changes)

    def described(self) -> str:
        """The filter as the audit entry of a query records it."""
        parts = [f"{name}={value}" for name, value in (
            ("起", self.since and beijing_text(self.since, "%Y-%m-%d %H:%M")),
            ("止", self.until and beijing_text(self.until, "%Y-%m-%d %H:%M")),
            ("用户", self.user), ("操作", self.action), ("内容", self.text), ("地点", self.under),
            ("结果", "、".join(sorted(o.label for o in self.outcomes))), ("截至记录", self.up_to_id)) if value]
        return ",".join(parts) or "全部"


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime
    actor: str
    os_user: str | None
    desktop: str | None
    action: str
    target: str | None
    place_code: str | None
    outcome: AuditOutcome
    message: str
    place_name: str | None  # the place's short name


@dataclass(frozen=True)
class ChainCheck:
    entries: int
    problems: tuple[audit.ChainProblem, ...]

    @property
    def intact(self) -> bool:
        return not self.problems


def _visible(actor: Actor) -> ColumnElement[bool]:
    """The entries the actor may read: under a VIEW_AUDIT grant; placeless ones with a city-wide grant."""
    grants = actor.scopes(Permission.VIEW_AUDIT)
    if grants is None:  # the system actor
        return AuditEntry.id.is_not(None)
    if not grants:
        return false()
    conditions = [AuditEntry.place_code.startswith(scope_prefix(g.place_code, g.place_level), autoescape=True)
                  for g in grants]
    if any(g.place_level is PlaceLevel.CITY for g in grants):
        conditions.append(AuditEntry.place_code.is_(None))
    return or_(*conditions)


def _refusal(actor: Actor, where: str = "") -> PermissionDenied:
    return PermissionDenied(f"用户“{actor.display_name}”无权查看{where}审计日志;审计日志只供审计员查阅",
                            article="Art. 15")


def _conditions(session: Session, actor: Actor, f: AuditFilter) -> list[ColumnElement[bool]]:
    found = [_visible(actor)]
    if f.since is not None:
        found.append(AuditEntry.at >= f.since)
    if f.until is not None:
        found.append(AuditEntry.at < f.until)
    if f.user:
        found.append(or_(AuditEntry.actor.contains(f.user, autoescape=True),
                         AuditEntry.os_user.contains(f.user, autoescape=True)))
    if f.action:
        found.append(or_(AuditEntry.action.contains(f.action, autoescape=True),
                         AuditEntry.action.in_(audit_actions.labelled(f.action) | f.actions)))
    if f.text:
        found.append(or_(AuditEntry.message.contains(f.text, autoescape=True),
                         AuditEntry.target.contains(f.text, autoescape=True)))
    if f.outcomes:
        found.append(AuditEntry.outcome.in_(f.outcomes))
    if f.up_to_id is not None:
        found.append(AuditEntry.id <= f.up_to_id)
    if f.under:
        place = get_place(session, f.under)
        within = AuditEntry.place_code.startswith(scope_prefix(place.code, place.level), autoescape=True)
        # The entries tied to no place (log-ins, city-wide settings) are the city's, as in _visible.
        found.append(or_(within, AuditEntry.place_code.is_(None)) if place.level is PlaceLevel.CITY else within)
    return found


_COLUMNS = (AuditEntry.id, AuditEntry.at, AuditEntry.actor, AuditEntry.os_user, AuditEntry.desktop,
            AuditEntry.action, AuditEntry.target, AuditEntry.place_code, AuditEntry.outcome, AuditEntry.message,
            Place.short_name)


def _page(session: Session, actor: Actor, f: AuditFilter, offset: int, limit: int) -> list[AuditRow]:
    rows = session.execute(select(*_COLUMNS).outerjoin(Place, Place.code == AuditEntry.place_code)
                           .where(*_conditions(session, actor, f))
                           .order_by(AuditEntry.id.desc()).offset(offset).limit(limit))
    return [AuditRow(*row) for row in rows]


def entries(db: Database, actor: Actor, f: AuditFilter, offset: int = 0, limit: int = PAGE) -> list[AuditRow]:
    """One page of the entries the filter selects, newest first. The first page of a query is
    recorded in the log with what was looked for (a refusal too); the later pages of it are not.
    Read the later pages and the count with `up_to_id` set to the first page's first entry."""
    if offset:
        if not actor.can(Permission.VIEW_AUDIT, f.under):
            raise _refusal(actor)
        with db.session() as session:
            return _page(session, actor, f, offset, limit)
    # Who read the log is itself on record where they may read it, for the auditors over that place.
    scopes = actor.scopes(Permission.VIEW_AUDIT)
    where = f.under or (enclosing_code(g.place_code for g in scopes) if scopes else None)
    with unit_of_work(db, actor, "audit.read", place_code=where) as uow:
        place = get_place(uow.session, f.under) if f.under else None
        if not actor.can(Permission.VIEW_AUDIT, f.under):
            raise _refusal(actor, f"{place.short_name}({place.code})的" if place else "")
        found = _page(uow.session, actor, f, 0, limit)
        uow.audit(f"查阅审计日志({f.described()})")
        return found


def count(db: Database, actor: Actor, f: AuditFilter) -> int:
    """How many entries the filter selects."""
    if not actor.can(Permission.VIEW_AUDIT, f.under):
        raise _refusal(actor)
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(AuditEntry).where(*_conditions(session, actor, f)))


def check_chain(db: Database, actor: Actor) -> ChainCheck:
    """Recompute the whole chain of hashes: an entry edited, removed or put in between shows up
    (Art. 15(3)). The check reads every entry, whoever's, and tells only where the chain breaks;
    it is recorded with its outcome."""
    with unit_of_work(db, actor, "audit.check_chain") as uow:
        if not actor.can(Permission.VIEW_AUDIT):
            raise _refusal(actor)
        total = uow.session.scalar(select(func.count()).select_from(AuditEntry))
        problems = tuple(audit.verify_chain(uow.session))
        uow.audit(f"校验审计日志 {total} 条:" + ("完整" if not problems else f"发现 {len(problems)} 处问题"),
                  entries=total, problems=len(problems))
        return ChainCheck(total, problems)
