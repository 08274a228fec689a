"""Demo log-ins for every role, each scoped sensibly (Art. 15). The README lists DEMO_USERS.

The passwords are deliberately simple so that a demo can be shown; they are demo data only.
For a township other than the default one, the township users get that township's prefix
instead of "qg" (see `profiles.TownshipProfile.user_prefix`); the county, city and audit
accounts are created once and then shared, the county's only for 银海区, whose administrator it is.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from sqlalchemy import select

from ...models import RoleGrant, User
from ...models.enums import PlaceLevel, Role
from ..passwords import hash_password
from .context import DemoContext
from .departments import DemoDepartments
from .profiles import DEFAULT_TOWNSHIP


@dataclass(frozen=True)
class DemoUser:
    username: str
    password: str
    role: Role
    scope: PlaceLevel  # the level of the demo township's tree the role is granted over
    display_name: str
    department: str | None = None  # key in departments.TOWNSHIP_DEPARTMENTS (liaisons)


DEMO_USERS = (
    DemoUser("qg_admin", "qiaogang-admin", Role.TOWNSHIP_ADMIN, PlaceLevel.TOWNSHIP, "侨港镇管理员"),
    DemoUser("qg_op1", "qiaogang-op1", Role.OPERATOR, PlaceLevel.TOWNSHIP, "侨港值班员甲"),
    DemoUser("qg_op2", "qiaogang-op2", Role.OPERATOR, PlaceLevel.TOWNSHIP, "侨港值班员乙"),
    DemoUser("qg_chief", "qiaogang-chief", Role.SUPERVISOR, PlaceLevel.TOWNSHIP, "侨港值班长"),
    DemoUser("qg_police", "qiaogang-police", Role.LIAISON, PlaceLevel.TOWNSHIP, "侨港派出所联络员", "PCS"),
    DemoUser("qg_market", "qiaogang-market", Role.LIAISON, PlaceLevel.TOWNSHIP, "侨港市场监管所联络员", "SCJGS"),
    DemoUser("qg_fish", "qiaogang-fish", Role.LIAISON, PlaceLevel.TOWNSHIP, "侨港镇渔业站联络员", "YYZ"),
    DemoUser("yh_admin", "yinhai-admin", Role.COUNTY_ADMIN, PlaceLevel.COUNTY, "银海区管理员"),
    DemoUser("bh_admin", "beihai-admin", Role.CITY_ADMIN, PlaceLevel.CITY, "北海市管理员"),
    DemoUser("bh_audit", "beihai-audit", Role.AUDITOR, PlaceLevel.CITY, "北海市审计员"),
)


def _for_township(ctx: DemoContext, user: DemoUser) -> DemoUser:
    """The default accounts renamed for another township (its prefix, its names)."""
    prefix = ctx.profile.user_prefix
    if user.scope is not PlaceLevel.TOWNSHIP or prefix == "qg":
        return user
    return DemoUser(prefix + user.username[2:], prefix + user.password[8:], user.role, user.scope,
                    user.display_name.replace("侨港镇", ctx.township.name).replace("侨港", ctx.township.short_name),
                    user.department)


def add_users(ctx: DemoContext, departments: DemoDepartments) -> list[tuple[str, str]]:
    """Create the demo accounts that do not exist yet; returns the (username, password) of each created."""
    scopes = {PlaceLevel.TOWNSHIP: ctx.township, PlaceLevel.COUNTY: ctx.county, PlaceLevel.CITY: ctx.city}
    # yh_admin is 银海区's administrator: a township of another county seeded first must not hand it that
    # county, so such a county has no administrator among the log-ins (and no rectification notices).
    wanted = [_for_township(ctx, u) for u in DEMO_USERS
              if u.scope is not PlaceLevel.COUNTY or ctx.county.code[:6] == DEFAULT_TOWNSHIP[:6]]
    existing = set(ctx.session.scalars(select(User.username).where(User.username.in_([u.username for u in wanted]))))
    missing = [spec for spec in wanted if spec.username not in existing]
    # scrypt is slow on purpose and releases the GIL: hash the passwords side by side.
    with ThreadPoolExecutor() as pool:
        hashes = list(pool.map(hash_password, [spec.password for spec in missing]))
    users = []
    for spec, password_hash in zip(missing, hashes):
        department = departments.township[spec.department] if spec.department else None
        user = User(username=spec.username, display_name=spec.display_name, password_hash=password_hash,
                    department_id=department.id if department else None, synthetic=True)
        user.grants = [RoleGrant(role=spec.role, place_id=scopes[spec.scope].id)]
        users.append(user)
    ctx.add_all(users)
    return [(spec.username, spec.password) for spec in missing]
