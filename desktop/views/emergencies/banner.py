"""The main window's red banner while an emergency (Art. 21) waits for a supervisor's
acknowledgement, owes a report that is late or falls due within DUE_SOON: the wall display is
not the only place a shift learns of it. It opens the reporting-ladder panel. Only for the desks
that report for the report's township: Art. 21 is the center's duty, and a department's liaison
can neither acknowledge nor record a rung."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QPushButton

from ...i18n import enumeration, label
from ...models.base import utcnow
from .. import dialogs
from ..banner import ALARM, Banner
from ..countdown import deadline_text

if TYPE_CHECKING:
    from ...services.emergencies import EmergencyInfo

RECHECK_MS = 30_000  # a rung falls overdue with time alone, without any change to announce it
# A rung due this soon is named before it is late: the 30-minute phone report leaves no time to look.
DUE_SOON = timedelta(minutes=15)


def to_whom(info, step) -> str:
    """The level a step reports to, with its duty room's phone where one is entered: whom to call."""
    phone = info.duty_phones.get(step.to_level)
    if not phone:
        return label(step.to_level)
    return QCoreApplication.translate("EmergencyBanner", "%1(%2)").replace("%1", label(step.to_level)).replace("%2", phone)


class EmergencyBanner(Banner):
    """Hidden while no open report needs anyone; reloaded when emergencies change (on this desk or, through
    the live feed, another), and re-judged every half minute against the clock."""

    def __init__(self, window):
        super().__init__(window, "EmergencyBanner", ALARM)
        self.window_ = window
        self.reports: list[EmergencyInfo] = []
        self._asked = 0  # the latest load; an older answer landing late is dropped
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self.open_ladder)
        self.row.addWidget(self.open_button)
        self.clock = QTimer(self, interval=RECHECK_MS)
        self.clock.timeout.connect(self.retranslate)
        self.clock.start()
        window.bus.changed.connect(self._changed)
        self.retranslate()
        self.load()

    def open_ladder(self) -> None:
        from .ladder_panel import open_ladder_panel  # as the menu loads it: on first use
        open_ladder_panel(self.window_)

    def _changed(self, topic: str) -> None:
        if topic == "emergencies":
            self.load()

    def load(self) -> None:
        self._asked += 1
        # The answer says which load it answers: one overtaken by a later load is dropped.
        self.window_.tasks.submit(_open_reports, self.window_.db, self.window_.actor, self._asked,
                                  on_done=self._landed, on_error=self._failed)

    def _landed(self, answer: tuple[int, list[EmergencyInfo]]) -> None:
        asked, reports = answer
        if asked == self._asked:
            self.reports = reports
            self.retranslate()

    def _failed(self, exc: BaseException) -> None:
        dialogs.show_error(self.window_, exc)

    def retranslate(self) -> None:
        self.open_button.setText(self.tr("打开报告进度…"))
        message = self.message(utcnow())
        self.text.setText(message)
        self.setVisible(bool(message))

    def message(self, now: datetime) -> str:
        """What needs doing, or "" when nothing does."""
        parts = []
        waiting = [r for r in self.reports if r.acknowledged_at is None]
        if waiting:
            first = min(waiting, key=lambda r: r.learned_at)
            parts.append(self.tr("紧急情况 %1 起待值班长确认(%2 %3 %4)").replace("%1", str(len(waiting)))
                         .replace("%2", first.number).replace("%3", label(first.type)).replace("%4", first.title))
        late = [report for report in self.reports if report.overdue_steps(now)]
        if late:
            # As the wall chooses: the newest report late on its ladder (a fresh incident's missed call is not
            # hidden behind an old report's final report), and in it the rung owed longest, which the wall's
            # takeover names. Each follow-up round fallen due meanwhile is counted.
            from ...services.emergencies import most_urgent_first  # loaded already: it read these reports
            named = most_urgent_first(late, now)[0]
            count = sum(report.overdue_count(now) for report in self.reports)
            parts.append(_named(self.tr("%1 个报送环节已超时,请先补报:%2 %3 · %4,%5"), count,
                                (named.next_owed()[0], named), now))
        soon = [(step, report) for report in self.reports for step in report.steps
                if step.done_at is None and now <= step.due_at <= now + DUE_SOON]
        if soon:
            parts.append(_named(self.tr("%1 个报送环节即将到期,最早:%2 %3 · %4,%5"), len(soon),
                                min(soon, key=lambda pair: pair[0].due_at), now))
        # Said with what is owed, never alone: nobody to call is no alarm of its own until a rung is due.
        unlisted = {name: None for report in self.reports for name in report.owed_without_phone().values()}
        if parts and unlisted:
            parts.append(self.tr("%1值班电话未录入,请市级管理员录入").replace("%1", enumeration(unlisted)))
        return self.tr(";").join(parts)


def _named(template: str, count: int, named: tuple, now: datetime) -> str:
    """`template` (%1 how many, %2 report, %3 step, %4 to whom, %5 deadline) filled for the step named."""
    step, report = named
    levels = enumeration(to_whom(report, s) for s in report.alongside(step))  # owed at once: the county first
    return (template.replace("%1", str(count)).replace("%2", report.number).replace("%3", label(step.kind))
            .replace("%4", levels).replace("%5", deadline_text(step.due_at, now, "%m-%d")))


def _open_reports(db, actor, asked: int) -> tuple[int, list[EmergencyInfo]]:
    """Off the GUI thread, with the number of the load it answers; the service (and the geometry behind
    it) loads with the first check, not at start-up. Only the reports the actor reports for: those a
    liaison sees had filled its desk's banner with the center's duties, in red, which it cannot act on."""
    from ...services import emergencies
    return asked, emergencies.reported_by(actor, emergencies.list_reports(db, actor, open_only=True))
