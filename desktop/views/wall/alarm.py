"""The Art. 21 takeover: an unacknowledged emergency report fills the wall until a supervisor
signs in here and acknowledges it (SPEC §5)."""

from __future__ import annotations

from datetime import datetime
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from ...i18n import enumeration, label
from ...models.base import utcnow
from ...services.clock import BEIJING, beijing_text
from ...services.emergencies import EmergencyInfo
from ..countdown import deadline_text

ALARM_STYLE = "QFrame#alarm { background: #8b0000; } QLabel { color: white; } QLineEdit { color: black; background: white; }"


# Of a long summary or measure, title and place on the wall (the whole text is in the ladder panel):
# with them all at their longest the deadline and the sign-in still fit a 1080-line screen.
SHOWN_CHARACTERS = 160
TITLE_CHARACTERS = 60  # two lines of the title's type
PLACE_CHARACTERS = 80
DEADLINE_COLOR = "#ffd54f"
# A refused sign-in, read across the duty room: red on a white ground (red on the alarm's red is lost).
REFUSAL_COLOR = "#c62828"
FIELD_UNITS = 14  # the width of the sign-in fields in body units


def _shortened(text: str | None, most: int = SHOWN_CHARACTERS) -> str:
    text = (text or "").strip()
    return text if len(text) <= most else text[:most] + "…"


class AlarmOverlay(QFrame):
    """Covers its parent; `acknowledgeRequested(username, password, report_id)` when confirmed."""

    acknowledgeRequested = Signal(str, str, int)

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("alarm")
        self.setStyleSheet(ALARM_STYLE)
        self.report: EmergencyInfo | None = None
        self.heading, self.title, self.facts, self.waiting = (QLabel() for _ in range(4))
        # What became of the sign-in: under the password, in the form, where the eyes are.
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.hide()
        self._message_styles = ("", "")  # (saying, refused), set by scale
        # What the ladder asks next, counting down: the most urgent line, on a line of its own under
        # the title, never cut off by long facts below it.
        self.deadline = QLabel()
        self.deadline.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.deadline.setWordWrap(True)
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)  # a title is what was typed, never markup
        self.facts.setWordWrap(True)
        self.facts.setTextFormat(Qt.TextFormat.RichText)
        self.facts.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.username, self.password = QLineEdit(), QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm = QPushButton()
        self.confirm.clicked.connect(self._confirm)
        self.password.returnPressed.connect(self._confirm)
        self.username_label, self.password_label = QLabel(), QLabel()
        form = QGridLayout()
        form.addWidget(self.username_label, 0, 0)
        form.addWidget(self.username, 0, 1)
        form.addWidget(self.confirm, 0, 2, 2, 1)
        form.addWidget(self.password_label, 1, 0)
        form.addWidget(self.password, 1, 1)
        form.addWidget(self.error, 2, 0, 1, 3)
        sign_in = QHBoxLayout()
        sign_in.addStretch(1)
        sign_in.addLayout(form)
        sign_in.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.title)
        layout.addWidget(self.deadline)
        layout.addWidget(self.facts, 1)
        layout.addWidget(self.waiting)
        layout.addLayout(sign_in)
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("⚠ 紧急情况报告 · 须值班长确认(第二十一条)"))
        self.username_label.setText(self.tr("值班长用户名"))
        self.password_label.setText(self.tr("密码"))
        self.confirm.setText(self.tr("确认已知悉"))

    def scale(self, unit: int) -> None:
        self.heading.setStyleSheet(f"font-size: {int(unit * 2.2)}px; font-weight: bold;")
        self.title.setStyleSheet(f"font-size: {int(unit * 2.6)}px; font-weight: bold;")
        self.deadline.setStyleSheet(f"font-size: {int(unit * 1.8)}px; font-weight: bold; color: {DEADLINE_COLOR};")
        self.facts.setStyleSheet(f"font-size: {int(unit * 1.5)}px;")
        for widget in (self.username, self.password, self.confirm, self.waiting, self.username_label,
                       self.password_label):
            widget.setStyleSheet(f"font-size: {int(unit * 1.2)}px;")
        for field in (self.username, self.password):
            field.setMinimumWidth(unit * FIELD_UNITS)
        message = f"font-size: {int(unit * 1.5)}px; font-weight: bold; padding: {unit // 3}px {unit // 2}px;"
        self._message_styles = (message, f"{message} color: {REFUSAL_COLOR}; background: white; "
                                         f"border-radius: {unit // 3}px;")
        self._say(self.error.text(), refused=self.error.property("refused") is True)

    def show_report(self, report: EmergencyInfo, waiting: int, now: datetime | None = None) -> None:
        coming_up = self.isHidden()  # shown again on each refresh: the keyboard is placed only when it comes up
        if self.report is None or self.report.id != report.id:
            self.password.clear()
            self._say("")
        self.report = report
        self.title.setText(_shortened(report.title, TITLE_CHARACTERS))
        learned = report.learned_at.astimezone(BEIJING).strftime("%H:%M")
        if report.anticipated:  # a warning of what may happen (Art. 21): the time it is expected
            when = beijing_text(report.expected_at) if report.expected_at else self.tr("未定")
            timing = (self.tr("预计发生时间"), self.tr("{0}(尚未发生,获知 {1})").format(when, learned))
        else:
            timing = (self.tr("发生时间"), self.tr("{0}(获知 {1})").format(beijing_text(report.occurred_at), learned))
        rows = [
            (self.tr("类型"), label(report.type)),
            (self.tr("级别"), label(report.level)),
            timing,
            (self.tr("地点"), f"{report.township_name} · {_shortened(report.place_text, PLACE_CHARACTERS)}"),
            (self.tr("伤亡"), self.tr("涉及 {0} 人;死亡 {1},受伤 {2},失踪 {3}").format(
                report.people_involved, report.deaths, report.injuries, report.missing)
                + (self.tr("(尚在核实)") if report.casualties_unverified else "")),
            (self.tr("事件概要"), _shortened(report.summary)),
            (self.tr("已采取措施"), _shortened(report.measures) or self.tr("(未填写)")),
            (self.tr("报告人"), report.reported_by),
        ]
        owed = report.next_owed()
        # What the ladder asks next — to every level owed at once, the county first — counting down (or how late).
        self.deadline.setText(self.tr("报送时限:{0} · {1} {2}").format(
            label(owed[0].kind), enumeration(label(step.to_level) for step in owed),
            deadline_text(owed[0].due_at, now or utcnow(), "%m-%d")) if owed else "")
        self.deadline.setVisible(bool(owed))
        # Typed text is escaped: a "<" in a place or a measure would otherwise hide what follows it.
        self.facts.setText("<table align='center' cellspacing='8'>" + "".join(
            f"<tr><td><b>{escape(name)}</b></td><td>{escape(str(value)).replace(chr(10), '<br>')}</td></tr>"
            for name, value in rows) + "</table>")
        self.waiting.setText(self.tr("另有 {0} 条紧急情况待确认").format(waiting - 1) if waiting > 1 else "")
        self.resize(self.parentWidget().size())
        self.show()
        self.raise_()
        if coming_up:  # the supervisor walking up types at once, not after a click into the form
            (self.password if self.username.text().strip() else self.username).setFocus()

    def _say(self, text: str, *, refused: bool = False) -> None:
        """`text` under the password (hidden when there is none), `refused` in red on white."""
        self.error.setText(text)
        self.error.setProperty("refused", refused)
        self.error.setStyleSheet(self._message_styles[refused])
        self.error.setVisible(bool(text))

    def show_error(self, text: str) -> None:
        """The sign-in refused: the password typed stays, selected, so that the next one typed replaces it."""
        self._say(text, refused=True)
        self.password.setFocus()
        self.password.selectAll()

    def _confirm(self) -> None:
        if self.report is None:
            return
        if not self.username.text().strip():  # said, as a wrong password is: the press did not go unheard
            self._say(self.tr("请输入值班长用户名"), refused=True)
            self.username.setFocus()
            return
        self._say(self.tr("正在确认…"))
        self.acknowledgeRequested.emit(self.username.text().strip(), self.password.text(), self.report.id)
