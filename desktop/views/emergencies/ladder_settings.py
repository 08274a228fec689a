"""The Art. 21 reporting ladder's clocks, the levels reported to and their duty-room phones, set city-wide."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLineEdit, QSpinBox, QWidget

from ...i18n import label
from ...services import emergencies
from ..city_settings import CitySettingsDialog


def _clock(suffix: str, maximum: int) -> QSpinBox:
    box = QSpinBox()
    box.setRange(1, maximum)
    box.setSuffix(" " + suffix)
    return box


class LadderSettingsDialog(CitySettingsDialog):
    """Shows the ladder in force; users who may configure it (city-wide) change and save it.

    `saved` carries the LadderRule the service stored.
    """

    def __init__(self, db, actor, tasks, parent: QWidget | None = None):
        super().__init__(db, actor, tasks, parent)
        self.setWindowTitle(self.tr("紧急情况报告时限(《条例》第二十一条)"))
        self.setMinimumWidth(460)
        self.phone_first = _clock(self.tr("分钟"), emergencies.LADDER_LIMITS["phone_first_minutes"])
        self.written_first = _clock(self.tr("分钟"), emergencies.LADDER_LIMITS["written_first_minutes"])
        self.follow_up = _clock(self.tr("小时"), emergencies.LADDER_LIMITS["follow_up_hours"])
        self.final = _clock(self.tr("个工作日"), emergencies.LADDER_LIMITS["final_working_days"])
        self.report_to = {level: QCheckBox(label(level)) for level in emergencies.UPWARD_LEVELS}
        levels = QHBoxLayout()
        for box in self.report_to.values():
            levels.addWidget(box)
        levels.addStretch(1)
        self.form.addRow(self.tr("电话首报(获知后)"), self.phone_first)
        self.form.addRow(self.tr("书面首报(获知后)"), self.written_first)
        self.form.addRow(self.tr("续报间隔(处置期间)"), self.follow_up)
        self.form.addRow(self.tr("终报(处置完毕后)"), self.final)
        self.form.addRow(self.tr("报送对象"), levels)
        self.finish(note=self.tr("新的时限适用于保存之后报告的紧急情况。已报告的紧急情况,报送对象和已排定的时限不变,"
                                 "此后排定的续报、终报按新的时限。"),
                    permission_note=self.tr("报告时限由市级管理员全市统一设定;需要修改时请联系市级管理员。"),
                    may_configure=emergencies.may_configure_ladder(actor), load=emergencies.load_ladder,
                    save=emergencies.configure_ladder)

    def show_value(self, rule) -> None:
        self.phone_first.setValue(rule.phone_first_minutes)
        self.written_first.setValue(rule.written_first_minutes)
        self.follow_up.setValue(rule.follow_up_hours)
        self.final.setValue(rule.final_working_days)
        for level, box in self.report_to.items():
            box.setChecked(level in rule.report_to)
        for widget in (self.phone_first, self.written_first, self.follow_up, self.final, *self.report_to.values()):
            widget.setEnabled(self.may_configure)

    def values(self) -> dict:
        """The settings as keyword arguments of `emergencies.configure_ladder`."""
        return dict(phone_first_minutes=self.phone_first.value(), written_first_minutes=self.written_first.value(),
                    follow_up_hours=self.follow_up.value(), final_working_days=self.final.value(),
                    report_to=[level for level, box in self.report_to.items() if box.isChecked()])


def open_ladder_settings(window) -> None:
    LadderSettingsDialog(window.db, window.actor, window.tasks, parent=window).open()


class DutyPhonesDialog(CitySettingsDialog):
    """The duty-room phones of the city and its counties, which the ladder reports to: shown beside
    each report owed, so that whoever reports sees whom to call. Set city-wide, as the ladder is."""

    def __init__(self, db, actor, tasks, parent: QWidget | None = None):
        super().__init__(db, actor, tasks, parent)
        self.setWindowTitle(self.tr("报送对象值班电话(《条例》第二十一条)"))
        self.setMinimumWidth(420)
        self.phones: dict[str, QLineEdit] = {}
        self.finish(note=self.tr("报告进度和主窗口提示条在每个待报环节旁显示报送对象及其值班电话。留空即不显示。"),
                    permission_note=self.tr("值班电话由市级管理员全市统一录入;需要修改时请联系市级管理员。"),
                    may_configure=emergencies.may_configure_duty_phones(actor), load=emergencies.duty_phone_rows,
                    save=emergencies.configure_duty_phones)

    def show_value(self, rows) -> None:
        for code, name, phone in rows:
            edit = QLineEdit(phone)
            edit.setPlaceholderText(self.tr("如 0779-2020110"))
            edit.setEnabled(self.may_configure)
            self.phones[code] = edit
            self.form.addRow(name, edit)

    def values(self) -> dict:
        """The phones as the keyword argument of `emergencies.configure_duty_phones`."""
        return dict(phones={code: edit.text() for code, edit in self.phones.items()})


def open_duty_phones(window) -> None:
    DutyPhonesDialog(window.db, window.actor, window.tasks, parent=window).open()
