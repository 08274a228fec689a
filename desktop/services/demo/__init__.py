"""Synthetic demo data for one township on top of the real Beihai tree (issue: demo).

Everything made here is marked `synthetic=True` (places, people, departments, cases, reports,
users), or belongs to what is (rectification notices to synthetic departments); the villages are real, their polygons are not. The data is generated with a fixed
seed, so two fresh databases get the same codes, names and case numbers (timestamps follow
"now").

    seed_demo(db, actor, township_code="450503103000")  # 银海区 侨港镇
    ensure_demo_database(url)                           # `griddesk --demo` on first start
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import exists, func, select
from sqlalchemy.orm import aliased

from ... import migrate
from ...db import Database
from ...errors import Conflict, InvalidTransition, ValidationFailed
from ...models import Case, Place, User
from ...models.base import utcnow
from ...models.enums import PlaceLevel
from .. import password_policy, reference
from ..clock import WorkCalendar
from ..places import get_place
from ..security import Actor, Permission
from ..unit_of_work import unit_of_work
from .accounts import DEMO_USERS, DemoUser, add_users
from .cases import seed_cases
from .context import SEED, DemoContext
from .departments import add_departments
from .emergencies import add_emergencies
from .evaluation import add_evaluation
from .geometry import Village, plan_layout
from .governance import add_governance
from .grids import add_grids
from .matter_list import add_county_list, add_matter_list
from .names import NameMaker
from .people import add_leadership, add_professionals, add_staff, add_work_log
from .profiles import DEFAULT_TOWNSHIP, profile_for
from .rectifications import add_rectifications

__all__ = ["DEMO_USERS", "DEFAULT_TOWNSHIP", "DemoReport", "DemoUser", "ensure_demo_database", "has_demo_data",
           "seed_demo"]


@dataclass(frozen=True)
class DemoReport:
    township_code: str
    township_name: str
    grids: int
    staff: int
    cases: int
    users: tuple[tuple[str, str], ...]  # the demo log-ins created: (username, password)


def has_demo_data(session, township: Place) -> bool:
    """Does the township already hold synthetic grids?"""
    village = aliased(Place)
    return bool(session.scalar(select(exists().where(
        Place.synthetic.is_(True), Place.level == PlaceLevel.GRID, Place.parent_id == village.id,
        village.parent_id == township.id))))


def holds_real_work(session) -> bool:
    """Whether the database holds accounts or requests that are not the demo's: a database in use,
    where the demo's published log-ins and made-up cases must not go (Art. 15)."""
    return bool(session.scalar(select(exists().where(User.synthetic.is_(False)))) or
                session.scalar(select(exists().where(Case.synthetic.is_(False)))))


def seed_demo(db: Database, actor: Actor, township_code: str = DEFAULT_TOWNSHIP, *,
              now: datetime | None = None) -> DemoReport:
    """Add the synthetic demo township in one transaction (one audit entry); refuses a second time, and
    on a database in use (`holds_real_work`)."""
    now = now or utcnow()
    with unit_of_work(db, actor, "demo.seed", target=township_code) as uow:
        session = uow.session
        township = get_place(session, township_code)
        if township.level is not PlaceLevel.TOWNSHIP:
            raise ValidationFailed(f"{township.short_name}({township.code})不是乡镇(街道);"
                                   "演示数据按乡镇生成,请给出 9 位或 12 位乡镇代码", field="township")
        uow.require(Permission.MANAGE_PLACES, township.code, township.short_name)
        if has_demo_data(session, township):
            raise Conflict(f"{township.name}({township.code})已有演示数据,不再重复生成;"
                           "如需重建,请换一个新的数据库文件")
        if holds_real_work(session):
            raise InvalidTransition("这个数据库已有真实的用户账号或诉求,不能再生成演示数据:演示数据带有公开密码的演示账号"
                                    "和合成的诉求,会混入真实工作;请在单独的演示或培训数据库中生成(例如 griddesk --demo)",
                                    article="Art. 15")
        villages = sorted(township.children, key=lambda v: v.code)
        if not villages:
            raise ValidationFailed(f"{township.name} 下没有村(社区),无法生成网格;请先运行 griddesk-admin init")
        index = session.scalar(select(func.count()).where(Place.level == PlaceLevel.TOWNSHIP,
                                                          Place.code < township.code))
        rng = random.Random(f"{SEED}-{township.code}")
        ctx = DemoContext(session=session, rng=rng, names=NameMaker(rng), now=now,
                          calendar=WorkCalendar.load(session), city=township.parent.parent, county=township.parent,
                          township=township, villages=villages, profile=profile_for(township.code, index),
                          actor_name=actor.display_name)
        layout = plan_layout(rng, [Village(v.code, v.short_name) for v in villages], ctx.profile,
                             township.short_name)
        grids = add_grids(ctx, layout)
        departments = add_departments(ctx)
        items = add_matter_list(ctx, departments)
        add_county_list(ctx, departments)
        staff = add_staff(ctx, grids)
        add_leadership(ctx)
        add_professionals(ctx, grids)
        add_work_log(ctx, staff)
        users = add_users(ctx, departments)
        # The demo's log-ins are published with their passwords: asking for a new one after three months
        # would only lock the next visitor out (password_policy).
        password_policy.store_max_age_days(session, 0, by=actor.username)
        add_rectifications(ctx, departments)
        add_evaluation(ctx)
        seeded = seed_cases(ctx, grids, departments, items, staff)
        add_governance(ctx, departments, seeded.cluster)
        add_emergencies(ctx, grids)
        report = DemoReport(township.code, township.name, len(grids), sum(len(p) for p in staff.values()),
                            len(seeded.cases), tuple(users))
        # as_of: the moment the demo's dates are counted back from.
        uow.audit(f"生成演示数据(合成):{township.name} 网格 {report.grids} 个、网格工作人员 {report.staff} 人、"
                  f"诉求 {report.cases} 件", grids=report.grids, staff=report.staff, cases=report.cases,
                  as_of=now.isoformat())
        for topic in ("places", "staff", "matters", "cases", "emergencies"):
            uow.changed(topic, township_id=township.id, note="demo")
        return report


def ensure_demo_database(url: str) -> Database:
    """The demo database, built on first use: migrate, load the real tree, seed the default township.

    An existing demo database is only brought up to the newest schema.
    """
    db = Database.connect(url)
    migrate.upgrade(db)
    with db.session() as session:
        seeded = session.scalar(select(exists().where(Case.synthetic.is_(True))))
    if not seeded:
        system = Actor.system()
        reference.load_beihai_tree(db, system)
        seed_demo(db, system)
        db.gather_statistics()
    elif password_policy.load_max_age_days(db):  # a demo database seeded before the rule was kept with it
        password_policy.set_max_age_days(db, Actor.system(), 0)
    return db
