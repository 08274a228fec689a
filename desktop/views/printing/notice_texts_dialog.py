"""The texts every notice-board sheet carries (Art. 14), set city-wide: acceptance platform,
hotline, the QR code's web address and a free note."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from ...services import notice_board
from .. import dialogs


class NoticeTextsDialog(QDialog):
    """Shows the texts in force; a city-wide admin changes and saves them. `saved` carries them."""

    saved = Signal(object)

    def __init__(self, db, actor, tasks, parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.actor, self.tasks = db, actor, tasks
        self.setWindowTitle(self.tr("网格公示牌文字(《条例》第十四条)"))
        self.setMinimumWidth(560)
        self.edits = {key: QLineEdit() for key in notice_board.TEXT_FIELDS}
        for key, edit in self.edits.items():
            edit.setMaxLength(notice_board.TEXT_FIELDS[key][1])
        captions = {"notice.platform": self.tr("受理平台名称"), "notice.hotline": self.tr("服务热线"),
                    "notice.url": self.tr("二维码网址"), "notice.other": self.tr("其他说明(可空)")}
        self.edits["notice.url"].setPlaceholderText("https://…/{code}")
        form = QFormLayout()
        for key, edit in self.edits.items():
            form.addRow(captions[key], edit)
        note = QLabel(self.tr("二维码网址中的 {code} 打印时换成各网格的代码。文字全市适用;保存后,此前打印的公示牌"
                              "列为需要重新打印。"))
        note.setWordWrap(True)
        self.may_configure = notice_board.may_configure_texts(actor)
        self.permission_note = QLabel(self.tr("只有全市的管理员可以修改公示牌文字。"))
        self.permission_note.setVisible(not self.may_configure)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("保存"))
        self.save_button.setEnabled(False)  # until the texts in force are shown
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.permission_note)
        layout.addWidget(self.buttons)
        tasks.submit(notice_board.texts, db, on_done=self.show_texts, on_error=lambda exc: dialogs.show_error(self, exc))

    def show_texts(self, texts: dict[str, str]) -> None:
        for key, edit in self.edits.items():
            edit.setText(texts[key])
            edit.setReadOnly(not self.may_configure)
        self.save_button.setEnabled(self.may_configure)

    def values(self) -> dict[str, str]:
        """The texts as keyword arguments of `notice_board.configure_texts`."""
        return {key.removeprefix("notice."): edit.text() for key, edit in self.edits.items()}

    def submit(self) -> None:
        self.tasks.submit(notice_board.configure_texts, self.db, self.actor, **self.values(),
                          on_done=self._done, on_error=lambda exc: dialogs.show_error(self, exc))

    def _done(self, texts) -> None:
        self.saved.emit(texts)
        self.accept()
