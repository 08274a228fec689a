"""The emergency report form and the ladder panel, driven with qtbot (synchronous task runner)."""

from datetime import timedelta

import pytest
from PySide6.QtCore import QDateTime
from PySide6.QtGui import QFontDatabase

from desktop import paths
from desktop.models import utcnow
from desktop.models.enums import EmergencyLevel, EmergencyStepKind, EmergencyType
from desktop.services import emergencies
from desktop.tasks import SyncTaskRunner
from desktop.views import dialogs
from desktop.views.emergencies.ladder_panel import OVERDUE, LadderPanel
from desktop.views.emergencies.report_dialog import EmergencyReportDialog

QIAOGANG = "450503103000"


@pytest.fixture
def errors(monkeypatch):
    shown = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, exc: shown.append(exc))
    return shown


@pytest.mark.law("Art. 21")
def test_the_form_sends_a_report_and_names_missing_fields(qtbot, sqlite_db, system, errors):
    dialog = EmergencyReportDialog(sqlite_db, system, SyncTaskRunner(), township_code=QIAOGANG)
    qtbot.addWidget(dialog)
    dialog.submit()
    assert errors and "title" in "\n".join(errors[0].problems)
    dialog.type.setCurrentIndex(dialog.type.findData(EmergencyType.MAJOR_DISPUTE))
    dialog.title_edit.setText("渔排租金纠纷")
    dialog.occurred.setDateTime(QDateTime.currentDateTime().addSecs(-3600))
    dialog.place.setText("亚平村海边渔排")
    dialog.people.setValue(20)
    dialog.injuries.setValue(1)
    dialog.summary.setPlainText("二十余名养殖户与承包方发生争执")
    with qtbot.waitSignal(dialog.reported, timeout=1000) as sent:
        dialog.submit()
    info = sent.args[0]
    assert info.type is EmergencyType.MAJOR_DISPUTE and info.level is EmergencyLevel.LEVEL_IV
    assert (info.people_involved, info.injuries, info.lon) == (20, 1, None)
    assert [r.id for r in emergencies.unacknowledged(sqlite_db, system)] == [info.id]


@pytest.mark.law("Art. 21")
def test_the_ladder_panel_shows_overdue_steps_and_records_one(qtbot, sqlite_db, system, errors, tmp_path):
    QFontDatabase.addApplicationFont(str(paths.font_path()))
    learned = utcnow() - timedelta(hours=2)
    info = emergencies.report(sqlite_db, system, type=EmergencyType.EMERGENCY, level=EmergencyLevel.LEVEL_III,
                              title="渔船碰撞起火", occurred_at=learned, learned_at=learned, place_text="侨港渔港",
                              township_code=QIAOGANG, summary="两船碰撞起火")
    panel = LadderPanel(sqlite_db, system, SyncTaskRunner())
    qtbot.addWidget(panel)
    panel.resize(820, 420)
    assert panel.table.rowCount() == 6 and panel.ack_button.isEnabled()
    phone_row = next(r for r in range(6) if panel.table.item(r, 0).text() == EmergencyStepKind.PHONE_FIRST.label)
    assert panel.table.item(phone_row, 0).foreground().color() == OVERDUE
    panel.table.selectRow(phone_row)
    panel.content.setText("电话报区应急局值班室")
    panel.record_selected()
    assert not errors
    row = next(r for r in range(6) if panel.table.item(r, 4).text() == "电话报区应急局值班室")
    assert panel.table.item(row, 3).text() != "—"
    panel.acknowledge_current()
    assert not panel.ack_button.isEnabled()
    assert emergencies.get_report(sqlite_db, system, info.id).acknowledged_by == system.display_name
    assert not panel.grab().isNull()
