"""On the spot (Art. 17(2)), escalation and assignment downward (Art. 5).

Grid staff settle what they can where it arises; what they cannot they report up to the
township center (Art. 17(2)). Each level's center handles what the level below reports up and
takes on what the level above assigns down (Art. 5): a center may send a case on to the county
and the city, or assign it back down. Each move is an Escalation row and changes case.level.
Anything handed to grid staff must be on the matter list in force (Art. 13).
"""

from __future__ import annotations

from ...db import Database
from ...errors import GridDeskError, InvalidTransition, LawRefusal, NotFound, ValidationFailed
from ...models import Escalation, Place
from ...models.base import utcnow
from ...models.enums import CaseState, HandlingLevel
from ...said import Message
from ..clock import BEIJING
from ..matters import require_listed_grid_task
from ..security import Actor, Permission
from ..unit_of_work import unit_of_work
from .callback_schedule import schedule_after_close
from .common import LEVEL_ORDER, load_case, record, require_on_case, require_state, required_text
from .results import CaseInfo


_NO_GRID_YET = Message("案件 {number} 尚未分派网格,不能交网格工作人员办理;请先指定网格")
_AT_THE_TOP = Message("案件 {number} 已在市级办理,无法再上报")
_NOT_LOWER = Message("案件 {number} 在{level}办理,只能下派到更低的层级")


# What the center writes, named where it is left empty (required_text).
_RESULT = Message("办理结果")()
_ESCALATION_REASON = Message("上报理由")()
_ASSIGNMENT_NOTE = Message("下派说明")()


def _require_grid_task(session, case) -> Place:
    """Art. 13(3): grid staff may only be asked to handle what the matter list in force holds."""
    if case.grid_id is None:
        raise ValidationFailed(_NO_GRID_YET(number=case.number), field="grid")
    grid = session.get(Place, case.grid_id)
    require_listed_grid_task(session, case.matter_item_id, grid, utcnow().astimezone(BEIJING).date())
    return grid


def grid_task_refusal(session, case) -> GridDeskError | None:
    """Why the case may not be given to grid staff (Art. 13(3)), or None: for the case panel to say so
    before the user types the result of an on-the-spot settlement the service would refuse."""
    try:
        _require_grid_task(session, case)
    except (ValidationFailed, LawRefusal, NotFound) as refusal:
        return refusal
    return None


def resolve_on_spot(db: Database, actor: Actor, *, case_id: int, result: str, expected_version: int) -> CaseInfo:
    """Grid staff settled it where it arose (Art. 17(2)); the case closes with their result.

    Refused for a matter not on the list in force (Art. 13): grid staff may not be asked to handle it.
    """
    result = required_text(result, _RESULT, "reason")
    with unit_of_work(db, actor, "cases.resolve_on_spot") as uow:
        case = load_case(uow, case_id, expected_version)
        require_on_case(uow, case, Permission.INTAKE)
        require_state(case, "resolve_on_spot")
        _require_grid_task(uow.session, case)
        case.resolution = result
        case.closed_at = utcnow()
        case.level = HandlingLevel.GRID
        record(uow, case, "on_spot", f"网格工作人员就地办结:{result}", to_state=CaseState.RESOLVED_ON_SPOT)
        schedule_after_close(uow.session, case)
        uow.session.flush()
        return CaseInfo.of(case)


def escalate(db: Database, actor: Actor, *, case_id: int, reason: str, expected_version: int) -> CaseInfo:
    """Send a case one level up: grid → township → county → city, to the center that handles what the level
    below reports (Art. 5); from its grid, grid staff report up what they cannot settle (Art. 17(2))."""
    reason = required_text(reason, _ESCALATION_REASON, "reason")
    with unit_of_work(db, actor, "cases.escalate") as uow:
        case = load_case(uow, case_id, expected_version)
        require_on_case(uow, case, Permission.DISPATCH)
        require_state(case, "escalate")
        position = LEVEL_ORDER.index(case.level)
        if position == len(LEVEL_ORDER) - 1:
            raise InvalidTransition(_AT_THE_TOP(number=case.number), article="Art. 5")
        to_level = LEVEL_ORDER[position + 1]
        uow.session.add(Escalation(case_id=case.id, from_level=case.level, to_level=to_level,
                                   actor_name=actor.display_name, reason=reason))
        from_level, case.level = case.level, to_level
        record(uow, case, "escalated", f"由{from_level.label}上报至{to_level.label}:{reason}",
               to_state=CaseState.ESCALATED, from_level=from_level.value, to_level=to_level.value)
        uow.session.flush()
        return CaseInfo.of(case)


def assign_down(db: Database, actor: Actor, *, case_id: int, to_level: HandlingLevel, reason: str,
                expected_version: int) -> CaseInfo:
    """Assign a case to a lower level (Art. 5); to grid staff only if it is on the list (Art. 13)."""
    reason = required_text(reason, _ASSIGNMENT_NOTE, "reason")
    with unit_of_work(db, actor, "cases.assign_down") as uow:
        case = load_case(uow, case_id, expected_version)
        require_on_case(uow, case, Permission.DISPATCH)
        require_state(case, "assign_down")
        if LEVEL_ORDER.index(to_level) >= LEVEL_ORDER.index(case.level):
            raise InvalidTransition(_NOT_LOWER(number=case.number, level=case.level), article="Art. 5")
        if to_level is HandlingLevel.GRID:
            _require_grid_task(uow.session, case)
        uow.session.add(Escalation(case_id=case.id, from_level=case.level, to_level=to_level,
                                   actor_name=actor.display_name, reason=reason))
        from_level, case.level = case.level, to_level
        record(uow, case, "assigned_down", f"由{from_level.label}下派至{to_level.label}:{reason}",
               to_state=CaseState.REGISTERED, from_level=from_level.value, to_level=to_level.value)
        uow.session.flush()
        return CaseInfo.of(case)
