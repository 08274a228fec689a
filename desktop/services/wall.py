"""What the supervisor's wall display shows, read in two parts (SPEC §5, §10).

`snapshot`, read on every change of a case or a report: the KPI tiles (today's intake, open,
overdue, the Art. 21 rungs overdue), the years whose holidays nobody has entered that open
deadlines run into, the emergency reports — those owing an overdue rung first, so that the wall
never hides one — and the oldest Art. 21 report nobody has acknowledged yet: it takes over the
screen as soon as this is read (tens of milliseconds on the demo).

`month_rates`: the month's three rates of SPEC §11. Month figures, and by far the slowest read
(seconds on a PostgreSQL database whose planner has no statistics yet), they are recomputed on a
clock of their own and shown with the time they were computed; nothing waits for them. (The live
queue itself is the main window's paged queue model, filtered the same.)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from ..db import Database
from ..models import Department, utcnow
from ..models.enums import EmergencyState
from ..models.places import CITY_CODE
from . import calendar_admin, emergencies, queue, users
from .emergencies import EmergencyInfo
from .evaluation.periods import Period, period_of
from .evaluation.scores import Figure, scope_figures
from .places import get_place
from .security import Actor, Permission, scope_prefix

THREE_RATES = ("response", "resolution", "satisfaction")
RECENT_EMERGENCY_DAYS = 7
EMERGENCY_ROWS = 6  # what the wall's emergency panel holds at every resolution (its type scales with it)


@dataclass(frozen=True)
class Kpis:
    received_today: int
    open: int
    overdue: int
    # Art. 21 rungs owed past their time in every report of the scope, each follow-up round fallen due meanwhile too.
    emergency_steps_overdue: int = 0
    emergencies_overdue: int = 0  # the reports owing them


@dataclass(frozen=True)
class WallSnapshot:
    at: datetime
    scope_code: str
    scope_name: str
    kpis: Kpis
    # Open or learned of in the last week: those owing an overdue rung, then those owing one not yet
    # due, then the rest; newest first within each. At most EMERGENCY_ROWS.
    emergencies: tuple[EmergencyInfo, ...]
    alarm: EmergencyInfo | None  # the oldest unacknowledged report the actor reports for: takes over the screen
    alarms_waiting: int
    # A liaison sees only the cases their department holds a share of: the counts and the rates
    # are that department's, and the title says so.
    department_name: str | None = None
    emergencies_not_shown: int = 0  # further reports of the list, beyond EMERGENCY_ROWS
    emergencies_not_shown_overdue: int = 0  # of those, the ones owing an overdue rung
    # Years open deadlines run into whose holidays are neither published nor entered: the queue's
    # countdowns there are counted Monday–Friday, and the wall says so (as the desk's banner does).
    unknown_years: tuple[int, ...] = ()


@dataclass(frozen=True)
class MonthRates:
    at: datetime  # when they were computed: the wall says it beside them
    period: Period  # the month so far
    # Response, resolution, satisfaction; a liaison's are its department's (as WallSnapshot.department_name).
    rates: tuple[Figure, ...]


def home_scope(actor: Actor) -> str:
    """The wall shows the actor's first viewing scope (the city for the system actor)."""
    grants = actor.scopes()
    return grants[0].place_code if grants else CITY_CODE


def _scope(db: Database, actor: Actor, under: str) -> tuple[str, str, str, Department | None]:
    """The place shown (its code, name and code prefix) and, for a liaison who views no cases there,
    its department: the wall shows that department's cases only."""
    with db.session() as session:
        scope = get_place(session, under)
        own = actor.department_id if not actor.can(Permission.VIEW_CASES, scope.code) else None
        department = session.get(Department, own) if own is not None else None
        return scope.code, scope.name, scope_prefix(scope.code, scope.level), department


def snapshot(db: Database, actor: Actor, *, under: str | None = None, now: datetime | None = None) -> WallSnapshot:
    """Everything the wall shows but the queue and the month's rates: what must be up within the second."""
    now = now or utcnow()
    under = under or home_scope(actor)
    scope_code, scope_name, prefix, department = _scope(db, actor, under)
    counts = queue.summary(db, actor, under, now=now)
    every = emergencies.list_reports(db, actor, under=under)
    late = [r for r in every if r.overdue_steps(now)]
    reports = emergencies.most_urgent_first([r for r in every if r.state is not EmergencyState.CLOSED
                                             or r.learned_at >= now - timedelta(days=RECENT_EMERGENCY_DAYS)], now)
    shown, rest = reports[:EMERGENCY_ROWS], reports[EMERGENCY_ROWS:]
    # The takeover asks the shift's supervisor to sign in and acknowledge (Art. 21): only on the wall of a desk that
    # reports for the township, as the desk's emergency banner shows only those. A liaison's or an auditor's wall,
    # which no supervisor watches and which can act on none, lists the report in its emergency panel instead.
    waiting = sorted((r for r in emergencies.reported_by(actor, emergencies.unacknowledged(db, actor))
                      if r.township_code.startswith(prefix)), key=lambda r: (r.learned_at, r.id))
    return WallSnapshot(
        now, scope_code, scope_name,
        Kpis(counts.received_today, counts.open, counts.overdue, sum(r.overdue_count(now) for r in late), len(late)),
        tuple(shown), waiting[0] if waiting else None, len(waiting), department.name if department else None,
        len(rest), sum(1 for r in rest if r.overdue_steps(now)), calendar_admin.unknown_years_of_open_deadlines(db),
    )


def month_rates(db: Database, actor: Actor, *, under: str | None = None, now: datetime | None = None) -> MonthRates:
    """The month's response, resolution and satisfaction rates so far, of the scope `snapshot` shows."""
    now = now or utcnow()
    under = under or home_scope(actor)
    department = _scope(db, actor, under)[3]
    month = period_of(now)
    rates = scope_figures(db, actor, month, THREE_RATES, under=under, as_of=now,
                          department_id=department.id if department else None)
    return MonthRates(now, month, tuple(rates[c] for c in THREE_RATES))


def acknowledge_as(db: Database, username: str, password: str, report_id: int, *,
                   desktop: str | None = None) -> EmergencyInfo:
    """The supervisor at the wall signs in and acknowledges the alarm (Art. 21; SPEC §5).

    Both steps are audited: the log-in by `users.login`, the acknowledgement (a shift supervisor of the
    report's township only: `emergencies.may_acknowledge`) by `emergencies.acknowledge`.
    """
    supervisor = users.login(db, username, password, desktop=desktop)
    return emergencies.acknowledge(db, supervisor, report_id)
