"""Roles, permissions and place scopes (Art. 15; SPEC §9). Enforced here, not only in the UI."""

from __future__ import annotations

import enum
import getpass
import socket
from dataclasses import dataclass, field

from ..models.enums import PlaceLevel, Role


class Permission(str, enum.Enum):
    VIEW = "view"
    # Every case of the scope, requesters included. A liaison lacks it: it reads only the cases its
    # department holds a share of, where it holds HANDLE (Art. 15, 19).
    VIEW_CASES = "view_cases"
    VIEW_SENSITIVE = "view_sensitive"
    INTAKE = "intake"
    DISPATCH = "dispatch"
    HANDLE = "handle"  # a department's own assignments: sign, contact, report, extension, objection
    REVIEW = "review"  # review and close, decide extensions and objections
    SUPERVISE = "supervise"
    CALLBACK = "callback"
    EMERGENCY_REPORT = "emergency_report"
    EMERGENCY_ACK = "emergency_ack"
    CORRECT_EMERGENCY_RECORD = "correct_emergency_record"  # a ladder rung's time or text, a handling undone
    MANAGE_PLACES = "manage_places"
    PROPOSE_GRIDS = "propose_grids"
    APPROVE_GRIDS = "approve_grids"  # Art. 6: the county institution
    FILE_GRIDS = "file_grids"  # Art. 6: the city institution
    MANAGE_STAFF = "manage_staff"
    MANAGE_MATTERS = "manage_matters"
    APPLY_MATTERS = "apply_matters"
    EVALUATE = "evaluate"
    PRINT = "print"
    EXCHANGE = "exchange"
    MANAGE_USERS = "manage_users"
    # Reading the accounts and their roles: an administrator's to keep them, an auditor's to check them (Art. 15).
    VIEW_ACCOUNTS = "view_accounts"
    MANAGE_CALENDAR = "manage_calendar"
    MANAGE_EMERGENCY_LADDER = "manage_emergency_ladder"  # the Art. 21 clocks, city-wide
    VIEW_AUDIT = "view_audit"

    @property
    def label(self) -> str:
        return PERMISSION_LABELS[self]


PERMISSION_LABELS = {
    Permission.VIEW: "查看",
    Permission.VIEW_CASES: "查看辖区全部案件",
    Permission.VIEW_SENSITIVE: "查看敏感个人信息",
    Permission.INTAKE: "受理诉求",
    Permission.DISPATCH: "派遣",
    Permission.HANDLE: "承办",
    Permission.REVIEW: "核查审批",
    Permission.SUPERVISE: "督办",
    Permission.CALLBACK: "回访",
    Permission.EMERGENCY_REPORT: "报告紧急情况",
    Permission.EMERGENCY_ACK: "确认紧急告警",
    Permission.CORRECT_EMERGENCY_RECORD: "更正紧急情况报送记录",
    Permission.MANAGE_PLACES: "维护区划与网格",
    Permission.PROPOSE_GRIDS: "提出网格划分调整",
    Permission.APPROVE_GRIDS: "审核网格划分调整",
    Permission.FILE_GRIDS: "网格备案",
    Permission.MANAGE_STAFF: "维护网格人员",
    Permission.MANAGE_MATTERS: "维护事项清单",
    Permission.APPLY_MATTERS: "申请事项纳入或退出",
    Permission.EVALUATE: "综合评价",
    Permission.PRINT: "打印",
    Permission.EXCHANGE: "数据导入导出",
    Permission.MANAGE_USERS: "管理用户",
    Permission.VIEW_ACCOUNTS: "查看用户账号与角色",
    Permission.MANAGE_CALENDAR: "维护节假日",
    Permission.MANAGE_EMERGENCY_LADDER: "设定紧急情况报告时限",
    Permission.VIEW_AUDIT: "查看审计日志",
}

P = Permission
_OPERATOR = {
    P.VIEW, P.VIEW_CASES, P.INTAKE, P.DISPATCH, P.REVIEW, P.CALLBACK, P.EMERGENCY_REPORT, P.PRINT, P.EXCHANGE,
}
_SUPERVISOR = _OPERATOR | {P.SUPERVISE, P.EMERGENCY_ACK, P.CORRECT_EMERGENCY_RECORD, P.VIEW_SENSITIVE, P.EVALUATE}
# An administrator does not acknowledge alarms: that is the township duty room's shift supervisor's,
# at the wall (Art. 21; SPEC §5).
_ADMIN = (_SUPERVISOR - {P.EMERGENCY_ACK}) | {
    P.MANAGE_PLACES, P.MANAGE_STAFF, P.MANAGE_MATTERS, P.MANAGE_USERS, P.VIEW_ACCOUNTS, P.MANAGE_CALENDAR,
    P.PROPOSE_GRIDS,
}
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.OPERATOR: frozenset(_OPERATOR),
    Role.SUPERVISOR: frozenset(_SUPERVISOR),
    Role.TOWNSHIP_ADMIN: frozenset(_ADMIN),
    Role.COUNTY_ADMIN: frozenset(_ADMIN | {P.APPROVE_GRIDS}),
    Role.CITY_ADMIN: frozenset(_ADMIN | {P.APPROVE_GRIDS, P.FILE_GRIDS, P.MANAGE_EMERGENCY_LADDER}),
    Role.LIAISON: frozenset({P.VIEW, P.HANDLE, P.CALLBACK, P.APPLY_MATTERS}),
    Role.AUDITOR: frozenset({P.VIEW, P.VIEW_CASES, P.VIEW_AUDIT, P.VIEW_ACCOUNTS}),
}


def scope_prefix(code: str, level: PlaceLevel) -> str:
    """The code prefix shared by a place and everything under it."""
    return code[: level.code_prefix_length]


def in_scope(place_code: str, scope_code: str, scope_level: PlaceLevel) -> bool:
    return place_code.startswith(scope_prefix(scope_code, scope_level))


def enclosing_code(codes) -> str | None:
    """The code of the smallest township, county or the city holding every place of `codes`
    (None for none): where an audit entry of something spanning them belongs, so that the
    auditor over that place reads it (audit_log._visible)."""
    codes = set(codes)
    if len(codes) <= 1:
        return next(iter(codes), None)
    for length in (PlaceLevel.TOWNSHIP.code_prefix_length, PlaceLevel.COUNTY.code_prefix_length,
                   PlaceLevel.CITY.code_prefix_length):
        if len({code[:length] for code in codes}) == 1:
            return next(iter(codes))[:length].ljust(12, "0")
    return None


@dataclass(frozen=True)
class Grant:
    role: Role
    place_code: str
    place_level: PlaceLevel
    place_id: int | None = None


@dataclass(frozen=True)
class Actor:
    """Who is acting, from where. Passed to every mutating service call."""

    username: str
    display_name: str
    grants: tuple[Grant, ...] = ()
    user_id: int | None = None
    department_id: int | None = None
    desktop: str = field(default_factory=socket.gethostname)
    os_user: str | None = None
    is_system: bool = False
    # Logged in with a password an administrator chose: the desk asks for the user's own first.
    must_change_password: bool = field(default=False, compare=False)
    # Logged in with a password older than the city allows (password_policy): the desk asks for a new one.
    password_expired: bool = field(default=False, compare=False)

    @classmethod
    def system(cls, os_user: str | None = None) -> Actor:
        """The built-in administrator the CLI acts as, recorded with the OS user's name."""
        os_user = os_user or os_account() or "unknown"
        return cls(username="system", display_name=f"系统管理员({os_user})", os_user=os_user, is_system=True)

    @property
    def roles(self) -> set[Role]:
        return {g.role for g in self.grants}

    def can(self, permission: Permission, place_code: str | None = None) -> bool:
        if self.is_system:
            return True
        for grant in self.grants:
            if permission in ROLE_PERMISSIONS[grant.role]:
                if place_code is None or in_scope(place_code, grant.place_code, grant.place_level):
                    return True
        return False

    def holds_at(self, permission: Permission, place_code: str | None, level: PlaceLevel) -> bool:
        """Whether the actor holds `permission` through a grant of an institution at `level` (over
        `place_code`, or anywhere when None) — e.g. Art. 6: only a township proposes grids."""
        if self.is_system:
            return True
        return any(grant.place_level is level and (place_code is None or
                                                   in_scope(place_code, grant.place_code, grant.place_level))
                   for grant in self.scopes(permission))

    def scopes(self, permission: Permission = Permission.VIEW) -> list[Grant] | None:
        """Grants carrying the permission; None means everywhere (the system actor)."""
        if self.is_system:
            return None
        return [g for g in self.grants if permission in ROLE_PERMISSIONS[g.role]]


def os_account() -> str | None:
    """The operating-system account this program runs under (on a shared duty-room PC, whoever is
    logged into it), or None where it has no name."""
    try:
        return getpass.getuser()
    except Exception:  # no login name (e.g. a service account without passwd entry); 3.13 raises OSError, older KeyError
        return None
