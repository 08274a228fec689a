"""Batch printing of notice-board sheets (Art. 14): the reprint list, a progress bar and Cancel."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...services import notice_board, places
from ...services.printing.notice_sheets import PrintResult, print_notice_sheets
from ...services.security import Permission
from .. import dialogs, permissions
from ..progress import StopsOnClose, TaskProgress
from ..retranslating import Retranslating
from ..save_path import ask_pdf_path
from ..form_buttons import enter_presses
from ..screen_fit import fit_to_screen
from .notice_texts_dialog import NoticeTextsDialog

ROSTER_CHANGES_NAMED = 3  # grids named in the note on coming staff changes; the others counted


class NoticeSheetsDialog(StopsOnClose, Retranslating, QDialog):
    def __init__(self, window, code: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.window_, self.code = window, code
        self.db, self.actor, self.tasks = window.db, window.actor, window.tasks
        self.entries: list[notice_board.ReprintEntry] = []
        self.changes: dict[str, notice_board.RosterChange] = {}  # by grid code
        self.place = code  # the place as the heading names it: its short name and code once read
        self.heading = QLabel()
        self.unset_hint = QLabel()  # the QR address not set yet: no QR code printed
        self.unset_hint.setWordWrap(True)
        self.unset_hint.setStyleSheet("color: #e68a00")
        self.unset_hint.hide()
        # Staff leaving or starting on a later day: a sheet prints who is in post today (notice_board.sheets).
        self.roster_hint = QLabel()
        self.roster_hint.setWordWrap(True)
        self.roster_hint.setStyleSheet("color: #e68a00")
        self.roster_hint.hide()
        self.reprint_list = QListWidget()
        self.only_changed = QCheckBox()
        self.only_changed.setChecked(True)
        self.task = TaskProgress(self.tasks, self)
        self.progress_bar, self.status, self.cancel_button = self.task.bar, self.task.status, self.task.cancel_button
        self.print_button = QPushButton()
        self.texts_button = QPushButton()
        self.close_button = QPushButton()
        self.print_button.clicked.connect(self.start)
        self.texts_button.clicked.connect(self.edit_texts)
        self.close_button.clicked.connect(self.close)
        self.task.busy_changed.connect(self._offer_print)
        self.only_changed.toggled.connect(lambda _checked: self._offer_print())
        buttons = QHBoxLayout()
        buttons.addWidget(self.only_changed)
        buttons.addWidget(self.texts_button)
        buttons.addStretch(1)
        for button in (self.print_button, self.cancel_button, self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.unset_hint)
        layout.addWidget(self.roster_hint)
        layout.addWidget(self.reprint_list, 1)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        enter_presses(self, self.print_button)  # not 公示牌文字…, the first button
        fit_to_screen(self, 560, 460)
        self.retranslate()
        self.reload()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("打印网格公示牌"))
        self.heading.setText(self.tr("%1:%2 个网格的公示牌从未打印或内容已变化,需要(重新)打印")
                             .replace("%1", self.place).replace("%2", str(len(self.entries))))
        self.only_changed.setText(self.tr("只打印需要重新打印的"))
        self.reprint_list.setAccessibleName(self.tr("需要打印的公示牌"))  # what a screen reader says for the list
        self.unset_hint.setText(self.tr("尚未设置二维码网址,公示牌上不印二维码;"
                                              "请先在“公示牌文字…”中设置(可以先打印样张)"))
        changes = list(self.changes.values())
        named = [self.tr("%1(%2)%3 起").replace("%1", change.grid_name).replace("%2", change.grid_code)
                 .replace("%3", change.on.isoformat()) for change in changes[:ROSTER_CHANGES_NAMED]]
        if len(changes) > ROSTER_CHANGES_NAMED:  # each is marked in the list below too: the note stays short
            named.append(self.tr("另有 %1 个网格(见下方列表)").replace("%1", str(len(changes) - ROSTER_CHANGES_NAMED)))
        self.roster_hint.setText(self.tr("以下网格的公示人员将有变动(离任或到任),公示牌只印打印当天在岗的人员,"
                                         "届时需要重新打印:%1").replace("%1", self.tr("、").join(named)))
        self.print_button.setText(self.tr("打印…"))
        self._offer_print()
        self.texts_button.setText(self.tr("公示牌文字…"))
        self.task.retranslate()
        self.close_button.setText(self.tr("关闭"))

    def reload(self) -> None:
        self.tasks.submit(places.place_info, self.db, self.code, on_done=self._named,
                          on_error=lambda exc: dialogs.show_error(self, exc))
        self.tasks.submit(notice_board.needs_reprint, self.db, self.actor, self.code, on_done=self._listed,
                          on_error=lambda exc: dialogs.show_error(self, exc))
        self.tasks.submit(notice_board.roster_changes_ahead, self.db, self.actor, self.code, on_done=self._changes,
                          on_error=lambda exc: dialogs.show_error(self, exc))
        self.tasks.submit(notice_board.unset_texts, self.db,
                          on_done=lambda labels: self.unset_hint.setVisible(bool(labels)),
                          on_error=lambda exc: dialogs.show_error(self, exc))

    def _named(self, info) -> None:
        self.place = f"{info.short_name}({info.code})"
        self.retranslate()

    def _listed(self, entries: list[notice_board.ReprintEntry]) -> None:
        self.entries = entries
        self._fill_list()

    def _changes(self, changes: list[notice_board.RosterChange]) -> None:
        self.changes = {change.grid_code: change for change in changes}
        self.roster_hint.setVisible(bool(changes))
        self._fill_list()

    def _fill_list(self) -> None:
        """The reprint list, each grid whose staff change on a later day saying so: printed now, it is due again then."""
        self.reprint_list.clear()
        for entry in self.entries:
            reason = self.tr("从未打印") if entry.last_printed_at is None else self.tr("公示内容已变化")
            change = self.changes.get(entry.grid_code)
            if change:
                reason += self.tr(";%1 起人员变动,届时需重新打印").replace("%1", change.on.isoformat())
            self.reprint_list.addItem(f"{entry.grid_name}({entry.grid_code}) — {reason}")
        self.retranslate()

    def _offer_print(self, busy: bool = False) -> None:
        """Print only when permitted here (Art. 15) and something is to be printed: not a file dialog, then a refusal."""
        if busy:
            self.print_button.setEnabled(False)
            return
        nothing = self.only_changed.isChecked() and not self.entries
        reason = self.tr("全部公示牌已是最新,没有需要重新打印的;要全部重印,请取消勾选“只打印需要重新打印的”") \
            if nothing else ""
        permissions.offer(self.print_button, self.actor, Permission.PRINT, self.code, reason=reason)

    def edit_texts(self) -> NoticeTextsDialog:
        """Changed texts change every sheet: the reprint list is read again after a save."""
        dialog = NoticeTextsDialog(self.db, self.actor, self.tasks, parent=self)
        dialog.saved.connect(lambda _texts: (self.window_.bus.changed.emit("printing"), self.reload()))
        dialog.open()
        return dialog

    def start(self) -> None:
        path = ask_pdf_path(self, self.tr("保存网格公示牌"), f"公示牌-{self.code}.pdf")
        if not path:
            return
        only_changed = self.only_changed.isChecked()
        self.task.start(lambda report: print_notice_sheets(self.db, self.actor, Path(path), under=self.code,
                                                           only_needing_reprint=only_changed, progress=report),
                        status=self.tr("正在生成…"), describe=self._describe, on_done=self._done,
                        cancelled=self.tr("已取消:没有生成文件,也没有记为已打印"))

    def _describe(self, done: int, total: int, text: str) -> str:
        return (self.tr("正在生成 %1/%2 %3").replace("%1", str(done)).replace("%2", str(total))
                .replace("%3", text))

    def _done(self, result: PrintResult) -> None:
        self.status.setText(self.tr("已打印 %1 张公示牌(%2 个网格)到 %3").replace("%1", str(result.pages))
                            .replace("%2", str(result.grids)).replace("%3", str(result.path)))
        if result.gaps:  # printed all the same: the board needs them filled in and reprinted
            dialogs.warning(self, self.tr("公示牌有空白"),
                            self.tr("以下公示牌缺少应公布的内容,已照样打印;补录后请重新打印:"), result.gaps)
        self.window_.bus.changed.emit("printing")
        self.reload()
