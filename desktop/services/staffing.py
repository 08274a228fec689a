"""Staffing adequacy (Art. 9(4)): do a grid's members match its population, area and units?

The regulation sets no numbers, so the rule is a setting ("staffing.rule", SPEC §11 default:
one member per 300 households in urban grids, one per village group in rural grids; optional
residents and units per member). A grid needs the largest of the counts the rule asks for,
and never fewer than the staff quota of its approved division (Grid.staff_quota).
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from datetime import date

from sqlalchemy import func, or_, select

from ..db import Database
from ..errors import ValidationFailed
from ..models import Grid, GridStaffRole, Person, Place, Setting
from ..models.enums import GridStatus, PersonStatus, PlaceLevel, StaffRole
from .clock import beijing_today
from .places import get_place
from .security import Actor, Permission
from .unit_of_work import unit_of_work

SETTING_KEY = "staffing.rule"
# Heads lead; members (and exclusive-grid staff) are what Art. 9(4) counts.
COUNTED_ROLES = (StaffRole.GRID_MEMBER, StaffRole.EXCLUSIVE_STAFF)


@dataclass(frozen=True)
class StaffingRule:
    households_per_member_urban: int | None = 300
    groups_per_member_rural: int | None = 1
    residents_per_member: int | None = None
    units_per_member: int | None = None

    @classmethod
    def from_setting(cls, value: dict | None) -> StaffingRule:
        if not value:
            return cls()
        known = {k: v for k, v in value.items() if k in cls.__dataclass_fields__}
        return cls(**known)

    def validate(self) -> None:
        bad = [name for name, value in asdict(self).items() if value is not None and (not isinstance(value, int)
                                                                                     or value < 1)]
        if bad:
            raise ValidationFailed("配备规则中的数值应为正整数(或留空表示不按此项计算)", problems=bad)

    def required(self, *, urban: bool, households: int, village_groups: int, residents: int, units: int) -> int:
        """Members a grid needs: the largest demand of the measures in the rule, at least one."""
        demands = [1]
        if urban and self.households_per_member_urban:
            demands.append(math.ceil(households / self.households_per_member_urban))
        if not urban and self.groups_per_member_rural:
            demands.append(math.ceil(village_groups / self.groups_per_member_rural))
        if self.residents_per_member:
            demands.append(math.ceil(residents / self.residents_per_member))
        if self.units_per_member:
            demands.append(math.ceil(units / self.units_per_member))
        return max(demands)


@dataclass(frozen=True)
class GridStaffing:
    grid_id: int
    grid_code: str
    grid_name: str
    required: int
    actual: int

    @property
    def under_staffed(self) -> bool:
        return self.actual < self.required


def load_rule(db: Database) -> StaffingRule:
    with db.session() as session:
        setting = session.get(Setting, SETTING_KEY)
        return StaffingRule.from_setting(setting.value if setting else None)


def save_rule(db: Database, actor: Actor, rule: StaffingRule) -> None:
    """Change the rule for the whole city (a city admin's decision)."""
    rule.validate()
    with unit_of_work(db, actor, "staffing.save_rule", target=SETTING_KEY) as uow:
        city = uow.session.scalar(select(Place).where(Place.level == PlaceLevel.CITY))
        uow.require(Permission.MANAGE_STAFF, city.code, city.short_name)
        setting = uow.session.get(Setting, SETTING_KEY) or Setting(key=SETTING_KEY)
        setting.value = asdict(rule)
        setting.updated_by = actor.username
        uow.session.add(setting)
        uow.audit("修改网格员配备规则", **asdict(rule))
        uow.changed("staff", note=SETTING_KEY)


def adequacy(db: Database, *, under: str | None = None, on: date | None = None) -> list[GridStaffing]:
    """Required and actual members of each active grid (under a place), in code order."""
    on = on or beijing_today()
    rule = load_rule(db)
    with db.session() as session:
        serving = (
            select(GridStaffRole.grid_id, func.count(func.distinct(GridStaffRole.person_id)).label("n"))
            .join(Person, Person.id == GridStaffRole.person_id)
            .where(GridStaffRole.role.in_(COUNTED_ROLES), GridStaffRole.start_on <= on,
                   or_(GridStaffRole.end_on.is_(None), GridStaffRole.end_on >= on),
                   Person.status != PersonStatus.LEFT)
            .group_by(GridStaffRole.grid_id)
            .subquery()
        )
        stmt = (select(Place.id, Place.code, Place.short_name, Grid, func.coalesce(serving.c.n, 0))
                .join(Grid, Grid.place_id == Place.id)
                .outerjoin(serving, serving.c.grid_id == Place.id)
                .where(Grid.status == GridStatus.ACTIVE)
                .order_by(Place.code))
        if under:
            root = get_place(session, under)
            stmt = stmt.where(Place.code.startswith(root.code[: root.level.code_prefix_length]))
        return [
            GridStaffing(pid, code, name, max(grid.staff_quota, rule.required(
                urban=grid.urban, households=grid.households, village_groups=grid.village_groups,
                residents=grid.residents, units=grid.units)), actual)
            for pid, code, name, grid, actual in session.execute(stmt)
        ]
