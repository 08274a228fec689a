"""The callback workbench at the size it opens in: every column of its list in sight (Art. 20)."""

from __future__ import annotations

from desktop.services import users
from desktop.views.cases.callback_workbench import CallbackWorkbench


def test_the_case_state_stays_in_sight_and_a_long_title_gives_way(qtbot, demo_db, tasks, cjk_font):
    """The title column stretched last had pushed 案件状态 out of the window behind a scroll bar."""
    workbench = CallbackWorkbench(demo_db, users.actor_for(demo_db, "qg_op1"), tasks)
    qtbot.addWidget(workbench)
    workbench.show()
    qtbot.waitExposed(workbench)
    assert workbench.table.rowCount() > 0
    header = workbench.table.horizontalHeader()
    assert header.sectionViewportPosition(4) + header.sectionSize(4) <= workbench.table.viewport().width()
    assert workbench.table.horizontalScrollBar().maximum() == 0
