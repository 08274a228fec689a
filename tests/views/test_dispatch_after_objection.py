"""The dispatch form after a department's objection to a case's jurisdiction was upheld (Art. 18(2)): the
case has just come back from that department, so it is not offered first, and sending it there again asks."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desktop.models import Assignment, Case, Objection
from desktop.models.enums import CaseState
from desktop.services import users
from desktop.services.cases import department, dispatch, review
from desktop.services.security import Actor
from desktop.views import dialogs
from desktop.views.cases.dispatch_dialog import DispatchDialog

from .deferred import Deferred


def _objection_upheld(db, case_id: int | None = None) -> tuple[int, int, str]:
    """A demo case (the first registered, unless named) sent to the department suggested first, whose
    objection the center upholds: the case's id, version and that department's name."""
    operator, system = users.actor_for(db, "qg_op1"), Actor.system("pytest")
    with db.session() as s:
        case_id, version = s.execute(select(Case.id, Case.version).where(
            Case.id == case_id if case_id else Case.state == CaseState.REGISTERED).order_by(Case.id).limit(1)).one()
    first = dispatch.suggest_departments(db, operator, case_id)[0]
    case = dispatch.dispatch(db, operator, case_id=case_id, lead_department_id=first.id, expected_version=version)
    with db.session() as s:
        share = s.scalar(select(Assignment.id).where(Assignment.case_id == case_id)  # the share just made
                         .order_by(Assignment.id.desc()).limit(1))
    case = department.raise_objection(db, system, assignment_id=share, reason="不属本单位职责",
                                      expected_version=case.version)
    with db.session() as s:
        objection = s.scalar(select(Objection.id).where(Objection.assignment_id == share))
    case = review.decide_objection(db, operator, objection_id=objection, approve=True, expected_version=case.version)
    return case_id, case.version, first.name


@pytest.mark.law("Art. 18")
def test_the_department_whose_objection_was_upheld_is_offered_last_and_sending_it_back_asks(qtbot, demo_db,
                                                                                          monkeypatch):
    case_id, version, objected = _objection_upheld(demo_db)
    tasks = Deferred()
    dialog = DispatchDialog(demo_db, users.actor_for(demo_db, "qg_op1"), tasks, case_id, version)
    qtbot.addWidget(dialog)
    tasks.run_all()
    assert not dialog.lead.currentText().startswith(objected)  # another is offered first
    last = dialog.lead.count() - 1
    assert dialog.lead.itemText(last).startswith(objected) and dialog.lead.itemText(last).endswith(" · 管辖异议已成立")
    dialog.lead.setCurrentIndex(last)
    assert "该单位对本案提出的管辖异议曾被认定成立" in dialog.reasons.text()
    asked = []
    monkeypatch.setattr(dialogs, "confirm", lambda parent, title, text: asked.append(text) or False)
    dialog.send()
    assert len(asked) == 1 and asked[0].startswith(f"{objected} 对本案提出的管辖异议曾被认定成立")
    assert not tasks.queued  # not sent: the user said no
    monkeypatch.setattr(dialogs, "confirm", lambda parent, title, text: True)
    dialog.send()
    with qtbot.waitSignal(dialog.dispatched):
        tasks.run()


@pytest.mark.law("Art. 18")
def test_once_every_department_the_matter_list_names_objected_the_form_says_so(qtbot, demo_db):
    """The item's department and the offices of its line each had their objection upheld (Art. 18(2)): none is
    recommended, and the form names them rather than saying the matter list names none."""
    case_id, version, _ = _objection_upheld(demo_db)
    operator = users.actor_for(demo_db, "qg_op1")
    while any(s.recommended for s in dispatch.suggest_departments(demo_db, operator, case_id)):
        case_id, version, _ = _objection_upheld(demo_db, case_id)
    tasks = Deferred()
    dialog = DispatchDialog(demo_db, operator, tasks, case_id, version)
    qtbot.addWidget(dialog)
    tasks.run_all()
    assert dialog.lead.currentIndex() == -1
    assert dialog.reasons.text() == (
        "事项清单为本案指定的 侨港派出所、北海市公安局银海分局、北海市公安局 对管辖提出的异议已被认定成立"
        "(条例第十八条第二款),不作推荐:请按案情另选主办单位(单位列表仅按层级、属地排列)")
