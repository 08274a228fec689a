"""User accounts as administrators keep them (Art. 15): listing, roles revoked, accounts
disabled and enabled, passwords reset — and each user's own password change.

An auditor reads the accounts and their roles within its grants (who holds which role is what it
checks), and changes nothing; each reading is on record, as its reading of the audit log is.

An administrator acts only on accounts all of whose roles lie in its own subtree: a township
administrator cannot disable, strip or reset a county administrator who also works there. An
auditor's account, which watches the administrators, is the system administrator's to keep.
Nobody changes their own account (another administrator does), so that no one raises or locks
out themselves. A change takes effect on the account's open desks at their next step
(unit_of_work). Every step is audited; passwords never are.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from ..db import Database
from ..errors import Conflict, InvalidTransition, NotFound, PermissionDenied, ValidationFailed
from ..models import Department, Place, RoleGrant, User, utcnow
from ..models.enums import PlaceLevel, Role
from .department_use import use_departments
from .departments import DepartmentInfo, list_departments
from .passwords import hash_password, verify_password
from .places import get_place
from .security import Actor, Permission, enclosing_code, in_scope
from .unit_of_work import UnitOfWork, account_problem, checked_ahead, unit_of_work
from .users import (
    ADMIN_LEVEL,
    CENTER_LEVELS,
    WRONG_OLD_PASSWORD,
    check_grant,
    check_password,
    locked_refusal,
    locked_until,
    refuse_department_of_non_liaison,
    require_department_in_scope,
    require_department_of_liaison,
    require_scope_on_departments_line,
)


@dataclass(frozen=True)
class RoleInfo:
    role: Role
    place_code: str
    place_name: str


@dataclass(frozen=True)
class AccountInfo:
    username: str
    display_name: str
    active: bool
    department: str | None
    last_login_at: datetime | None
    roles: tuple[RoleInfo, ...]
    refusal: str | None  # why the listing actor may not change it (see `_account`); None if it may

    @property
    def manageable(self) -> bool:
        return self.refusal is None


ASK_AN_ADMINISTRATOR = "账号的开设、停用和重置密码,请找本乡镇(街道)或县(区)的管理员办理"
READ_ONLY = ("审计员只查看账号与角色,不能更改;账号的开设、角色的授予和撤销、停用和重置密码,"
             "请找该账号所在乡镇(街道)、县(区)或市的管理员办理")


def may_manage(actor: Actor) -> bool:
    """Whether the actor keeps any accounts (an administrator); an auditor only reads them."""
    return actor.is_system or bool(actor.scopes(Permission.MANAGE_USERS))


def _require_administrator(actor: Actor) -> None:
    if may_manage(actor):
        return
    if actor.scopes(Permission.VIEW_ACCOUNTS):
        raise PermissionDenied(READ_ONLY, article="Art. 15")
    raise PermissionDenied(f"只有管理员可以管理用户账号;{ASK_AN_ADMINISTRATOR}", article="Art. 15")


def list_accounts(db: Database, actor: Actor) -> list[AccountInfo]:
    """Accounts holding a role in the actor's VIEW_ACCOUNTS subtree (all for the system administrator).
    An auditor's reading is on record where it reads, as its reading of the audit log is (audit_log.entries)."""
    scopes = actor.scopes(Permission.VIEW_ACCOUNTS)
    if scopes is not None and not scopes:
        raise PermissionDenied(f"只有管理员和审计员可以查看用户账号;{ASK_AN_ADMINISTRATOR}", article="Art. 15")
    if Role.AUDITOR in actor.roles:
        with unit_of_work(db, actor, "users.read", place_code=enclosing_code(g.place_code for g in scopes)) as uow:
            found = _accounts(uow.session, actor)
            uow.audit(f"查阅用户账号与角色({len(found)} 个账号)")
            return found
    with db.session() as session:  # an administrator's own screen, reloaded with each change it makes
        return _accounts(session, actor)


def _accounts(session, actor: Actor) -> list[AccountInfo]:
    places = {p.id: p for p in session.scalars(select(Place).where(Place.id.in_(select(RoleGrant.place_id))))}
    departments = dict(session.execute(select(Department.id, Department.name)).all())
    found = []
    for user in session.scalars(select(User).options(selectinload(User.grants)).order_by(User.username)):
        roles = tuple(RoleInfo(g.role, places[g.place_id].code, places[g.place_id].short_name)
                      for g in sorted(user.grants, key=lambda g: g.id))
        if actor.is_system or any(actor.can(Permission.VIEW_ACCOUNTS, r.place_code) for r in roles):
            found.append(AccountInfo(user.username, user.display_name, user.active,
                                     departments.get(user.department_id), user.last_login_at, roles,
                                     _refusal(actor, user.id, roles)))
    return found


def grantable(db: Database, actor: Actor) -> tuple[list[Role], list[tuple[str, str, PlaceLevel]]]:
    """What the actor's add and grant forms offer: the places — city, counties, townships — in
    its MANAGE_USERS subtree as (code, name, level), and the roles it may grant over some of
    them (see users.check_grant)."""
    scopes = actor.scopes(Permission.MANAGE_USERS)
    with db.session() as session:
        rows = session.execute(select(Place.code, Place.short_name, Place.level)
                               .where(Place.level.in_(CENTER_LEVELS)).order_by(Place.code))
        places = [(code, name, level) for code, name, level in rows
                  if scopes is None or any(in_scope(code, g.place_code, g.place_level) for g in scopes)]
    levels = {level for _, _, level in places}

    def offered(role: Role) -> bool:
        if role is Role.AUDITOR:
            return actor.is_system
        return role not in ADMIN_LEVEL or ADMIN_LEVEL[role] in levels

    return [r for r in Role if places and offered(r)], places


def appointable_departments(db: Database, actor: Actor) -> list[DepartmentInfo]:
    """The active departments whose liaisons the actor may name: those of its MANAGE_USERS
    subtree (see users.require_department_in_scope)."""
    return [d for d in list_departments(db) if actor.can(Permission.MANAGE_USERS, d.place_code)]


def _refusal(actor: Actor, user_id: int, roles: tuple[RoleInfo, ...]) -> str | None:
    """Why the actor may not change this account, or None: an auditor changes none; an account with a
    role outside the actor's MANAGE_USERS subtree is a higher administrator's; an auditor's, which
    watches the administrators, only the system administrator's; one's own, another administrator's."""
    if actor.is_system:
        return None
    if not may_manage(actor):
        return READ_ONLY
    if actor.user_id == user_id:
        return "不能修改自己的账号;请由另一位管理员办理"
    if any(r.role is Role.AUDITOR for r in roles):
        return "审计员账号只能由系统管理员(griddesk-admin)管理"
    outside = [f"{r.role.label} @ {r.place_name}" for r in roles if not actor.can(Permission.MANAGE_USERS, r.place_code)]
    if outside or not roles:
        return f"该账号有您管辖范围以外的角色({'、'.join(outside) or '没有任何角色'}),请由上级管理员办理"
    return None


def _account(uow: UnitOfWork, username: str) -> User:
    """The account, row-locked with the actor's own (in id order, so that two administrators acting
    on each other take turns), once the actor is found still active and allowed to change it."""
    _require_administrator(uow.actor)
    session = uow.session
    target = session.scalar(select(User.id).where(User.username == username))
    if target is None:
        raise NotFound(f"没有名为 {username!r} 的用户")
    uow.target = username
    ids = [target] + ([uow.actor.user_id] if uow.actor.user_id else [])
    locked = {u.id: u for u in session.scalars(select(User).where(User.id.in_(ids)).order_by(User.id)
                                                .with_for_update().execution_options(populate_existing=True))}
    if uow.actor.user_id and not locked[uow.actor.user_id].active:
        raise PermissionDenied("您的账号已被停用,不能再办理", article="Art. 15")
    user = locked[target]
    roles = tuple(RoleInfo(g.role, place.code, place.short_name)
                  for g in user.grants for place in [session.get(Place, g.place_id)])
    # Entered where the account works, so that the auditor over that place reads who changed it.
    uow.place_code = uow.place_code or enclosing_code(r.place_code for r in roles)
    reason = _refusal(uow.actor, user.id, roles)
    if reason:
        raise PermissionDenied(f"{username}:{reason}", article="Art. 15")
    return user


def grant_role(db: Database, actor: Actor, *, username: str, role: Role, scope_code: str,
               department_id: int | None = None) -> None:
    """Add a role over a place to an account (see users.check_grant and `_refusal`). A liaison's
    role needs the account's department: its own, or `department_id` for one that has none yet."""
    with unit_of_work(db, actor, "users.grant") as uow:
        place = get_place(uow.session, scope_code)
        uow.require(Permission.MANAGE_USERS, place.code, place.short_name)
        user = _account(uow, username)
        refuse_department_of_non_liaison(role, department_id)
        if department_id is not None and user.department_id != department_id:
            if user.department_id is not None:
                raise ValidationFailed(f"{username} 已属于另一个联动部门;一个账号只属于一个部门,请另开账号",
                                       field="department")
            user.department_id = department_id
        require_department_of_liaison(role, user.department_id)
        if role is Role.LIAISON:
            department = use_departments(uow.session, [user.department_id])[user.department_id]
            require_department_in_scope(uow.session, actor, department)
            require_scope_on_departments_line(uow.session, department, place)
            if not department.active:
                raise ValidationFailed(f"{username} 所属的联动部门已停用,不能再授予联络员角色", field="department")
        check_grant(actor, role, place)
        if any(g.role is role and g.place_id == place.id for g in user.grants):
            raise Conflict(f"{username} 已有{role.label} @ {place.short_name}")
        user.grants.append(RoleGrant(role=role, place_id=place.id))
        uow.audit(f"授予 {username} {role.label} @ {place.short_name}", role=role.value, scope=place.code)
        uow.changed("users", user.id)


def set_active(db: Database, actor: Actor, username: str, active: bool) -> None:
    """Disable an account (a departed operator can no longer log in; its history stays) or enable it."""
    with unit_of_work(db, actor, "users.enable" if active else "users.disable") as uow:
        user = _account(uow, username)
        if user.active == active:
            raise InvalidTransition(f"{username} 已{'是有效账号' if active else '停用'}")
        user.active = active
        uow.audit(f"{'启用' if active else '停用'}账号 {username}", before=not active, after=active)
        uow.changed("users", user.id)


def revoke_role(db: Database, actor: Actor, username: str, role: Role, place_code: str) -> None:
    """Take one role away; the last one is not taken — disable the account instead."""
    with unit_of_work(db, actor, "users.revoke") as uow:
        place = get_place(uow.session, place_code)
        uow.require(Permission.MANAGE_USERS, place.code, place.short_name)
        user = _account(uow, username)
        grant = next((g for g in user.grants if g.role is role and g.place_id == place.id), None)
        if grant is None:
            raise NotFound(f"{username} 没有{role.label} @ {place.short_name}")
        user.grants.remove(grant)
        uow.session.flush()
        # Counted after the write, under its lock: two desks revoking a two-role account's roles at
        # once (SQLite reads before it takes the write lock) do not leave it with none.
        if not uow.session.scalar(select(func.count()).select_from(RoleGrant).where(RoleGrant.user_id == user.id)):
            raise InvalidTransition(f"这是 {username} 仅有的角色;不再使用的账号请停用,而不是撤销全部角色")
        uow.audit(f"撤销 {username} 的{role.label} @ {place.short_name}", role=role.value, scope=place.code)
        uow.changed("users", user.id)


def check_resettable(db: Database, actor: Actor, username: str) -> None:
    """Refuse what `reset_password` would refuse of the account itself (none of that name, or not the
    actor's to manage), before anyone is asked to type the new password twice."""
    with checked_ahead(db, actor, "users.reset_password") as uow:
        _account(uow, username)


def reset_password(db: Database, actor: Actor, username: str, password: str) -> None:
    """An administrator sets a new password for a user who forgot theirs (told to them in person);
    the user sets their own at the next log-in."""
    check_password(password, username)
    with unit_of_work(db, actor, "users.reset_password") as uow:
        user = _account(uow, username)
        user.password_hash, user.password_changed_at = hash_password(password), utcnow()
        user.must_change_password = True
        uow.audit(f"重置 {username} 的密码")


def change_password(db: Database, actor: Actor, old_password: str, new_password: str) -> None:
    """A user changes their own password; the old one must be given."""
    check_password(new_password, actor.username)
    if new_password == old_password:
        raise ValidationFailed("新密码不能与原密码相同", field="password")
    # Entered where the user works, for the auditor over that place (Art. 15), as an admin's reset is.
    where = enclosing_code(g.place_code for g in actor.grants)
    with unit_of_work(db, actor, "users.change_password", target=actor.username, place_code=where) as uow:
        user = uow.session.get(User, actor.user_id) if actor.user_id else None
        if user is None:
            raise InvalidTransition("系统管理员没有登录密码;请以用户身份登录后修改")
        locked = locked_until(uow.session, actor.username)
        if locked is not None:  # a desk left open is no way round the log-in's limit on guessing
            raise PermissionDenied(locked_refusal(actor.username, locked), article="Art. 15")
        if not verify_password(old_password, user.password_hash):
            # Audited, and counted like a failed log-in.
            raise PermissionDenied(WRONG_OLD_PASSWORD, field="old_password")
        user.password_hash, user.password_changed_at = hash_password(new_password), utcnow()
        user.must_change_password = False
        uow.audit("修改本人密码")


def session_problem(db: Database, actor: Actor) -> str | None:
    """Why the actor's open desk may no longer act (its account disabled, a role revoked), or None."""
    with db.session() as session:
        return account_problem(session, actor)
