"""The texts every notice-board sheet carries (Art. 14), set city-wide: acceptance platform,
hotline, the QR code's web address and a free note."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget

from ...services import notice_board
from ..city_settings import CitySettingsDialog


class NoticeTextsDialog(CitySettingsDialog):
    """Shows the texts in force; a city-wide admin changes and saves them."""

    def __init__(self, db, actor, tasks, parent: QWidget | None = None):
        super().__init__(db, actor, tasks, parent)
        self.setWindowTitle(self.tr("网格公示牌文字(《条例》第十四条)"))
        self.setMinimumWidth(560)
        self.edits = {key: QLineEdit() for key in notice_board.TEXT_FIELDS}
        for key, edit in self.edits.items():
            edit.setMaxLength(notice_board.TEXT_FIELDS[key][1])
        self.edits["notice.url"].setPlaceholderText("https://…/{code}")
        captions = {"notice.platform": self.tr("受理平台名称"), "notice.hotline": self.tr("监督举报电话"),
                    "notice.url": self.tr("二维码网址"), "notice.other": self.tr("其他说明(可空)")}
        for key, edit in self.edits.items():
            self.form.addRow(captions[key], edit)
        self.finish(note=self.tr("二维码网址中的 {code} 打印时换成各网格的代码。文字全市适用;保存后,此前打印的公示牌"
                                 "列为需要重新打印。"),
                    permission_note=self.tr("只有全市的管理员可以修改公示牌文字。"),
                    may_configure=notice_board.may_configure_texts(actor), load=notice_board.texts,
                    save=notice_board.configure_texts)

    def show_value(self, texts: dict[str, str]) -> None:
        for key, edit in self.edits.items():
            edit.setText(texts[key])
            edit.setReadOnly(not self.may_configure)

    def values(self) -> dict[str, str]:
        """The texts as keyword arguments of `notice_board.configure_texts`."""
        return {key.removeprefix("notice."): edit.text() for key, edit in self.edits.items()}
