"""Batch printing of notice-board sheets (Art. 14): the reprint list, a progress bar and Cancel."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...services import notice_board
from ...services.printing.notice_sheets import PrintResult, print_notice_sheets
from ...tasks import Cancelled, Progress
from .. import dialogs


def ask_save_path(parent: QWidget, title: str, suggested: str) -> str | None:
    """The PDF to write (a function of its own so that tests can answer it)."""
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, parent.tr("PDF 文件 (*.pdf)"))
    return path or None


class NoticeSheetsDialog(QDialog):
    def __init__(self, window, code: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.window_, self.code = window, code
        self.db, self.actor, self.tasks = window.db, window.actor, window.tasks
        self.running: Progress | None = None
        self.entries: list[notice_board.ReprintEntry] = []
        self.heading = QLabel()
        self.reprint_list = QListWidget()
        self.only_changed = QCheckBox()
        self.only_changed.setChecked(True)
        self.progress_bar = QProgressBar()
        self.progress_bar.hide()
        self.status = QLabel()
        self.print_button = QPushButton()
        self.cancel_button = QPushButton()
        self.cancel_button.setEnabled(False)
        self.close_button = QPushButton()
        self.print_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.only_changed)
        buttons.addStretch(1)
        for button in (self.print_button, self.cancel_button, self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.reprint_list, 1)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.resize(560, 460)
        self.retranslate()
        self.reload()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("打印网格公示牌"))
        self.heading.setText(self.tr("%1:%2 个网格的公示牌从未打印或内容已变化,需要(重新)打印")
                             .replace("%1", self.code).replace("%2", str(len(self.entries))))
        self.only_changed.setText(self.tr("只打印需要重新打印的"))
        self.print_button.setText(self.tr("打印…"))
        self.cancel_button.setText(self.tr("取消"))
        self.close_button.setText(self.tr("关闭"))

    def reload(self) -> None:
        self.tasks.submit(notice_board.needs_reprint, self.db, self.actor, self.code, on_done=self._listed,
                          on_error=lambda exc: dialogs.show_error(self, exc))

    def _listed(self, entries: list[notice_board.ReprintEntry]) -> None:
        self.entries = entries
        self.reprint_list.clear()
        for entry in entries:
            reason = self.tr("从未打印") if entry.last_printed_at is None else self.tr("公示内容已变化")
            self.reprint_list.addItem(f"{entry.grid_name}({entry.grid_code}) — {reason}")
        self.retranslate()

    def start(self) -> None:
        path = ask_save_path(self, self.tr("保存网格公示牌"), f"公示牌-{self.code}.pdf")
        if not path:
            return
        only_changed = self.only_changed.isChecked()

        def job(progress: Progress) -> PrintResult:
            self.running = progress  # Cancel reaches the job through it, whichever runner runs it
            return print_notice_sheets(self.db, self.actor, Path(path), under=self.code,
                                       only_needing_reprint=only_changed, progress=progress.report)

        self.progress_bar.setRange(0, 0)
        self.progress_bar.show()
        self.print_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.status.setText(self.tr("正在生成…"))
        self.tasks.submit(job, on_done=self._done, on_error=self._failed, on_progress=self._progressed)

    def _progressed(self, done: int, total: int, text: str) -> None:
        self.progress_bar.setRange(0, total)
        self.progress_bar.setValue(done)
        self.status.setText(self.tr("正在生成 %1/%2 %3").replace("%1", str(done)).replace("%2", str(total))
                            .replace("%3", text))

    def cancel(self) -> None:
        if self.running is not None:
            self.running.cancel()
            self.status.setText(self.tr("正在取消…"))

    def _finished(self) -> None:
        self.running = None
        self.progress_bar.hide()
        self.print_button.setEnabled(True)
        self.cancel_button.setEnabled(False)

    def _done(self, result: PrintResult) -> None:
        self._finished()
        self.status.setText(self.tr("已打印 %1 张公示牌到 %2").replace("%1", str(result.pages))
                            .replace("%2", str(result.path)))
        self.window_.bus.changed.emit("printing")
        self.reload()

    def _failed(self, exc: BaseException) -> None:
        self._finished()
        if isinstance(exc, Cancelled):
            self.status.setText(self.tr("已取消:没有生成文件,也没有记为已打印"))
        else:
            self.status.setText("")
            dialogs.show_error(self, exc)
