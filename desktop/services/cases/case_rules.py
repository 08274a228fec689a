"""The rules of the case clock and of callbacks, set city-wide (SPEC §11, the regulation sets no
numbers): how many working days after closing a requester is called back, how often a held
case is, whether one only basically satisfied is called back again, and how many times one not
reached is tried before the round ends as 无法联系 (Art. 19(2), 20(2)); and whether a share's
clock stands still while an extension or an objection is decided.

Kept by whoever keeps the working calendar for the whole city (MANAGE_CALENDAR over the city):
the rules and the calendar make the deadlines together. A change applies to callbacks scheduled
and requests made afterwards; audited with the rules before and after.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from ...db import Database
from ...errors import ValidationFailed
from ...models import Setting
from ...models.places import CITY_CODE
from ...said import Message
from ..security import Actor, Permission
from ..unit_of_work import unit_of_work
from .callback_schedule import DEFAULT_RULE, RULE_SETTING
from .common import setting
from .deadlines import PAUSE_SETTING, pausing

RULES_PERMISSION = Permission.MANAGE_CALENDAR
# Field: (label, unit, least, most).
NUMBERS = {
    "after_close_working_days": ("结案后回访", "个工作日内", 1, 30),
    "on_hold_every_days": ("暂缓案件回访间隔", "天", 7, 92),
    "basically_satisfied_again_working_days": ("基本满意的再次回访(0 为不再回访)", "个工作日后", 0, 30),
    "callback_attempts": ("未联系上诉求人时最多回访", "次(每次在不同日期)", 1, 5),
}
PAUSE_LABEL = "延期或管辖异议待决定期间暂停计时"


@dataclass(frozen=True)
class CaseRules:
    after_close_working_days: int
    on_hold_every_days: int
    pause_while_deciding: bool
    basically_satisfied_again_working_days: int = 0
    callback_attempts: int = DEFAULT_RULE["callback_attempts"]

    def text(self) -> str:
        again = self.basically_satisfied_again_working_days
        return (f"结案后 {self.after_close_working_days} 个工作日内回访,暂缓案件每 {self.on_hold_every_days} 天回访,"
                + (f"基本满意的 {again} 个工作日后再次回访," if again else "基本满意的不再回访,")
                + f"未联系上诉求人的最多回访 {self.callback_attempts} 次(不同日期),"
                + f"延期或异议待决定期间{'暂停' if self.pause_while_deciding else '不暂停'}计时")


def _load(session) -> CaseRules:
    rule = setting(session, RULE_SETTING, DEFAULT_RULE)
    return CaseRules(rule["after_close_working_days"], rule["on_hold_every_days"], pausing(session),
                     rule["basically_satisfied_again_working_days"], rule["callback_attempts"])


def load_rules(db: Database) -> CaseRules:
    with db.session() as session:
        return _load(session)


def may_configure(actor: Actor) -> bool:
    return actor.can(RULES_PERMISSION, CITY_CODE)


def _problems(values: dict) -> list[str]:
    problems = [f"{name}:不是期限与回访规则的设置项(可设置:{'、'.join([*NUMBERS, 'pause_while_deciding'])})"
                for name in values if name not in NUMBERS and name != "pause_while_deciding"]
    for name, (label, unit, least, most) in NUMBERS.items():
        if name not in values:
            continue
        value = values[name]
        if isinstance(value, bool) or not isinstance(value, int) or not least <= value <= most:
            problems.append(f"{label}({name}):应为 {least} 至 {most} 的整数({unit}),不是 {value!r}")
    if "pause_while_deciding" in values and not isinstance(values["pause_while_deciding"], bool):
        problems.append(f"{PAUSE_LABEL}(pause_while_deciding):应为是或否,不是 {values['pause_while_deciding']!r}")
    return problems


_SETTING_RULES = Message("设定办理期限与回访规则")()  # what was asked, in a refusal (UnitOfWork.require)


def configure_rules(db: Database, actor: Actor, **values) -> CaseRules:
    """Set the rules city-wide; those not given keep their current value. All or nothing."""
    problems = _problems(values)
    if problems:
        raise ValidationFailed("期限与回访规则未保存,请按提示改正:", problems, article="Art. 20")
    with unit_of_work(db, actor, "cases.configure_rules", target=RULE_SETTING) as uow:
        uow.require(RULES_PERMISSION, CITY_CODE, action=_SETTING_RULES)
        before = _load(uow.session)
        after = CaseRules(**(asdict(before) | values))
        for key, value in ((RULE_SETTING, {name: getattr(after, name) for name in NUMBERS}),
                           (PAUSE_SETTING, after.pause_while_deciding)):
            row = uow.session.get(Setting, key) or Setting(key=key)
            row.value, row.updated_by = value, actor.username
            uow.session.add(row)
        uow.audit(f"修改期限与回访规则:{after.text()}(此后排定的回访和此后提出的申请适用)",
                  before=asdict(before), after=asdict(after))
        return after
