"""Linked departments (联动部门) of the city, the county and the demo township, with liaisons.

The department names follow the real institutions of Beihai and 银海区; every contact person
is made up. City and county departments are shared by all demo townships (created once).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from ...models import Department, Liaison, Person
from ...models.enums import DepartmentLevel
from .context import DemoContext

# (key, name) — the key ends the department code, e.g. 450500-GAJ.
CITY_DEPARTMENTS = (
    ("ZFW", "中共北海市委政法委员会"),
    ("XCB", "中共北海市委宣传部"),
    ("GAJ", "北海市公安局"),
    ("SFJ", "北海市司法局"),
    ("MZJ", "北海市民政局"),
    ("RSJ", "北海市人力资源和社会保障局"),
    ("ZJJ", "北海市住房和城乡建设局"),
    ("CGJ", "北海市城市管理综合执法局"),
    ("WJW", "北海市卫生健康委员会"),
    ("SCJ", "北海市市场监督管理局"),
    ("HYJ", "北海市海洋局"),
    ("YJJ", "北海市应急管理局"),
    ("TJJ", "北海市统计局"),
    ("WMB", "北海市精神文明建设委员会办公室"),
)

# "{c}" is the county's name, "{s}" its short name.
COUNTY_DEPARTMENTS = (
    ("WGZX", "{c}网格化服务管理中心"),
    ("GA", "北海市公安局{s}分局"),
    ("ZJJ", "{c}住房和城乡建设局"),
    ("WJJ", "{c}卫生健康局"),
    ("NYJ", "{c}农业农村局"),
    ("MZJ", "{c}民政局"),
    ("YJJ", "{c}应急管理局"),
)

# "{t}" is the township's name, "{s}" its short name.
TOWNSHIP_DEPARTMENTS = (
    ("ZZZX", "{t}综治中心"),
    ("PCS", "{s}派出所"),
    ("SCJGS", "{s}市场监管所"),
    ("CGZD", "{t}城管中队"),
    ("WSY", "{t}卫生院"),
    ("YYZ", "{t}渔业站"),
    ("GDS", "{s}供电所"),
    ("ZLS", "北海市自来水公司{s}营业所"),
    ("SFS", "{s}司法所"),
    ("SHSW", "{t}社会事务办公室"),
    ("CJZ", "{t}村镇规划建设管理站"),
)

# The department of the line above (departments.set_parent): township key → ("county" | "city", key),
# county key → city key. Utilities (供电所, 自来水营业所) have none, nor the county's grid centre
# and agriculture bureau (the demo city has no agriculture bureau).
TOWNSHIP_LINES = {
    "ZZZX": ("city", "ZFW"), "PCS": ("county", "GA"), "SCJGS": ("city", "SCJ"), "CGZD": ("city", "CGJ"),
    "WSY": ("county", "WJJ"), "YYZ": ("city", "HYJ"), "SFS": ("city", "SFJ"), "SHSW": ("county", "MZJ"),
    "CJZ": ("county", "ZJJ"),
}
COUNTY_LINES = {"GA": "GAJ", "ZJJ": "ZJJ", "WJJ": "WJW", "MZJ": "MZJ", "YJJ": "YJJ"}


@dataclass
class DemoDepartments:
    city: dict[str, Department]
    county: dict[str, Department]
    township: dict[str, Department]
    guidance_contacts: dict[int, Person]  # department id → its guidance contact (Art. 13)
    responsible: dict[int, Person]  # department id → its responsible person (Art. 20)


def _short(name: str) -> str:
    for prefix in ("中共北海市委", "北海市"):
        if name.startswith(prefix) and len(name) > len(prefix) + 2:
            return name[len(prefix):]
    return name


def _ensure(ctx: DemoContext, place, level: DepartmentLevel, rows, names: dict) -> dict[str, Department]:
    """The departments of one place, created with two contacts each unless already there."""
    prefix = place.code[: {DepartmentLevel.CITY: 6, DepartmentLevel.COUNTY: 6, DepartmentLevel.TOWNSHIP: 9}[level]]
    existing = {d.code: d for d in ctx.session.scalars(select(Department).where(Department.place_id == place.id))}
    result, new = {}, []
    for key, template in rows:
        code = f"{prefix}-{key}"
        department = existing.get(code)
        if department is None:
            name = template.format(**names)
            department = Department(code=code, name=name, short_name=_short(name), level=level, place_id=place.id,
                                    phone=ctx.names.office_phone(), synthetic=True)
            new.append(department)
        result[key] = department
    ctx.add_all(new)
    # Two contacts each: the responsible person (Art. 20) and the guidance contact (Art. 13).
    pairs = [(department, [Person(name=ctx.names.person(), phone=ctx.names.mobile(), organisation=department.name,
                                  synthetic=True) for _ in range(2)]) for department in new]
    ctx.add_all([person for _, people in pairs for person in people])
    ctx.insert_many([liaison for department, (responsible, guide) in pairs for liaison in (
        Liaison(department_id=department.id, person_id=responsible.id, is_responsible=True),
        Liaison(department_id=department.id, person_id=guide.id, is_guidance_contact=True))])
    return result


def add_departments(ctx: DemoContext) -> DemoDepartments:
    county, township = ctx.county, ctx.township
    made = DemoDepartments(
        city=_ensure(ctx, ctx.city, DepartmentLevel.CITY, CITY_DEPARTMENTS, {}),
        county=_ensure(ctx, county, DepartmentLevel.COUNTY, COUNTY_DEPARTMENTS,
                       {"c": county.name, "s": county.short_name}),
        township=_ensure(ctx, township, DepartmentLevel.TOWNSHIP, TOWNSHIP_DEPARTMENTS,
                         {"t": township.name, "s": township.short_name}),
        guidance_contacts={}, responsible={},
    )
    lines = [(made.county[key], made.city[parent]) for key, parent in COUNTY_LINES.items()]
    lines += [(made.township[key], getattr(made, level)[parent]) for key, (level, parent) in TOWNSHIP_LINES.items()]
    for department, parent in lines:
        if department.parent_id is None:  # a line already recorded (e.g. by an administrator) stands
            department.parent_id = parent.id
    ctx.session.flush()
    ids = [d.id for group in (made.city, made.county, made.township) for d in group.values()]
    rows = ctx.session.execute(
        select(Liaison.department_id, Liaison.is_guidance_contact, Liaison.is_responsible, Person)
        .join(Person, Person.id == Liaison.person_id).where(Liaison.department_id.in_(ids)).order_by(Liaison.id))
    for department_id, guidance, responsible, person in rows:
        if guidance:
            made.guidance_contacts.setdefault(department_id, person)
        if responsible:
            made.responsible.setdefault(department_id, person)
    return made
