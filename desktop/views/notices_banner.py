"""A liaison's banner while a rectification notice to its department awaits its report (Art. 13(5)).

Shown nowhere but in the second tab of the matter list, a notice and its deadline had gone unseen by the
liaison who is to answer it, until it was reported late (逾期报送) or not at all."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QPushButton

from ..i18n import label
from ..services import matter_list
from ..services.clock import beijing_today
from . import dialogs
from .banner import WARNING, Banner
from .latest import LatestAnswer

SHOWN_AT_MOST = 3  # notices listed one a line; the others are counted: the banner stands above the queue
RECHECK_MS = 10 * 60_000  # a notice due today is overdue tomorrow on a desk left running overnight


class NoticesBanner(Banner):
    """Hidden for a user of no department, and while its department has no notice to report on; checked again
    whenever the matter lists' papers change, here or on another desk."""

    def __init__(self, window):
        super().__init__(window, "NoticesBanner", WARNING)
        self.window_ = window
        self.institution: str | None = None  # whose notices they are: the matter list that shows them
        self.notices: list[matter_list.RectificationInfo] = []
        self._latest = LatestAnswer()
        self.report_button = QPushButton()
        self.report_button.clicked.connect(self.open_notices)
        self.row.addWidget(self.report_button)
        window.bus.changed.connect(self._changed)
        self.clock = QTimer(self, interval=RECHECK_MS)
        self.clock.timeout.connect(self.retranslate)
        self.clock.start()
        self.retranslate()
        self.check()

    def _changed(self, topic: str) -> None:
        if topic == "matters":
            self.check()

    def check(self) -> None:
        if self.window_.actor.department_id is None:
            return  # no department, no notices: nothing to ask the database
        answer = self._latest.send()
        self.window_.tasks.submit(matter_list.awaiting_report, self.window_.db, self.window_.actor,
                                  on_done=answer(self._landed),
                                  on_error=answer(lambda exc: dialogs.show_error(self.window_, exc)))

    def _landed(self, answer: tuple[str, list[matter_list.RectificationInfo]]) -> None:
        self.institution, self.notices = answer
        self.retranslate()
        self.setVisible(bool(self.notices))

    def retranslate(self) -> None:
        self.report_button.setText(self.tr("报送整改情况…"))
        if not self.notices:
            self.text.clear()
            return
        today = beijing_today()
        head = self.tr("本部门有 %1 份督促限期整改通知待报送整改情况(条例第十三条第五款):").replace(
            "%1", str(len(self.notices)))
        lines = [self.tr("%1 · 整改期限 %2:%3").replace("%1", label(notice.standing(today)))
                 .replace("%2", notice.due_on.isoformat()).replace("%3", self._why(notice))
                 for notice in self.notices[:SHOWN_AT_MOST]]
        if len(self.notices) > SHOWN_AT_MOST:
            lines.append(self.tr("另有 %1 份,见“报送整改情况…”").replace("%1", str(len(self.notices) - SHOWN_AT_MOST)))
        self.text.setText(f"<b>{escape(head)}</b><br>" + "<br>".join(f"· {escape(line)}" for line in lines))

    def _why(self, notice: matter_list.RectificationInfo) -> str:
        """The notice's reason, and why its report was returned if it was: the one names the notice, the other
        what is still wanting."""
        if not notice.returned_reason:
            return notice.reason
        return self.tr("%1;报告被退回:%2").replace("%1", notice.reason).replace("%2", notice.returned_reason)

    def open_notices(self):
        from .matters import open_notices  # the matter list's window, imported when first opened, as the menus' are

        return open_notices(self.window_, self.institution)
