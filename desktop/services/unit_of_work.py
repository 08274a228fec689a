"""One transaction of one use case: permission check, audit entry, change feed, commit."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from .. import migrate
from ..db import Database
from ..errors import Conflict, GridDeskError, PermissionDenied
from ..models import ChangeFeed, Place, RoleGrant, User
from ..models.enums import AuditOutcome
from ..said import Message
from . import audit
from .security import Actor, Permission


# The topics of the change feed: what the views refresh by. A desk that may have missed changes
# (starting, reconnecting) refreshes all of them.
TOPICS = ("calendar", "cases", "departments", "emergencies", "evaluation", "governance", "grid_adjustments",
          "matters", "places", "printing", "staff", "users")


@dataclass
class Change:
    topic: str
    entity_id: int | None = None
    township_id: int | None = None
    note: str | None = None


_REFUSED_HERE = Message("用户“{user}”没有在 {place}({code}) {wanted}的权限;请由具有该地区相应角色的用户办理")
_REFUSED = Message("用户“{user}”没有{wanted}的权限;请由具有该地区相应角色的用户办理")
# What was asked, where the permission's own label would not say it.
_ASKED_FOR = Message("{action}(需有{permission}权限)")
# Why a desk logged in may no longer act (account_problem).
_ACCOUNT_DISABLED = Message("您的账号已被停用,不能再办理;请联系管理员")()
_ROLES_CHANGED = Message("您的角色已被管理员调整,请重新登录后再办理")()
# Why a save did not go through: another desk or program, or a database constraint.
_CHANGED_BY_ANOTHER = Message("记录已被其他用户修改,请重新载入后再操作")()
_FILE_LOCKED = Message("数据库文件正被另一个程序写入(如 griddesk-admin 导入、备份或另一个网格指挥台),本次未保存;请稍候片刻再试")()
_LOST_TO_ANOTHER_DESK = Message("另一值班台正在同时办理相关记录,本次未保存;请稍候重新载入后再操作")()
_DUPLICATE = Message("记录重复,违反唯一性约束: {text}")
_STILL_REFERRED_TO = Message("引用的记录不存在或仍被使用: {text}")
_CONSTRAINT = Message("数据不符合约束: {text}")


@dataclass
class UnitOfWork:
    session: Session
    actor: Actor
    action: str
    target: str | None = None
    place_code: str | None = None
    message: str = ""
    detail: dict = field(default_factory=dict)
    changes: list[Change] = field(default_factory=list)
    # Files written for the use case, put in place only once its audit entry is committed (`publish`),
    # and each one's removal should it not be.
    published: list[tuple[Callable[[], None], Callable[[], None]]] = field(default_factory=list)

    def publish(self, put_in_place: Callable[[], None], discard: Callable[[], None]) -> None:
        """Run `put_in_place` after the commit, `discard` if the use case fails or is refused: an exported
        file of personal data exists only with the audit entry that records it (Art. 15)."""
        self.published.append((put_in_place, discard))

    def require(self, permission: Permission, place_code: str | None, place_name: str | None = None,
                action: str | None = None) -> None:
        """Refuse unless the actor holds `permission` over `place_code` (Art. 15).

        `action` names what was asked when the permission's own label would not say it (a setting
        guarded by a broader permission); the refusal then names both. A Said (declared by the caller) is
        said in the desk's language, as the permission's label is.
        """
        self.place_code = place_code or self.place_code
        if self.actor.can(permission, place_code):
            return
        if place_code and not place_name:  # a caller holding only the code: the refusal still names the place
            place_name = self.session.scalar(select(Place.short_name).where(Place.code == place_code))
        wanted = _ASKED_FOR(action=action, permission=permission) if action else permission
        refusal = (_REFUSED_HERE(user=self.actor.display_name, place=place_name or "", code=place_code, wanted=wanted)
                   if place_code else _REFUSED(user=self.actor.display_name, wanted=wanted))
        raise PermissionDenied(refusal, article="Art. 15")

    def audit(self, message: str = "", *, target: str | None = None, **detail) -> None:
        self.message = message or self.message
        self.target = target or self.target
        self.detail.update(detail)

    def changed(self, topic: str, entity_id: int | None = None, township_id: int | None = None,
                note: str | None = None) -> None:
        if topic not in TOPICS:  # a misspelt topic would reach no view
            raise ValueError(f"unknown change topic {topic!r}")
        self.changes.append(Change(topic, entity_id, township_id, note))


def account_problem(session: Session, actor: Actor) -> str | None:
    """Why a logged-in desk may no longer act as it logged in, or None: its account disabled or a
    role revoked since (accounts.py). The built-in system administrator has no account."""
    if actor.user_id is None:
        return None
    user = session.get(User, actor.user_id)
    if user is None or not user.active:
        return _ACCOUNT_DISABLED
    granted = set(session.execute(select(RoleGrant.role, Place.code).join(Place, Place.id == RoleGrant.place_id)
                                  .where(RoleGrant.user_id == actor.user_id)).all())
    if not {(g.role, g.place_code) for g in actor.grants} <= granted:
        return _ROLES_CHANGED
    return None


def _integrity_message(exc: IntegrityError) -> str:
    text = str(exc.orig).splitlines()[0] if exc.orig else str(exc)
    if "unique" in text.lower() or "duplicate" in text.lower():
        return _DUPLICATE(text=text)
    if "foreign key" in text.lower():
        return _STILL_REFERRED_TO(text=text)
    return _CONSTRAINT(text=text)


# PostgreSQL's deadlock_detected, serialization_failure, lock_not_available: another transaction won.
_LOST_RACE = {"40P01", "40001", "55P03"}


def _lost_to_another_desk(exc: OperationalError) -> bool:
    """Did the database give up on this transaction because another held what it needed? (SQLite:
    the file stayed locked by another writer past the busy timeout.)"""
    return (getattr(exc.orig, "sqlstate", None) in _LOST_RACE
            or "database is locked" in str(exc.orig))


@contextmanager
def unit_of_work(db: Database, actor: Actor, action: str, *, target: str | None = None,
                 place_code: str | None = None) -> Iterator[UnitOfWork]:
    """Run a mutating use case. On success commit with an OK audit entry and change-feed rows.

    A refusal is rolled back and then audited in a transaction of its own, so that the
    refusal itself is on record (Art. 15) while nothing else changed.
    """
    session = db.session()
    uow = UnitOfWork(session, actor, action, target=target, place_code=place_code)
    committed = False
    try:
        with migrate.writing_with_this_schema(session):  # before anything is read: see migrate.held_revision
            problem = account_problem(session, actor)  # a desk acts as its account is now (Art. 15)
            if problem:
                raise PermissionDenied(problem, article="Art. 15")
            yield uow
            for change in uow.changes:
                session.add(ChangeFeed(topic=change.topic, entity_id=change.entity_id,
                                       township_id=change.township_id, desktop=actor.desktop, note=change.note))
            audit.append(session, actor, action, target=uow.target, place_code=uow.place_code,
                         message=uow.message, detail=uow.detail)
        session.commit()
        committed = True
    except PermissionDenied as exc:
        session.rollback()
        _record_refusal(db, uow, AuditOutcome.DENIED, exc.message)
        raise
    except StaleDataError as exc:
        session.rollback()
        raise Conflict(_CHANGED_BY_ANOTHER) from exc
    except IntegrityError as exc:
        session.rollback()
        raise Conflict(_integrity_message(exc)) from exc
    except OperationalError as exc:
        session.rollback()
        if "database is locked" in str(exc.orig):
            # SQLite: the whole file, held by another program past the busy timeout, not the records
            # on screen changed; what was typed is still to be saved as it is.
            raise Conflict(_FILE_LOCKED) from exc
        if _lost_to_another_desk(exc):
            raise Conflict(_LOST_TO_ANOTHER_DESK) from exc
        raise
    except BaseException:
        session.rollback()
        raise
    finally:
        try:
            session.close()
        finally:
            if not committed:
                for _, discard in uow.published:
                    discard()
    _put_published_in_place(db, uow)


def _put_published_in_place(db: Database, uow: UnitOfWork) -> None:
    """The files of a committed use case into place. One that cannot be (the old file held open by a viewer
    on Windows) is put on record as not written, after the entry saying it was, and the rest are dropped."""
    for done, (put_in_place, _) in enumerate(uow.published):
        try:
            put_in_place()
        except BaseException as exc:
            for _, discard in uow.published[done:]:
                discard()
            if isinstance(exc, GridDeskError):
                _record_refusal(db, uow, AuditOutcome.FAILED, f"文件未能写入,上一条记录的导出或打印未完成:{exc}")
            raise


@contextmanager
def checked_ahead(db: Database, actor: Actor, action: str) -> Iterator[UnitOfWork]:
    """Run a use case's checks before its input is asked for (a password typed twice): nothing is
    written when they pass, and a refusal is on record as the use case's own would be (Art. 15)."""
    uow = UnitOfWork(db.session(), actor, action)
    try:
        problem = account_problem(uow.session, actor)
        if problem:
            raise PermissionDenied(problem, article="Art. 15")
        yield uow
    except PermissionDenied as exc:
        uow.session.rollback()
        _record_refusal(db, uow, AuditOutcome.DENIED, exc.message)
        raise
    finally:
        uow.session.close()


def _record_refusal(db: Database, uow: UnitOfWork, outcome: AuditOutcome, message: str) -> None:
    with db.session() as session:
        # Written even on a database a newer GridDesk has upgraded: a refusal is a fact to keep on record
        # (Art. 15) that no rule of the older program computed, and every entry is hashed by its own digest
        # version. The revision is still taken first, to take turns with an upgrade (migrate.held_revision).
        migrate.held_revision(session)
        audit.append(session, uow.actor, uow.action, outcome=outcome, target=uow.target,
                     place_code=uow.place_code, message=message, detail=uow.detail)
        session.commit()
