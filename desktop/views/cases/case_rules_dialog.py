"""The callback and clock rules (Art. 19(2), 20(2); SPEC §11), set city-wide."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QSpinBox, QWidget

from ...services.cases import case_rules
from ..city_settings import CitySettingsDialog


class CaseRulesDialog(CitySettingsDialog):
    """Shows the rules in force; who keeps the city's working calendar changes and saves them.

    `saved` carries the CaseRules the service stored.
    """

    def __init__(self, db, actor, tasks, parent: QWidget | None = None):
        super().__init__(db, actor, tasks, parent)
        self.setWindowTitle(self.tr("期限与回访规则(《条例》第二十条)"))
        self.setMinimumWidth(460)
        captions = {"after_close_working_days": (self.tr("结案后回访"), self.tr("个工作日内")),
                    "on_hold_every_days": (self.tr("暂缓案件回访间隔"), self.tr("天")),
                    "basically_satisfied_again_working_days": (self.tr("基本满意的再次回访"), self.tr("个工作日后")),
                    "callback_attempts": (self.tr("未联系上诉求人时最多回访"), self.tr("次(每次在不同日期)"))}
        self.numbers: dict[str, QSpinBox] = {}
        for name, (_label, _unit, least, most) in case_rules.NUMBERS.items():
            caption, unit = captions[name]
            box = QSpinBox()
            box.setRange(least, most)
            box.setSuffix(" " + unit)
            if least == 0:
                box.setSpecialValueText(self.tr("不再回访"))
            self.numbers[name] = box
            self.form.addRow(caption, box)
        self.pause = QCheckBox(self.tr("延期或管辖异议待决定期间暂停计时"))
        self.form.addRow("", self.pause)
        self.finish(note=self.tr("回访时限适用于保存之后排定的回访;暂停计时适用于保存之后提出的延期申请和管辖异议,"
                                 "暂停的时间在决定时按工作时间补回;已超期的承办任务不暂停。"),
                    permission_note=self.tr("只有维护全市工作日历的用户可以修改这些规则。"),
                    may_configure=case_rules.may_configure(actor), load=case_rules.load_rules,
                    save=case_rules.configure_rules)

    def show_value(self, rules) -> None:
        for name, box in self.numbers.items():
            box.setValue(getattr(rules, name))
            box.setEnabled(self.may_configure)
        self.pause.setChecked(rules.pause_while_deciding)
        self.pause.setEnabled(self.may_configure)

    def values(self) -> dict:
        """The rules as keyword arguments of `case_rules.configure_rules`."""
        return {name: box.value() for name, box in self.numbers.items()} | {
            "pause_while_deciding": self.pause.isChecked()}


def open_case_rules(window) -> None:
    CaseRulesDialog(window.db, window.actor, window.tasks, parent=window).open()
