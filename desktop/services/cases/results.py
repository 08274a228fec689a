"""Plain results of the case services (never live ORM objects)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ...models import Assignment, Case, CaseEvent
from ...models.enums import (
    AssignmentRole,
    AssignmentState,
    CallbackOutcome,
    CallbackState,
    CaseState,
    Channel,
    DepartmentLevel,
    HandlingLevel,
    MatterCategory,
    Satisfaction,
    SupervisionLevel,
    TimeLimitUnit,
)


@dataclass(frozen=True)
class CaseInfo:
    """A case as a list or a follow-up call needs it; `version` goes back as expected_version."""

    id: int
    number: str
    version: int
    state: CaseState
    level: HandlingLevel
    title: str
    category: MatterCategory
    urgent: bool
    supervision: SupervisionLevel
    township_id: int
    grid_id: int | None
    due_at: datetime | None
    updated_by: str | None
    updated_at: datetime

    @classmethod
    def of(cls, case: Case) -> CaseInfo:
        return cls(case.id, case.number, case.version, case.state, case.level, case.title, case.category,
                   case.urgent, case.supervision, case.township_id, case.grid_id, case.due_at, case.updated_by,
                   case.updated_at)


@dataclass(frozen=True)
class DepartmentSuggestion:
    """A department a case may be sent to, with why it is suggested (dispatch.suggest_departments)."""

    id: int
    name: str
    level: DepartmentLevel
    reasons: tuple[str, ...]
    co_handling: bool = False  # a co-handler at work on the case: it carries on unless made the lead
    signs_at_desk: bool = True  # it has an active liaison account; if not, the center phones it (Art. 18(1))
    objected: bool = False  # its objection to the case's jurisdiction was upheld (Art. 18(2)): suggested last
    # Named for the case's matter item or an office of its line, not objected: the only lead preset (Art. 17(1))
    recommended: bool = False
    listed: bool = False  # named for the case's matter item or an office of its line, objected or not


@dataclass(frozen=True)
class AssignmentInfo:
    id: int
    department_id: int
    department_name: str
    role: AssignmentRole
    state: AssignmentState
    dispatched_at: datetime
    sign_due_at: datetime
    signed_at: datetime | None
    contact_due_at: datetime | None
    contacted_at: datetime | None
    due_at: datetime
    original_due_at: datetime
    reported_at: datetime | None
    result: str | None
    paused: bool
    version: int  # goes back with a liaison's action as seen_share_version (department._own_assignment)
    department_phone: str | None = None  # the office number, to chase a share falling late

    def next_deadline(self) -> tuple[datetime | None, str | None]:
        """The share's next deadline and its step ("sign", "contact" or "handle"), as a liaison's queue
        counts it down (queue.OwnShare): none while its clock stands still or once it has reported."""
        if self.paused or self.state is AssignmentState.REPORTED:
            return None, None
        if self.signed_at is None:
            return self.sign_due_at, "sign"
        if self.contacted_at is None and self.contact_due_at is not None:
            return self.contact_due_at, "contact"
        return self.due_at, "handle"

    @classmethod
    def of(cls, a: Assignment, department_name: str, department_phone: str | None = None) -> AssignmentInfo:
        return cls(a.id, a.department_id, department_name, a.role, a.state, a.dispatched_at, a.sign_due_at,
                   a.signed_at, a.contact_due_at, a.contacted_at, a.due_at, a.original_due_at, a.reported_at,
                   a.result, a.paused_since is not None, a.version, department_phone)


@dataclass(frozen=True)
class EventInfo:
    id: int  # the newest one shown goes back with a liaison's action as seen_event_id
    at: datetime
    kind: str
    actor_name: str
    desktop: str | None
    from_state: CaseState | None
    to_state: CaseState | None
    message: str

    @classmethod
    def of(cls, e: CaseEvent) -> EventInfo:
        return cls(e.id, e.at, e.kind, e.actor_name, e.desktop, CaseState(e.from_state) if e.from_state else None,
                   CaseState(e.to_state) if e.to_state else None, e.message)


@dataclass(frozen=True)
class CallbackInfo:
    id: int
    case_id: int
    case_number: str
    case_title: str
    requester_name: str | None
    requester_phone: str | None  # masked unless the actor may see it
    due_at: datetime
    state: CallbackState
    solved: bool | None
    satisfaction: Satisfaction | None
    notes: str | None
    case_state: CaseState
    outcomes: tuple[CallbackOutcome, ...]  # the follow-ups this actor may choose (Art. 15, 20)
    # What the requester is asked about: the result the case was closed with, or why it is on hold
    # and what they were told (Art. 20).
    resolution: str | None = None
    hold_reason: str | None = None
    hold_explanation: str | None = None
    # The requesters of the duplicates merged into the case (name, phone), to be told as well.
    merged_in: tuple[tuple[str | None, str | None], ...] = ()
    attempt: int = 1  # within the round: an attempt after attempt - 1 that did not reach the requester
    # The lead department's 回访负责人 (Art. 20(3): the department has its responsible person call back), by name:
    # offered as who made the call when the center records it.
    responsible: tuple[str, ...] = ()


@dataclass(frozen=True)
class SupervisionInfo:
    id: int
    level: SupervisionLevel
    issued_at: datetime
    issued_by: str
    due_at: datetime
    reason: str
    closed_at: datetime | None
    superseded_by: int | None = None  # the id of the newer order that closed it (再次督办, 一般 → 重点督办)


@dataclass(frozen=True)
class PendingRequest:
    """An extension request or a jurisdiction objection waiting for the center: what it asks, and why."""

    id: int
    text: str  # who asks what, and the reason: shown with the question of the decision


@dataclass(frozen=True)
class ShareStep:
    """What a liaison's step on its department's running share goes with, as the case panel passes it
    (department._own_assignment): the case and the share as they stand, and the case's newest event."""

    case: CaseInfo
    share: AssignmentInfo
    newest_event_id: int
    handling_unit: TimeLimitUnit  # what an extension's amount counts (the case's time limit's unit)

    def seen(self) -> dict:
        """The keywords of every department step: the share, and what was read of it and of the case."""
        return {"assignment_id": self.share.id, "expected_version": self.case.version,
                "seen_event_id": self.newest_event_id, "seen_share_version": self.share.version}


@dataclass(frozen=True)
class GridChoice:
    """A grid a case on the triage list may be routed to."""

    code: str
    name: str
    distance_m: float | None  # from the case's point to the grid's edge; None when either has no place


@dataclass(frozen=True)
class MergeChoice:
    """An open case the current case looks like a duplicate of."""

    number: str
    title: str
    distance_m: float


@dataclass(frozen=True)
class CaseDetail:
    """Everything the case panel shows, with the actions the current user may take now."""

    case: CaseInfo
    channel: Channel
    description: str
    requester_name: str | None
    requester_phone: str | None  # masked unless the actor may see it
    matter_item: str | None
    address: str | None
    lon: float | None
    lat: float | None
    place_name: str
    grid_code: str | None
    received_at: datetime
    closed_at: datetime | None
    resolution: str | None
    hold_reason: str | None
    hold_explanation: str | None
    merged_into: str | None
    assignments: tuple[AssignmentInfo, ...]
    events: tuple[EventInfo, ...]
    supervision_orders: tuple[SupervisionInfo, ...]
    callbacks: tuple[CallbackInfo, ...]
    actions: tuple[str, ...]  # keys of common.ACTION_LABELS the current user may take now
    own_assignment_id: int | None  # the current user's department's active share, if any
    pending_extension: PendingRequest | None  # the one the center decides next (Art. 18(2), 19(2))
    pending_objection: PendingRequest | None
    handling_limit: int  # the case's time limit (an extension may ask for up to as much again, SPEC §11)
    handling_unit: TimeLimitUnit
    # The requests merged into this case as duplicates: (number, requester name, phone — masked as the
    # case's own, what they said), so that whoever tells the requester the result, or calls back, tells them
    # too, knowing what each asked (a duplicate may add a detail: "已经一个星期").
    merged_in: tuple[tuple[str, str | None, str | None, str], ...] = ()
    route_choices: tuple[GridChoice, ...] = ()  # when "route" is an action: the township's grids, nearest first
    merge_choices: tuple[MergeChoice, ...] = ()  # when "merge" is an action: suspected duplicates, nearest first
    # When "add_co_handler" is an action: the departments suggested, those working on the case left out.
    co_handler_choices: tuple[DepartmentSuggestion, ...] = ()
    # When "supervise" is an action: the deadline an order issued now gets unless the supervisor sets one.
    supervise_due: datetime | None = None
    # The county or city whose center handles the case since it was escalated (Art. 5), for a user who
    # may only follow it there (a township's operator): the panel says whose it is.
    handled_above: str | None = None
    merged_into_id: int | None = None  # the case a duplicate was merged into (merged_into is its number)
    # Actions offered that the case is not ready for yet, with why and what comes first (a lead's result
    # before the requester was contacted): said when the button is pressed, before anything is typed.
    not_yet: tuple[tuple[str, str], ...] = ()
    # When the current user's department asked what the center has still to decide (an extension, an
    # objection): the panel says its steps wait for that, since then.
    own_request_at: datetime | None = None
