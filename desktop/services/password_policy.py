"""How long a password may be used before its owner chooses a new one (Art. 15).

Art. 15 asks the institutions to keep their information secure; the classified protection of
information systems (等级保护) that a government system is assessed under asks for passwords to be
changed periodically. The city sets the maximum age for every account; 0 means passwords do not
expire. A password past it still logs in, and the desk then asks its owner for a new one before it
opens, as it does for a password an administrator chose.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from ..db import Database
from ..errors import ValidationFailed
from ..models import Setting, utcnow
from ..models.places import CITY_CODE
from ..said import Message
from .security import Actor, Permission
from .unit_of_work import unit_of_work

MAX_AGE_SETTING = "password_max_age_days"
DEFAULT_MAX_AGE_DAYS = 90
LONGEST_MAX_AGE_DAYS = 3650


def max_age_days(session) -> int:
    """The city's maximum password age in days; 0: passwords do not expire."""
    stored = session.get(Setting, MAX_AGE_SETTING)
    return DEFAULT_MAX_AGE_DAYS if stored is None else int(stored.value)


def load_max_age_days(db: Database) -> int:
    with db.session() as session:
        return max_age_days(session)


def is_expired(changed_at: datetime, days: int, now: datetime | None = None) -> bool:
    """Whether a password set at `changed_at` is older than `days` (never, when `days` is 0)."""
    return days > 0 and (now or utcnow()) - changed_at > timedelta(days=days)


def may_set(actor: Actor) -> bool:
    """Whether the actor sets the city's maximum password age (a city administrator)."""
    return actor.can(Permission.MANAGE_USERS, CITY_CODE)


_SETTING_MAX_AGE = Message("设定密码最长使用天数")()  # what was asked, in a refusal (UnitOfWork.require)


def set_max_age_days(db: Database, actor: Actor, days: int) -> int:
    """Set the maximum password age for every account of the city (a city administrator's decision)."""
    if isinstance(days, bool) or not isinstance(days, int) or not 0 <= days <= LONGEST_MAX_AGE_DAYS:
        raise ValidationFailed(f"密码最长使用天数应为 0 至 {LONGEST_MAX_AGE_DAYS} 的整数(0 为不限),不是 {days!r}",
                               field="days")
    with unit_of_work(db, actor, "users.password_policy", target=MAX_AGE_SETTING) as uow:
        uow.require(Permission.MANAGE_USERS, CITY_CODE, action=_SETTING_MAX_AGE)
        before = store_max_age_days(uow.session, days, by=actor.username)
        uow.audit(f"密码最长使用天数由 {_days_text(before)} 改为 {_days_text(days)}", before=before, after=days)
        return days


def store_max_age_days(session, days: int, *, by: str) -> int:
    """Write the rule in the caller's transaction (which checks and audits); the rule it replaces."""
    before = max_age_days(session)
    setting = session.get(Setting, MAX_AGE_SETTING) or Setting(key=MAX_AGE_SETTING)
    setting.value, setting.updated_by = days, by
    session.add(setting)
    return before


def _days_text(days: int) -> str:
    return f"{days} 天" if days else "不限"
