"""Text typed in a form is not thrown away by one key.

Esc, Cancel or the window's close button on a form with text typed in it (a request a caller
dictated, a reason for refusing a dispatch, an extension or an objection, a department's address)
first say in the form that it is not saved; a second, with nothing changed in the form between,
closes it. Said in the form rather than asked in a box: a second Esc is all it takes to go on.
Nothing typed, the first closes it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from .required_fields import without_mnemonic

_TEXT_FIELDS = (QLineEdit, QPlainTextEdit, QTextEdit)


class AsksBeforeDiscarding:
    """For a QDialog, named before it among the class's bases. What counts as typed: any text field
    of the form whose text is not what it showed when the form opened (a form says otherwise with
    its own `typed`)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.discard_note = QLabel(self)
        self.discard_note.setStyleSheet("color: #b00000;")
        self.discard_note.setWordWrap(True)
        self.discard_note.hide()
        self._shown_texts: dict[QWidget, str] | None = None
        self._given_as_typed = False
        self._asking = True
        self._warned_at: tuple | None = None  # what the form held when the note was shown

    def count_as_typed(self) -> None:
        """Text put in before the form is shown is the user's own (typed for a step refused, offered
        again): closing the form asks as for text typed in it."""
        self._given_as_typed = True

    def typed(self) -> bool:
        """Whether closing the form would lose text typed in it."""
        shown = self._shown_texts or {}
        return any(text.strip() and text != shown.get(field, "") for field, text in self._texts().items())

    def reject(self) -> None:
        """(Qt rejects a dialog closed while hidden, too: nothing is on screen to lose then.) A second time
        goes only if nothing in the form changed since the note was shown: a date, a count or a row
        changed after it is to be lost as little as a text typed."""
        if self._asking and self.isVisible() and self.typed() \
                and (self.discard_note.isHidden() or self._held() != self._warned_at):
            self._warned_at = self._held()
            self._show_note()
            return
        super().reject()

    def _show_note(self) -> None:
        """The note, and room for all its lines: a narrow form had grown by one line and cut the rest, the
        very words saying what to do."""
        self.discard_note.show()
        layout = self.layout()
        layout.activate()
        needed = layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth() \
            else layout.totalSizeHint().height()
        if needed > self.height():
            self.resize(self.width(), needed)

    def _held(self) -> tuple:
        """Every value the form's fields hold, in order: texts, numbers, dates, choices, ticks."""
        held = []
        for field in self.findChildren(QWidget):
            if field.window() is not self or isinstance(field.parentWidget(), (QAbstractSpinBox, QComboBox)):
                continue
            if isinstance(field, (QLineEdit, QAbstractSpinBox)):
                held.append(field.text())
            elif isinstance(field, (QPlainTextEdit, QTextEdit)):
                held.append(field.toPlainText())
            elif isinstance(field, QComboBox):
                held.append(field.currentIndex())
            elif isinstance(field, QAbstractButton) and field.isCheckable():
                held.append(field.isChecked())
        return tuple(held)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.discard_note.hide()  # shown again (a form reopened after a refusal): the next Esc warns again
        if self._shown_texts is not None:
            return
        texts = self._texts()
        self._shown_texts = {} if self._given_as_typed else texts
        box = _button_box(self)
        self.discard_note.setText(QCoreApplication.translate(
            "AsksBeforeDiscarding", "已填写的内容尚未保存:再按一次 Esc(或再点“%1”)放弃,继续填写则保留")
            .replace("%1", _rejecting_text(box)))
        _put_above_the_buttons(self, box, self.discard_note)
        for field in texts:  # typing on: the next Esc warns again
            changed = field.textEdited if isinstance(field, QLineEdit) else field.textChanged
            changed.connect(self.discard_note.hide)

    def _texts(self) -> dict[QWidget, str]:
        texts = {}
        for field in self.findChildren(QWidget):
            if not isinstance(field, _TEXT_FIELDS) or field.window() is not self or field.isReadOnly() \
                    or isinstance(field.parentWidget(), (QAbstractSpinBox, QComboBox)):
                continue  # a part of a date, a number or a list, or what the form only shows
            texts[field] = field.text() if isinstance(field, QLineEdit) else field.toPlainText()
        return texts


def _button_box(dialog: QWidget) -> QDialogButtonBox | None:
    return next((b for b in dialog.findChildren(QDialogButtonBox) if b.window() is dialog), None)


def _rejecting_text(box: QDialogButtonBox | None) -> str:
    """The caption of the button that closes the form without saving (取消, 关闭), as the note names it."""
    button = next((b for b in box.buttons() if box.buttonRole(b) == QDialogButtonBox.ButtonRole.RejectRole),
                  None) if box is not None else None
    return without_mnemonic(button.text()) if button is not None \
        else QCoreApplication.translate("AsksBeforeDiscarding", "取消")


def _put_above_the_buttons(dialog: QWidget, box: QDialogButtonBox | None, note: QLabel) -> None:
    layout = box.parentWidget().layout() if box is not None else None
    if layout is None or not _insert_above(layout, box, note):
        dialog.layout().addWidget(note)


def _insert_above(layout: QLayout, widget: QWidget, note: QLabel) -> bool:
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item.widget() is widget:
            if isinstance(layout, QFormLayout):
                layout.insertRow(layout.getItemPosition(index)[0], note)
            else:
                layout.insertWidget(index, note)
            return True
        if item.layout() is not None and _insert_above(item.layout(), widget, note):
            return True
    return False


def close_without_asking(window: QWidget) -> bool:
    """Close `window` whatever is typed in it: the program closes it (a desk whose account was disabled
    closes every window it opened), with nobody to ask; a form left up would go on showing its text."""
    asks = isinstance(window, AsksBeforeDiscarding)
    if asks:
        window._asking = False
    try:
        return window.close()
    finally:
        if asks:
            window._asking = True
