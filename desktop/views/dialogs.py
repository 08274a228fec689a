"""Message boxes behind one small service, so that tests answer them by patching these functions."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialogButtonBox, QInputDialog, QLabel, QMessageBox, QPlainTextEdit, QWidget

from .. import logs
from ..i18n import say
from .unsaved import AsksBeforeDiscarding
from ..errors import GridDeskError, ValidationFailed


# Problems listed in the message itself; a longer list goes on under "Show Details…".
SHOWN_PROBLEMS = 8


def error(parent: QWidget | None, title: str, text: str, details: str | None = None) -> None:
    box = QMessageBox(QMessageBox.Icon.Critical, title, text, QMessageBox.StandardButton.Ok, parent)
    if details:
        box.setDetailedText(details)
    box.exec()


def warning(parent: QWidget | None, title: str, text: str, items: list[str] | tuple[str, ...] = ()) -> None:
    """A warning with its items listed, the first SHOWN_PROBLEMS in sight and all under "Show Details…"."""
    shown, details = _listed(text, items)
    box = QMessageBox(QMessageBox.Icon.Warning, title, shown, QMessageBox.StandardButton.Ok, parent)
    if details:
        box.setDetailedText(details)
    box.exec()


# "标题(title):必填": a refusal names the field as the command line knows it (its option, --title), before a colon,
# the end or the article ("…(outcome)(Art. 20)"), in English after a word and a space ("Title (title): …"); at the desk
# the form's caption names it, and "(requester_phone)" is only noise. A file's own keys, which the user edits
# ("办结时间(updated_datetime);…"), are not in this form and stay.
_FIELD_NAME = re.compile(r"(?:(?<=[\u4e00-\u9fff])|(?<=[A-Za-z]) )\([a-z_]+(?:/[a-z_]+)?\)(?=:|$| ?\(Art\. )")


def for_the_desk(text: str) -> str:
    """A service's message as the desk shows it: in the interface language (i18n.say), without the fields'
    command-line names."""
    return _FIELD_NAME.sub("", say(text))


def _listed(text: str, items, details=()) -> tuple[str, str | None]:
    """`text` with the items in sight (a long list cut, all of it in the details), and the details:
    those of the list, then `details` (what an item told short leaves out)."""
    listed = [f"• {item}" for item in items[:SHOWN_PROBLEMS]]
    if len(items) > SHOWN_PROBLEMS:
        listed.append(QCoreApplication.translate("dialogs", "…另有 %1 处,见“详细信息”").replace(
            "%1", str(len(items) - SHOWN_PROBLEMS)))
    in_full = [*(items if len(items) > SHOWN_PROBLEMS else ()), *details]
    return "\n".join([text, *listed]), "\n".join(in_full) or None


def information(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def confirm(parent: QWidget | None, title: str, text: str, *, default_yes: bool = True) -> bool:
    """Yes or No; `default_yes=False` where Yes is a deliberate choice, so that one Enter too many says No."""
    buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    default = QMessageBox.StandardButton.Yes if default_yes else QMessageBox.StandardButton.No
    return QMessageBox.question(parent, title, text, buttons, default) == QMessageBox.StandardButton.Yes


def ask_text(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    """A line of text from the user (starting from `text`), or None when cancelled."""
    answer, ok = QInputDialog.getText(parent, title, label, text=text)
    return answer if ok else None


class TextDialog(AsksBeforeDiscarding, QInputDialog):
    """A reason, a note or a result of several lines. Tab goes on to the buttons, as in every other
    form: a QInputDialog's text box would type a tab character, and a keyboard user could not leave it.
    A reason typed from a phone call (a refused dispatch, an extension, an objection) is not thrown away
    by one Esc, Cancel or the close button (views/unsaved.py). Every reason, note and result asked is
    required: OK stays disabled while the box holds only blanks (on an empty box it had closed it as if
    cancelled, saying nothing)."""

    def __init__(self, parent: QWidget | None, title: str, label: str):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setLabelText(label)
        self.setOption(QInputDialog.InputDialogOption.UsePlainTextEditForTextInput)
        box = self.findChild(QPlainTextEdit)
        box.setTabChangesFocus(True)
        box.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)  # QInputDialog's does not wrap: a reason is prose
        # A screen reader names the box by the question (not by the note of views/unsaved.py, a label too).
        question = next(label for label in self.findChildren(QLabel) if label is not self.discard_note)
        question.setBuddy(box)
        self._box = box
        box.textChanged.connect(self._enable_ok)
        self._enable_ok()

    def _blank(self) -> bool:
        return not self._box.toPlainText().strip()

    def _enable_ok(self) -> None:
        ok = self.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not self._blank())

    def accept(self) -> None:
        if not self._blank():  # nor by a key that accepts the dialog past the disabled button
            super().accept()


def ask_lines(parent: QWidget | None, title: str, label: str, typed: str = "") -> str | None:
    """Text of several lines from the user (starting from `typed`), or None when cancelled; OK is pressed
    only with something typed."""
    dialog = TextDialog(parent, title, label)
    dialog.setTextValue(typed)
    if typed:
        dialog.count_as_typed()  # typed before, for a step refused: not lost by one Esc either
    return dialog.textValue() if dialog.exec() else None


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    """A domain error as its own message (problems listed), in the interface language where the service's
    message is a Said (for_the_desk); anything else with its trace."""
    title = QCoreApplication.translate("dialogs", "网格指挥台")
    if isinstance(exc, ValidationFailed):
        # What to correct is in sight, not behind "Show Details…"; a long list there in full.
        error(parent, title, *_listed(for_the_desk(exc.message), [for_the_desk(p) for p in exc.problems],
                                      exc.details))
    elif isinstance(exc, GridDeskError):
        error(parent, title, for_the_desk(exc.message))
    else:
        # A fault of the program, not of what was typed: kept with its trace (a task's failure is logged
        # where it ran), and the person is told where, for whoever looks after the desk.
        if not hasattr(exc, "__traceback_text__"):
            logs.log.error("shown to the user", exc_info=exc)
        text = QCoreApplication.translate("dialogs", "程序出错,本次操作未完成:%1").replace(
            "%1", f"{type(exc).__name__}: {exc}")
        if (where := logs.log_file()) is not None:
            text += "\n" + QCoreApplication.translate(
                "dialogs", "这不是您的操作有误。详细情况已记入日志文件 %1,请把它交给负责维护本机的同事。").replace("%1", str(where))
        error(parent, title, text, getattr(exc, "__traceback_text__", None))
