"""Log-in, users and role grants (Art. 15)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from .. import migrate
from ..db import Database
from ..errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from ..models import AuditEntry, Department, Place, RoleGrant, User, utcnow
from ..models.enums import AuditOutcome, PlaceLevel, Role
from ..models.texts import NEVER_STORED, unstorable
from ..said import Message, joined
from . import audit
from .clock import beijing_text
from .password_policy import is_expired, max_age_days
from .passwords import hash_password, verify_password
from .places import get_place, upward
from .security import Actor, Grant, Permission, os_account
from .unit_of_work import unit_of_work

MIN_PASSWORD_LENGTH = 8


@dataclass(frozen=True)
class UserInfo:
    id: int
    username: str
    display_name: str
    active: bool
    grants: tuple[tuple[str, str], ...]  # (role value, place code)


def _actor_of(session: Session, user: User, **where) -> Actor:
    """The actor of a user who logged in (or acts from the command line): their grants, and whether
    their password must be replaced before the desk opens; `where` the Actor's desktop and os_user."""
    grants = []
    for grant in user.grants:
        place = session.get(Place, grant.place_id)
        grants.append(Grant(grant.role, place.code, place.level, place.id))
    return Actor(username=user.username, display_name=user.display_name, grants=tuple(grants),
                 user_id=user.id, department_id=user.department_id,
                 must_change_password=user.must_change_password,
                 password_expired=is_expired(user.password_changed_at, max_age_days(session)), **where)


_LOGGED_NAME_LENGTH = AuditEntry.actor.type.length
WRONG_PASSWORD = Message("用户名或密码错误,或账号已停用")()
WRONG_OLD_PASSWORD = Message("原密码不正确;请重新输入")()  # changing one's password at a desk left open counts too
_STOPPED = Message("账号 {username} 已停用;如仍需使用,请联系管理员重新启用")
_LOCKED = Message("账号 {username} 连续 {failures} 次密码错误,已暂停登录和修改密码至 {until};"
                  "请届时再试,或请管理员重置密码后登录")
_NOBODY = Message("这个数据库还没有可登录的用户账号;请管理员先添加,例如:griddesk-admin users add "
                  "qg_admin --role township_admin --scope 450503103(密码按提示输入)")()
_PASSWORD_REFUSED = Message("密码{problems}")
_TOO_SHORT = Message("至少 {length} 位")
_ONE_CHARACTER = Message("不能全是空格或同一个字符")()
_ONE_KIND = Message("须含字母、数字、符号中的至少两类")()
_HOLDS_USERNAME = Message("不能包含用户名 {username}")
# Log-in failure handling (Art. 15; 等级保护 asks for it): so many wrong passwords in a row within
# LOCK_MINUTES close the name to log-ins for LOCK_MINUTES after the last, right password or not.
LOCK_AFTER_FAILURES = 5
LOCK_MINUTES = 15


def locked_until(session: Session, name: str, now: datetime | None = None) -> datetime | None:
    """When log-ins as `name` open again, or None. Counted from the audit log, which has every
    attempt: the last LOCK_AFTER_FAILURES wrong passwords typed for the name — at log-in, or as the
    old password when changing it at a desk left open — with no successful log-in, change or
    administrator's reset between them. Any name typed counts, so that a locked name tells no one
    whether such an account exists; refusals while locked do not prolong the lock."""
    now = now or utcnow()
    window = timedelta(minutes=LOCK_MINUTES)
    recent = session.execute(
        select(AuditEntry.at, AuditEntry.outcome)
        .where(AuditEntry.action.in_(("users.login", "users.reset_password", "users.change_password")),
               AuditEntry.target == name, AuditEntry.at >= now - 2 * window,
               (AuditEntry.outcome == AuditOutcome.OK) | AuditEntry.message.in_((WRONG_PASSWORD, WRONG_OLD_PASSWORD)))
        .order_by(AuditEntry.id.desc()).limit(LOCK_AFTER_FAILURES)).all()
    if len(recent) < LOCK_AFTER_FAILURES or any(outcome is not AuditOutcome.DENIED for _, outcome in recent):
        return None
    last, first = recent[0].at, recent[-1].at
    return last + window if last - first <= window and now < last + window else None


def stopped_refusal(username: str) -> str:
    return _STOPPED(username=username)


def locked_refusal(username: str, until: datetime) -> str:
    return _LOCKED(username=username, failures=LOCK_AFTER_FAILURES, until=beijing_text(until, '%H:%M'))


def login(db: Database, username: str, password: str, *, desktop: str | None = None,
          now: datetime | None = None) -> Actor:
    """Check the password; every attempt, good or bad, is audited.

    Not on a database a newer GridDesk has upgraded since the desk started: nothing is then recorded, as
    when a desk cannot start on it, and the log-in says to update the program rather than open a desk that
    could save nothing.

    Every attempt records the computer (`desktop`, else this one) and the operating-system account
    this program runs under: who did what from where (Art. 15), on a duty-room PC shared by shifts."""
    where = {"os_user": os_account(), **({"desktop": desktop} if desktop else {})}
    with db.session() as session:
        revision = migrate.held_revision(session)
        if refusal := migrate.newer_than_this_program(revision) if revision else migrate.upgraded_to(revision):
            raise refusal
        never = unstorable(username or "", NEVER_STORED)  # no account has such a name; PostgreSQL could not even look
        locked = None if never else locked_until(session, username, now)
        if locked is not None:
            refusal = locked_refusal(username, locked)
            stranger = Actor(username=username, display_name=username, **where)
            audit.append(session, stranger, "users.login", outcome=AuditOutcome.DENIED, target=username,
                         message=refusal)
            session.commit()
            raise PermissionDenied(refusal, article="Art. 15")
        user = None if never else session.scalar(select(User).options(selectinload(User.grants))
                                                 .where(User.username == username))
        right = user is not None and verify_password(password, user.password_hash)
        if right and not user.active:
            # Told only to whoever knows the password: what to do, rather than "wrong password" again.
            refusal = stopped_refusal(username)
            audit.append(session, Actor(username=username, display_name=user.display_name, **where), "users.login",
                         outcome=AuditOutcome.DENIED, target=username, message=refusal)
            session.commit()
            raise PermissionDenied(refusal, article="Art. 15")
        if right:
            actor = _actor_of(session, user, **where)
            user.last_login_at = utcnow()
            audit.append(session, actor, "users.login", target=username, message="登录成功")
            session.commit()
            return actor
        # As typed, but escaped where it holds what no database keeps, and cut to what the log's
        # column holds (PostgreSQL refuses a longer one): every attempt is on record (Art. 15).
        typed = username.encode("unicode_escape").decode("ascii") if never else username
        if len(typed) > _LOGGED_NAME_LENGTH:
            typed = typed[:_LOGGED_NAME_LENGTH - 1] + "…"
        stranger = Actor(username=typed or "?", display_name=typed or "?", **where)
        audit.append(session, stranger, "users.login", outcome=AuditOutcome.DENIED, target=typed,
                     message=WRONG_PASSWORD)
        session.commit()
        # A new database has no one to log in as: say what to do rather than "wrong password".
        nobody = session.scalar(select(User.id).where(User.active).limit(1)) is None
    if nobody:
        raise PermissionDenied(_NOBODY)
    raise PermissionDenied(WRONG_PASSWORD)


def actor_for(db: Database, username: str, *, os_user: str | None = None) -> Actor:
    """The actor for `griddesk-admin --as USER` (no password: the OS account is trusted)."""
    with db.session() as session:
        user = session.scalar(select(User).options(selectinload(User.grants)).where(User.username == username))
        if user is None:
            raise NotFound(f"没有名为 {username!r} 的有效用户")
        if not user.active:
            raise PermissionDenied(stopped_refusal(username), article="Art. 15")
        return _actor_of(session, user, os_user=os_user)


def require_department_in_scope(session: Session, actor: Actor, department: Department) -> None:
    """A liaison acts for its department (Art. 19): only an administrator over the department's
    territory names one, so that a township's cannot appoint someone to act for the city's bureau."""
    place = session.get(Place, department.place_id)
    if not actor.can(Permission.MANAGE_USERS, place.code):
        raise PermissionDenied(f"{department.name}是{place.short_name}的联动部门,其人员只能由{place.short_name}"
                               f"或上级的管理员指定;请联系该级管理员办理", article="Art. 15")


def require_scope_on_departments_line(session: Session, department: Department, scope: Place) -> None:
    """A liaison's scope holds the department's territory, or lies within it (a county bureau's liaison for
    one township): the cases the liaison reads and handles are the department's within that scope (Art. 19).
    A scope beside the territory (another township) would show none of them, the account silently empty."""
    territory = session.get(Place, department.place_id)
    if territory in set(upward(scope)) or scope in set(upward(territory)):
        return
    raise ValidationFailed(f"{department.name}是{territory.short_name}的联动部门,其联络员的权限范围须是"
                           f"{territory.short_name}、其上级或其下辖的地方;{scope.short_name}不在其中,"
                           f"这个账号将看不到该部门的任何案件(Art. 19)。请改选权限范围或所属部门", field="scope")


def require_department_of_liaison(role: Role, department_id: int | None) -> None:
    """A liaison handles only their own department's assignments, so without one they could handle none.
    The field is named as the desk's form captions it, with its name, from which the command line
    says how to give it (cli.option_hint: ";用 --department 给出")."""
    if role is Role.LIAISON and department_id is None:
        raise ValidationFailed("所属联动部门(department):联动部门联络员须指定所属联动部门;联络员只能办理派给"
                               "本部门的事项,未指定部门则无法办理任何事项", field="department")


def refuse_department_of_non_liaison(role: Role, department_id: int | None) -> None:
    """A department is named with a liaison's role only: an account of a department counts as the
    department's (it may not divide grids, Art. 6(3); it calls back only its own cases, Art. 20)."""
    if department_id is not None and role is not Role.LIAISON:
        raise ValidationFailed(f"所属联动部门只随联络员角色填写;{role.label}不属于联动部门,请不选所属部门",
                               field="department")


# An administrator's role is held over a place of its level (Art. 5: the city's, a county's or a
# township's institution); every role over a city, county or township — where the centres are.
ADMIN_LEVEL = {Role.TOWNSHIP_ADMIN: PlaceLevel.TOWNSHIP, Role.COUNTY_ADMIN: PlaceLevel.COUNTY,
               Role.CITY_ADMIN: PlaceLevel.CITY}
CENTER_LEVELS = (PlaceLevel.CITY, PlaceLevel.COUNTY, PlaceLevel.TOWNSHIP)


def check_grant(actor: Actor, role: Role, place: Place) -> None:
    """Refuse a grant of `role` over `place` that the place's level rules out, or an auditor's
    granted by an administrator: the auditor watches the administrators (Art. 15), so only the
    built-in system administrator grants it. MANAGE_USERS over the place — which keeps a
    township's administrator from granting a county's role — is checked by the caller."""
    wanted = ADMIN_LEVEL.get(role)
    if wanted is not None and place.level is not wanted:
        raise ValidationFailed(f"{role.label}的权限范围须是{wanted.label},{place.short_name}是{place.level.label}",
                               field="scope")
    if place.level not in CENTER_LEVELS:
        raise ValidationFailed(f"角色的权限范围须是市、县(区)或乡镇(街道),{place.short_name}是{place.level.label}",
                               field="scope")
    if role is Role.AUDITOR and not actor.is_system:
        raise PermissionDenied("审计员监督管理员的操作,只能由系统管理员(griddesk-admin)授予", article="Art. 15")


def check_password(password: str, username: str | None = None) -> None:
    """A password hard enough to guess (Art. 15): long enough, of at least two kinds of character
    (letters, digits, symbols), not one character repeated and not holding the log-in name."""
    problems = []
    if len(password) < MIN_PASSWORD_LENGTH:
        problems.append(_TOO_SHORT(length=MIN_PASSWORD_LENGTH))
    if len(set(password)) <= 1 or not password.strip():
        problems.append(_ONE_CHARACTER)
    kinds = (any(c.isascii() and c.isalpha() for c in password), any(c.isdigit() for c in password),
             any(not (c.isascii() and c.isalnum()) for c in password))
    if sum(kinds) < 2:
        problems.append(_ONE_KIND)
    if username and username.lower() in password.lower():
        problems.append(_HOLDS_USERNAME(username=username))
    if problems:
        raise ValidationFailed(_PASSWORD_REFUSED(problems=joined(problems)), field="password")


def _require_fits(text: str, column, what: str, field: str) -> None:
    """Refused here rather than by PostgreSQL at the write (SQLite would keep it whole)."""
    if len(text) > column.type.length:
        raise ValidationFailed(f"{what}最多 {column.type.length} 个字符,“{text[:12]}…”有 {len(text)} 个;请改短",
                               field=field)


def _check_username_form(username: str) -> None:
    # ASCII only: a full-width "ｑｇ_op1" would pass for "qg_op1" in a list of accounts.
    if not re.fullmatch(r"[A-Za-z0-9_.]+", username or ""):
        raise ValidationFailed(f"用户名 {username!r} 无效:只能用英文字母、数字、下划线和点(半角)", field="username")
    _require_fits(username, User.username, "用户名", "username")


def _refuse_taken_username(session: Session, username: str) -> None:
    taken = session.scalar(select(User.username).where(func.lower(User.username) == username.lower()))
    if taken:  # qg_op1 and QG_OP1 would be told apart by no one reading the log
        raise Conflict(f"用户名 {username} 已存在" if taken == username else
                       f"用户名 {username} 与已有的 {taken} 只差大小写,容易混淆;请另取一个")


def check_new_username(db: Database, username: str) -> None:
    """Refuse a log-in name `add_user` would refuse for itself (its form, or an account of that name in
    any case), before anyone is asked to type a password for it."""
    _check_username_form(username)
    with db.session() as session:
        _refuse_taken_username(session, username)


def add_user(db: Database, actor: Actor, *, username: str, display_name: str | None, password: str,
             role: Role, scope_code: str, department_id: int | None = None, synthetic: bool = False) -> UserInfo:
    require_department_of_liaison(role, department_id)
    refuse_department_of_non_liaison(role, department_id)
    _check_username_form(username)
    _require_fits(display_name or "", User.display_name, "显示名", "display_name")
    check_password(password, username)
    with unit_of_work(db, actor, "users.add", target=username) as uow:
        place = get_place(uow.session, scope_code)
        uow.require(Permission.MANAGE_USERS, place.code, place.short_name)
        check_grant(actor, role, place)
        _refuse_taken_username(uow.session, username)
        department = uow.session.get(Department, department_id) if department_id else None
        if department is not None:
            require_department_in_scope(uow.session, actor, department)
            require_scope_on_departments_line(uow.session, department, place)
        if department is not None and not department.active:
            raise ValidationFailed(f"{department.name}({department.code})已停用,不能再为其开设联络员账号",
                                   field="department")
        user = User(username=username, display_name=display_name or username,
                    password_hash=hash_password(password), department_id=department_id, synthetic=synthetic,
                    # Chosen at a desk by an administrator, not by its owner. The command line sets up a
                    # database, its first accounts often by their owners: `users reset-password` marks them.
                    must_change_password=not (synthetic or actor.is_system))
        user.grants.append(RoleGrant(role=role, place_id=place.id))
        uow.session.add(user)
        uow.session.flush()
        uow.audit(f"新增用户 {username}:{role.label} @ {place.short_name}", role=role.value, scope=place.code)
        uow.changed("users", user.id)  # e.g. the first operator: the set-up banner of every desk drops its line
        return UserInfo(user.id, user.username, user.display_name, True, ((role.value, place.code),))


def department_id(db: Database, code: str) -> int:
    """The id of the department with this code (for `users add --department CODE`)."""
    with db.session() as session:
        found = session.scalar(select(Department.id).where(Department.code == code.strip()))
    if found is None:
        raise NotFound(f"未知的部门代码 {code!r}:没有这个联动部门,请核对部门代码")
    return found
