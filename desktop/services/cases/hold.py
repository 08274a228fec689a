"""Temporarily unresolvable 暂缓/挂账 (Art. 19(2)): objective factors keep the request from being
solved now. The reason and the explanation given to the requester are recorded; the case stays
visible, its clocks stop, and it is called back periodically until reopened."""

from __future__ import annotations

from ...db import Database
from ...errors import ValidationFailed
from ...models.base import utcnow
from ...models.enums import CaseState
from ..security import Actor, Permission
from ..unit_of_work import unit_of_work
from .callback_schedule import schedule_while_on_hold
from .common import finish_assignments, load_case, record, require_on_case, require_state
from .results import CaseInfo


def put_on_hold(db: Database, actor: Actor, *, case_id: int, reason: str, explanation: str,
                expected_version: int) -> CaseInfo:
    """Mark a case temporarily unresolvable; both the reason and the explanation are required (Art. 19(2))."""
    problems = [p for p, v in (("暂缓理由(reason):必填", reason), ("向诉求人所作解释(explanation):必填", explanation))
                if not v or not v.strip()]
    if problems:
        raise ValidationFailed("暂缓须说明理由并做好解释工作(Art. 19)", problems, article="Art. 19")
    now = utcnow()
    with unit_of_work(db, actor, "cases.hold") as uow:
        case = load_case(uow, case_id, expected_version)
        require_on_case(uow, case, Permission.REVIEW)
        require_state(case, "hold")
        finish_assignments(case, now)
        case.hold_reason, case.hold_explanation = reason.strip(), explanation.strip()
        record(uow, case, "on_hold", f"暂缓办理:{case.hold_reason};已向诉求人解释:{case.hold_explanation}",
               to_state=CaseState.ON_HOLD, at=now)
        schedule_while_on_hold(uow.session, case, now)
        uow.session.flush()
        return CaseInfo.of(case)
