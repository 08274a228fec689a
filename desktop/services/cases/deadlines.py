"""The clock of an assignment (SPEC §4, §11): sign-for, first contact and handling deadlines.

Defaults (SPEC §11; the regulation sets no numbers): sign for within 1 working day (urgent:
30 minutes); contact the requester within 1 working day; handle within the matter item's
limit — general 5 working days, complex 15, urgent 24 hours. The lead must have contacted the
requester before it feeds back its result (Art. 19(1)), so its contact deadline falls by the
handling deadline at the latest: an urgent case handled within 24 hours cannot wait a working day
for its first call. A co-handler may call the requester too, but answers to the lead, not to a
contact deadline of its own. While an extension or an
objection is being decided the clock stands still if the setting "clock.pause_while_deciding"
is on: the time spent deciding is given back when the decision is made — as working time to a
deadline in working days (a weekend spent deciding costs nothing), as time to one in hours.
A department that objects to a case before signing for it has answered in time (Art. 18): where its
clock did not stand still, a refusal of the objection starts the sign-for limit afresh from the decision.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from ...models import Assignment, Case, Extension, MatterItem, Objection
from ...models.enums import AssignmentRole, AssignmentState, DecisionState, MatterComplexity, TimeLimitUnit
from ..clock import WorkCalendar
from .common import lead_assignment, setting

PAUSE_SETTING = "clock.pause_while_deciding"


@dataclass(frozen=True)
class Limit:
    """A time limit: `amount` working days, or `amount` hours, or a number of minutes."""

    amount: int
    unit: TimeLimitUnit | None  # None: minutes

    def deadline(self, calendar: WorkCalendar, start: datetime) -> datetime:
        if self.unit is None:
            return start + timedelta(minutes=self.amount)
        return calendar.deadline(start, self.amount, self.unit)

    @property
    def label(self) -> str:
        return f"{self.amount} 分钟" if self.unit is None else f"{self.amount} {self.unit.label}"


@dataclass(frozen=True)
class TimeLimits:
    sign: Limit
    contact: Limit
    handle: Limit


ONE_WORKING_DAY = Limit(1, TimeLimitUnit.WORKING_DAYS)
URGENT_SIGN = Limit(30, None)
URGENT_HANDLE = Limit(24, TimeLimitUnit.HOURS)
GENERAL_HANDLE = {MatterComplexity.GENERAL: Limit(5, TimeLimitUnit.WORKING_DAYS),
                  MatterComplexity.COMPLEX: Limit(15, TimeLimitUnit.WORKING_DAYS),
                  MatterComplexity.URGENT: URGENT_HANDLE}


def limits_for(item: MatterItem | None, urgent: bool) -> TimeLimits:
    """The limits of a case: from its matter item; an urgent case is handled within hours."""
    if item is not None:
        handle = Limit(item.time_limit, item.time_limit_unit)
        urgent = urgent or item.complexity is MatterComplexity.URGENT
    else:
        handle = GENERAL_HANDLE[MatterComplexity.GENERAL]
    if urgent and handle.unit is not TimeLimitUnit.HOURS:
        handle = URGENT_HANDLE
    return TimeLimits(URGENT_SIGN if urgent else ONE_WORKING_DAY, ONE_WORKING_DAY, handle)


def case_limits(session, case: Case) -> TimeLimits:
    item = session.get(MatterItem, case.matter_item_id) if case.matter_item_id else None
    return limits_for(item, case.urgent)


def start_clock(assignment: Assignment, calendar: WorkCalendar, limits: TimeLimits, start: datetime) -> None:
    """The share's deadlines from `start`; its role must be set (only the lead has one to contact by)."""
    assignment.dispatched_at = start
    assignment.sign_due_at = limits.sign.deadline(calendar, start)
    assignment.due_at = assignment.original_due_at = limits.handle.deadline(calendar, start)
    assignment.contact_due_at = None
    if assignment.role is AssignmentRole.LEAD:
        assignment.contact_due_at = _contact_by(limits.contact.deadline(calendar, start), assignment)


def _contact_by(deadline: datetime, assignment: Assignment) -> datetime:
    """The contact deadline, at the latest the handling deadline (see the module's docstring)."""
    return min(deadline, assignment.due_at)


def extend(calendar: WorkCalendar, due: datetime, amount: int, unit: TimeLimitUnit) -> datetime:
    """A deadline moved on by an approved extension. A working-day deadline falls at 24:00, so
    the extension counts from the next day on (the day that ended is not counted twice)."""
    if unit is TimeLimitUnit.WORKING_DAYS:
        return calendar.add_working_days(due - timedelta(microseconds=1), amount)
    return calendar.deadline(due, amount, unit)


def pausing(session) -> bool:
    return bool(setting(session, PAUSE_SETTING, False))


def pause(session, assignment: Assignment, now: datetime) -> bool:
    """Stop the share's clock while a request is decided, if so configured; True if it stopped.

    A share already overdue has no time left to keep: its clock is not stopped, so that the case
    stays overdue in the queue and among the unresolved requests for key supervision (Art. 20(1)).
    """
    if pausing(session) and assignment.paused_since is None and now < assignment.due_at:
        assignment.paused_since = now
        return True
    return False


def _given_back(deadline: datetime, limit: Limit, calendar: WorkCalendar, pauses: list[tuple[datetime, datetime]]) -> datetime:
    for start, end in pauses:
        if start >= deadline:
            continue  # a deadline already passed keeps nothing: a late sign-for stays late
        if limit.unit is TimeLimitUnit.WORKING_DAYS:
            deadline = calendar.add_working_time(deadline, calendar.working_time_between(start, end))
        else:
            deadline += end - start
    return deadline


def resume(assignment: Assignment, now: datetime, calendar: WorkCalendar, limits: TimeLimits) -> None:
    """Give the time the clock stood still back to the deadlines still running."""
    if assignment.paused_since is None:
        return
    pauses = [(assignment.paused_since, now)]
    assignment.paused_seconds += _seconds(assignment.paused_since, now)
    assignment.paused_since = None
    # A contact deadline capped by the handling deadline stays with it (as recompute counts it).
    capped = assignment.contact_due_at is not None and assignment.contact_due_at >= assignment.due_at
    assignment.due_at = _given_back(assignment.due_at, limits.handle, calendar, pauses)
    if assignment.signed_at is None:
        assignment.sign_due_at = _given_back(assignment.sign_due_at, limits.sign, calendar, pauses)
    if assignment.contacted_at is None and assignment.contact_due_at is not None:
        assignment.contact_due_at = assignment.due_at if capped else _contact_by(
            _given_back(assignment.contact_due_at, limits.contact, calendar, pauses), assignment)


def restart_sign_for(session, assignment: Assignment, objection: Objection, calendar: WorkCalendar,
                     limits: TimeLimits, now: datetime) -> bool:
    """On refusing `objection`, give the share a fresh sign-for period from `now` (and a lead a fresh
    contact period: it cannot call the requester before it has signed); True if it did.

    Art. 18: the objection of a department not yet signed for the case is its answer to the dispatch;
    the time the center took to decide is the center's, not a sign-for the department let pass. An
    objection raised once the sign-for had fallen due excuses nothing; one that stopped the clock
    (PAUSE_SETTING) had that time given back by `resume` instead. Only the share's first refused
    objection does it: objecting again just before each fresh deadline would put off signing for ever.
    """
    refused_before = session.scalar(select(Objection.id).where(
        Objection.assignment_id == assignment.id, Objection.state == DecisionState.REFUSED,
        Objection.id != objection.id).limit(1))
    if objection.paused_clock or refused_before is not None or not _restarts_sign_for(
            objection.raised_at, assignment.sign_due_at, assignment.signed_at):
        return False
    assignment.sign_due_at = limits.sign.deadline(calendar, now)
    if assignment.role is AssignmentRole.LEAD and assignment.contacted_at is None and assignment.contact_due_at:
        assignment.contact_due_at = _contact_by(limits.contact.deadline(calendar, now), assignment)
    return True


def _restarts_sign_for(raised_at: datetime, sign_due: datetime, signed_at: datetime | None) -> bool:
    # Raised by the deadline (a sign-for at it is in time too) and before signing.
    return raised_at <= sign_due and (signed_at is None or raised_at < signed_at)


def sync_case_due(case: Case) -> None:
    """case.due_at mirrors the lead assignment's running deadline (the queue sorts by it and
    counts what is overdue by it): none while the lead's clock stands still for a decision, and
    none once the lead has fed back its result (Art. 19(3)): the case then waits on the center's
    review, not on a department, and is neither overdue nor due for key supervision (Art. 20(1))
    until it is sent back. A result fed back late stays late in the timeline and the evaluation."""
    lead = lead_assignment(case)
    running = lead is not None and lead.paused_since is None and lead.state is not AssignmentState.REPORTED
    case.due_at = lead.due_at if running else None


def recompute(session, assignment: Assignment, calendar: WorkCalendar, limits: TimeLimits) -> bool:
    """Recount an assignment's deadlines with the calendar as it is now; True if any moved.

    Used when an admin enters the holidays of a year the bundled calendar did not know (for
    finished shares too: the evaluation judges them by these deadlines), and when an extension
    is approved. The pauses given back are those of the decided requests that stopped the clock
    — to the sign-for and contact deadlines only those begun before the share was signed for or
    the requester contacted; the rest of the time the share stood still (pauses decided before
    migration 0009, which kept no such mark) is given back in clock time, as it was then. A refused
    objection that restarted the sign-for (`restart_sign_for`) restarts it here too.
    """
    before = (assignment.sign_due_at, assignment.contact_due_at, assignment.due_at)
    start = assignment.dispatched_at
    pauses = _pauses(session, assignment)
    earlier = timedelta(seconds=max(0, assignment.paused_seconds - sum(_seconds(a, b) for a, b in pauses)))

    def given_back(deadline: datetime, limit: Limit, until: datetime | None = None,
                   begun_before: datetime | None = None) -> datetime:
        counted = [(a, b) for a, b in pauses
                   if (until is None or b <= until) and (begun_before is None or a < begun_before)]
        return _given_back(deadline, limit, calendar, counted) + earlier

    sign_due, restarted_at = _sign_due(limits.sign, calendar, start, assignment.signed_at, pauses,
                                       _first_refusal(session, assignment))
    # A share signed for (or its requester contacted) while unmarked pauses were given back is left
    # as it is: when those pauses fell against the signing is not known. A restart leaves them behind.
    if assignment.signed_at is None or not earlier:
        assignment.sign_due_at = sign_due + (earlier if restarted_at is None else timedelta(0))
    contact_due = None
    if assignment.role is AssignmentRole.LEAD and (assignment.contacted_at is None or not earlier):
        if restarted_at is None:
            contact_due = given_back(limits.contact.deadline(calendar, start), limits.contact,
                                     begun_before=assignment.contacted_at)
        else:  # as restart_sign_for set it, with the pauses begun since given back
            contact_due = _given_back(limits.contact.deadline(calendar, restarted_at), limits.contact, calendar, [
                (a, b) for a, b in pauses
                if a >= restarted_at and (assignment.contacted_at is None or a < assignment.contacted_at)])
    elif assignment.role is AssignmentRole.LEAD:
        contact_due = assignment.contact_due_at
    assignment.original_due_at = limits.handle.deadline(calendar, start)
    due = assignment.original_due_at
    approved = session.scalar(select(Extension).where(Extension.assignment_id == assignment.id,
                                                      Extension.state == DecisionState.APPROVED))
    if approved is not None:
        due = extend(calendar, due, approved.requested_amount, limits.handle.unit)
        # As the decision set it: with the pauses given back by then, not those of later requests.
        approved.new_due_at = given_back(due, limits.handle, until=approved.decided_at)
    assignment.due_at = given_back(due, limits.handle)
    # Capped by the handling deadline before any extension: an extension gives more time to handle, not to call.
    first_due = given_back(assignment.original_due_at, limits.handle)
    assignment.contact_due_at = min(contact_due, first_due) if contact_due is not None else None
    return before != (assignment.sign_due_at, assignment.contact_due_at, assignment.due_at)


def _sign_due(limit: Limit, calendar: WorkCalendar, start: datetime, signed_at: datetime | None,
              pauses: list[tuple[datetime, datetime]], refusal: tuple[datetime, datetime] | None
              ) -> tuple[datetime, datetime | None]:
    """The sign-for deadline of a share dispatched at `start`, its decided requests taken in turn, and when
    it restarted (None: it did not): a pause begun before signing gives its time back; the refusal, if it
    restarts the sign-for, runs the limit again from its decision (`restart_sign_for`)."""
    deadline, restarted_at = limit.deadline(calendar, start), None
    requests = [*((a, b, False) for a, b in pauses), *([(*refusal, True)] if refusal else [])]
    for begun, decided, refused in sorted(requests):
        if refused and _restarts_sign_for(begun, deadline, signed_at):
            deadline, restarted_at = limit.deadline(calendar, decided), decided
        elif not refused and (signed_at is None or begun < signed_at):
            deadline = _given_back(deadline, limit, calendar, [(begun, decided)])
    return deadline, restarted_at


def _seconds(start: datetime, end: datetime) -> int:
    return int((end - start).total_seconds())  # as resume() adds them up in paused_seconds


def _pauses(session, assignment: Assignment) -> list[tuple[datetime, datetime]]:
    """When the share's clock stood still: each decided request that stopped it, in order."""
    pauses = [*session.execute(select(Extension.requested_at, Extension.decided_at).where(
                  Extension.assignment_id == assignment.id, Extension.paused_clock, Extension.decided_at.is_not(None))),
              *session.execute(select(Objection.raised_at, Objection.decided_at).where(
                  Objection.assignment_id == assignment.id, Objection.paused_clock, Objection.decided_at.is_not(None)))]
    return sorted((start, end) for start, end in pauses)


def _first_refusal(session, assignment: Assignment) -> tuple[datetime, datetime] | None:
    """When the share's first refused objection was raised and decided, where it did not stop the clock
    (the only one that may restart the sign-for, `restart_sign_for`)."""
    first = session.execute(select(Objection.raised_at, Objection.decided_at, Objection.paused_clock).where(
        Objection.assignment_id == assignment.id, Objection.state == DecisionState.REFUSED)
        .order_by(Objection.decided_at, Objection.id).limit(1)).first()
    return None if first is None or first.paused_clock else (first.raised_at, first.decided_at)
