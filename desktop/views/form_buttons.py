"""The OK and Cancel buttons of a small form, wired to accept and reject it; and what Enter presses in a window."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton


def ok_cancel(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def enter_presses(dialog: QDialog, button: QPushButton | None) -> None:
    """Enter in `dialog` presses `button`, the one that finishes what the user does there, or with None nothing.

    Left to itself, Qt makes the first button of a dialog its default: Enter typed in a field pressed
    "密码有效期…" in the accounts, "选择…" in the import, recalculated an evaluation. With a button
    given, another button takes Enter only while it has the focus; with None, no button takes Enter
    (Space presses the one with the focus), and Enter from a field does nothing."""
    if button is not None:
        button.setDefault(True)
        return
    for other in dialog.findChildren(QPushButton):
        if other.window() is dialog:
            other.setAutoDefault(False)
            other.setDefault(False)
