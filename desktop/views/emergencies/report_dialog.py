"""The emergency report form (Art. 21): type, level, times, place, people, casualties, measures;
the same form reports a situation and corrects its facts later (amend_dialog)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...i18n import enumeration, label
from ...models.enums import EmergencyLevel, EmergencyType, PlaceLevel
from ...services import emergencies, places
from ...services.clock import due_text
from ...services.security import Permission
from .. import beijing_time, dialogs
from ..required_fields import mark_required
from ..screen_fit import fit_to_screen, scrolling
from ..unsaved import AsksBeforeDiscarding
from .banner import to_whom

REPORTED_SHOWN_MS = 60_000  # how long the status bar names the report just filed and its first rung


def _count() -> QSpinBox:
    box = QSpinBox()
    box.setRange(0, 100_000)
    return box


def _text(height: int = 70) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(height)
    return edit


class EmergencyReportForm(QWidget):
    """The facts of a report: type, level, title, times, place, location, people, casualties, summary, measures.

    Empty for a new report; `fill()` shows a report's facts for correcting them.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.type = QComboBox()
        for kind in EmergencyType:
            self.type.addItem(label(kind), kind)
        self.type.setPlaceholderText(self.tr("请选择类型"))  # chosen, never preset
        self.type.setCurrentIndex(-1)
        self.level = QComboBox()
        for level in EmergencyLevel:
            self.level.addItem(label(level), level)
        self.level.setPlaceholderText(self.tr("请选择级别"))  # chosen, never preset: not graded lowest in a hurry
        self.level.setCurrentIndex(-1)
        # Art. 21 covers what may happen too: a warning, its time the one it is expected at.
        self.anticipated = QCheckBox(self.tr("尚未发生(可能发生的情况,预警报告)"))
        self.title_edit = QLineEdit()
        self.title_edit.setMaxLength(120)
        self.occurred, self.learned = beijing_time.beijing_field(), beijing_time.beijing_field()
        for edit in (self.occurred, self.learned):
            edit.setDisplayFormat("yyyy-MM-dd HH:mm")
            edit.setCalendarPopup(True)
        self.place = QLineEdit()
        self.place.setMaxLength(200)
        self.lon, self.lat = QDoubleSpinBox(), QDoubleSpinBox()
        for box, limit in ((self.lon, 180), (self.lat, 90)):
            box.setRange(-limit - 1, limit)  # the lowest value means "not given"
            box.setDecimals(6)
            box.setSpecialValueText(self.tr("未定位"))
            box.setValue(box.minimum())
        self.lon.setAccessibleName(self.tr("经度"))
        self.lat.setAccessibleName(self.tr("纬度"))
        located = QHBoxLayout()
        located.addWidget(self.lon)
        located.addWidget(self.lat)
        self.people, self.deaths, self.injuries, self.missing = _count(), _count(), _count(), _count()
        casualties = QHBoxLayout()
        for caption, box in ((self.tr("死亡"), self.deaths), (self.tr("受伤"), self.injuries), (self.tr("失踪"), self.missing)):
            box.setPrefix(caption + " ")
            box.setAccessibleName(caption)
            casualties.addWidget(box)
        # A first report is due before casualties are known: the counts are then those known so far.
        self.casualties_unverified = QCheckBox(self.tr("尚在核实"))
        self.casualties_unverified.setToolTip(self.tr("伤亡人数尚未核实时勾选,填目前已知的人数;终报前须核实"))
        casualties.addWidget(self.casualties_unverified)
        self.summary, self.measures = _text(90), _text()

        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("类型"), self.type)
        form.addRow(self.tr("级别"), self.level)
        form.addRow(self.tr("标题"), self.title_edit)
        form.addRow("", self.anticipated)
        # A warning's time may not be known: 时间未定 (ticked at first, so that no time is made up).
        self.time_unknown = QCheckBox(self.tr("时间未定"))
        self.time_unknown.hide()
        self.time_unknown.toggled.connect(lambda unknown: self.occurred.setEnabled(not unknown))
        timing = QHBoxLayout()
        timing.addWidget(self.occurred, 1)
        timing.addWidget(self.time_unknown)
        self.time_label = QLabel(self.tr("发生时间"))
        self.time_label.setBuddy(self.occurred)  # a field in a row of its own is no buddy by itself
        form.addRow(self.time_label, timing)
        self.anticipated.toggled.connect(self._name_time)
        self.learned.setToolTip(self.tr("默认为打开本表的时间;请改为实际接到报告的时间,各级报告时限从此时起算"))
        form.addRow(self.tr("获知时间"), self.learned)
        form.addRow(self.tr("地点"), self.place)
        form.addRow(self.tr("经度 / 纬度"), located)
        form.addRow(self.tr("涉及人数"), self.people)
        form.addRow(self.tr("伤亡"), casualties)
        form.addRow(self.tr("事件概要"), self.summary)
        form.addRow(self.tr("已采取的措施"), self.measures)
        # emergencies.report refuses these empty; the times always hold one
        mark_required(form, self.type, self.level, self.title_edit, self.place, self.summary)

    def _name_time(self, anticipated: bool) -> None:
        self.time_label.setText(self.tr("预计发生时间") if anticipated else self.tr("发生时间"))
        self.time_unknown.setVisible(anticipated)
        self.time_unknown.setChecked(anticipated)  # the time is given on purpose, never the form's opening

    def fill(self, info) -> None:
        """Show the facts of a reported EmergencyInfo (whether it warned of what may happen stays as reported)."""
        self.anticipated.setChecked(info.anticipated)
        self.anticipated.setEnabled(False)
        self.type.setCurrentIndex(self.type.findData(info.type))
        self.level.setCurrentIndex(self.level.findData(info.level))
        self.title_edit.setText(info.title)
        self.occurred.setDateTime(beijing_time.as_qdatetime(
            (info.expected_at or info.learned_at) if info.anticipated else info.occurred_at))
        self.time_unknown.setChecked(info.anticipated and info.expected_at is None)
        self.learned.setDateTime(beijing_time.as_qdatetime(info.learned_at))
        self.place.setText(info.place_text)
        for box, value in ((self.lon, info.lon), (self.lat, info.lat)):
            box.setValue(box.minimum() if value is None else value)
        for box, value in ((self.people, info.people_involved), (self.deaths, info.deaths),
                           (self.injuries, info.injuries), (self.missing, info.missing)):
            box.setValue(value)
        self.casualties_unverified.setChecked(info.casualties_unverified)
        self.summary.setPlainText(info.summary)
        self.measures.setPlainText(info.measures)

    def captions(self) -> dict:
        """The caption on the form of each fact a correction may change, by the name `values` gives it."""
        return {"type": self.tr("类型"), "level": self.tr("级别"), "title": self.tr("标题"),
                "occurred_at": self.tr("发生时间"), "expected_at": self.tr("预计发生时间"), "place_text": self.tr("地点"),
                "lon": self.tr("经度"), "lat": self.tr("纬度"), "people_involved": self.tr("涉及人数"),
                "deaths": self.tr("死亡"), "injuries": self.tr("受伤"), "missing": self.tr("失踪"),
                "casualties_unverified": self.tr("尚在核实"), "summary": self.tr("事件概要"),
                "measures": self.tr("已采取的措施")}

    def field_named(self, refusal: str) -> QWidget | None:
        """The field a refusal names first ("地点(place_text):必须填写"), where it can be corrected."""
        fields = {"type": self.type, "level": self.level, "title": self.title_edit, "occurred_at": self.occurred,
                  "expected_at": self.occurred, "learned_at": self.learned, "place_text": self.place,
                  "lon": self.lon, "lat": self.lat, "people_involved": self.people, "deaths": self.deaths,
                  "injuries": self.injuries, "missing": self.missing, "summary": self.summary,
                  "measures": self.measures}
        named = [(at, field) for key, field in fields.items()
                 if (at := refusal.find(f"({key})")) >= 0 and field.isEnabled()]
        return min(named, key=lambda found: found[0])[1] if named else None

    def _located(self) -> tuple[float | None, float | None]:
        if self.lon.value() == self.lon.minimum() or self.lat.value() == self.lat.minimum():
            return None, None
        return self.lon.value(), self.lat.value()

    def values(self) -> dict:
        """The facts as keyword arguments of `emergencies.report`."""
        lon, lat = self._located()
        when, anticipated = beijing_time.moment(self.occurred.dateTime()), self.anticipated.isChecked()
        return dict(
            type=EmergencyType(self.type.currentData()) if self.type.currentIndex() >= 0 else None,
            level=EmergencyLevel(self.level.currentData()) if self.level.currentIndex() >= 0 else None,
            title=self.title_edit.text(), occurred_at=None if anticipated else when,
            expected_at=when if anticipated and not self.time_unknown.isChecked() else None,
            learned_at=beijing_time.moment(self.learned.dateTime()), place_text=self.place.text(), lon=lon,
            lat=lat, people_involved=self.people.value(), deaths=self.deaths.value(), injuries=self.injuries.value(),
            missing=self.missing.value(), casualties_unverified=self.casualties_unverified.isChecked(),
            summary=self.summary.toPlainText(), measures=self.measures.toPlainText(),
            anticipated=anticipated,
        )


class EmergencyReportDialog(AsksBeforeDiscarding, QDialog):
    """Fill in and send a report; `reported` carries the EmergencyInfo the service returned."""

    reported = Signal(object)

    def __init__(self, db, actor, tasks, *, township_code: str | None = None, under: str | None = None,
                 parent: QWidget | None = None):
        """`township_code`: the township of the report; else one is chosen among those under
        `under` (a county, or the city) where the user may report, or found from the coordinates."""
        super().__init__(parent)
        self.db, self.actor, self.tasks, self.township_code = db, actor, tasks, township_code
        self.setWindowTitle(self.tr("报告紧急情况(《条例》第二十一条)"))
        self.form = EmergencyReportForm()
        self._facts_shown: dict | None = None
        self.township: QComboBox | None = None
        if township_code is None:
            self.township = QComboBox()
            self.township.addItem(self.tr("按经纬度所在网格确定"), None)
            self.form.layout().insertRow(0, self.tr("所属乡镇(街道)"), self.township)
            tasks.submit(places.list_places, db, level=PlaceLevel.TOWNSHIP, under=under, on_done=self._townships,
                         on_error=lambda exc: dialogs.show_error(self, exc))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("报送"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(scrolling(self.form))  # on a low screen the form scrolls; 报送 stays in view
        layout.addWidget(buttons)
        hint = self.sizeHint()
        fit_to_screen(self, hint.width(), hint.height())

    def showEvent(self, event) -> None:
        if self._facts_shown is None:
            self._facts_shown = self._facts()
        super().showEvent(event)

    def _facts(self) -> dict:
        """What was told of the emergency (not when it was learned, which the form fills in)."""
        facts = self.form.values()
        del facts["learned_at"]
        return facts

    def typed(self) -> bool:
        """A type, a level, counts or a place chosen from a call are lost on closing as much as a text typed."""
        return super().typed() or (self._facts_shown is not None and self._facts() != self._facts_shown)

    def _townships(self, infos) -> None:
        for info in infos:
            if self.actor.can(Permission.EMERGENCY_REPORT, info.code):
                self.township.addItem(f"{info.name}({info.code})", info.code)

    def values(self) -> dict:
        township = self.township_code if self.township is None else self.township.currentData()
        return self.form.values() | {"township_code": township}

    def submit(self) -> None:
        self.buttons.setEnabled(False)  # a second Enter while it is on the way would file a second report
        self.tasks.submit(emergencies.report, self.db, self.actor, **self.values(),
                          on_done=self._done, on_error=self._failed)

    def _failed(self, exc: BaseException) -> None:
        """Say why, then take the focus to the first field named, as the new-case form does (a report's
        date-time fields cost five Tabs each on the way back)."""
        self.buttons.setEnabled(True)
        dialogs.show_error(self, exc)
        field = self.form.field_named(str(exc))
        if field is not None:
            field.setFocus()

    def _done(self, info) -> None:
        self.reported.emit(info)
        self.accept()


def open_report_dialog(window) -> None:
    code = window.current_place_code()
    township = code[:9] + "000" if code and len(code) >= 12 and code[6:9] != "000" else None
    dialog = EmergencyReportDialog(window.db, window.actor, window.tasks, township_code=township,
                                   under=None if township else code, parent=window)
    dialog.reported.connect(lambda info: window.bus.changed.emit("emergencies"))
    dialog.reported.connect(lambda info: window.statusBar().showMessage(reported_text(info), REPORTED_SHOWN_MS))
    dialog.open()


def reported_text(info) -> str:
    """What the operator is told once a report is filed: its number, and the first rung of its ladder —
    whom to report to, by when (Art. 21) — which the banner, naming the oldest report waiting, may not show."""
    text = QCoreApplication.translate("EmergencyReportDialog", "已报送紧急情况 %1").replace("%1", info.number)
    owed = info.next_owed()
    if owed:
        text += QCoreApplication.translate("EmergencyReportDialog", ";%1:向%2报告,限 %3 前").replace(
            "%1", label(owed[0].kind)).replace("%2", enumeration(to_whom(info, step) for step in owed)).replace(
            "%3", due_text(owed[0].due_at))
    return text
