"""The OK and Cancel buttons of a small form, wired to accept and reject it; and what Enter presses in a window."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton

from .enter_key import on_enter, press


def ok_cancel(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def enter_presses(dialog: QDialog, button: QPushButton | None) -> None:
    """Enter in `dialog` presses `button`, the one that finishes what the user does there, or with None nothing
    but the button that has the focus.

    Left to itself, Qt makes the first button of a dialog its default: Enter typed in a field pressed
    "密码有效期…" in the accounts, "选择…" in the import, recalculated an evaluation. With a button
    given, another button takes Enter only while it has the focus; with None, Enter from a field does
    nothing, and on a button reached by Tab presses it, as Space does (as on Windows)."""
    if button is not None:
        button.setDefault(True)
        return
    buttons = [b for b in dialog.findChildren(QPushButton) if b.window() is dialog]
    for other in buttons:
        other.setAutoDefault(False)  # else Qt makes the first the dialog's default when it is shown
        other.setDefault(False)
    on_enter(buttons, press, owner=dialog)  # Qt would let Enter on a button that is no default go on
