"""Required fields marked on the form itself: a red asterisk after the row's caption, "必填" for a screen
reader and in the caption's tooltip, and one legend "* 为必填项" above the form (it stays the first row
when a row is inserted above it later, as the emergency report's 所属乡镇).

A grey placeholder said it before, and went away with the first character typed. The services stay the
judges of what is required; a form marks the fields its service refuses to go without, where the user
can leave them empty (a date or a list with a value always chosen cannot be missed, and is not marked).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QLayout, QWidget

REQUIRED_COLOUR = "#c00000"
_MARK = f' <span style="color: {REQUIRED_COLOUR};">*</span>'
_LEGEND = "required_legend"  # the legend's object name, and the form's note that it has one


def _required_text() -> str:
    return QCoreApplication.translate("RequiredFields", "必填")


def mark_required(form: QFormLayout, *fields: QWidget | QLayout, required: bool = True) -> None:
    """Mark (or, with required=False, unmark) the rows of `fields` in `form` as required; the legend
    is put above the form's first row the first time a row is marked, and kept there."""
    for field in fields:
        caption = form.labelForField(field)
        if not isinstance(caption, QLabel):
            raise ValueError(f"{field!r} has no caption in its form")
        plain = caption.text().removesuffix(_MARK)
        caption.setTextFormat(Qt.TextFormat.RichText)
        caption.setText(plain + _MARK if required else plain)
        caption.setToolTip(_required_text() if required else "")
        caption.setProperty("required", required)
        for widget in _widgets_of(field):
            widget.setAccessibleDescription(_required_text() if required else "")
            # Named by the caption without its mark: a screen reader reads a buddy's text as it is, markup too.
            widget.setAccessibleName(without_mnemonic(plain) if required else "")
    if required and not form.property(_LEGEND):
        legend = QLabel(f'<span style="color: {REQUIRED_COLOUR};">*</span> '
                        + QCoreApplication.translate("RequiredFields", "为必填项"))
        legend.setObjectName(_LEGEND)
        form.insertRow(0, legend)
        form.setProperty(_LEGEND, True)
        legend.installEventFilter(_LegendFirst(form, legend))


class _LegendFirst(QObject):
    """Moves the legend back to the form's first row when a row inserted later pushed it down: the
    legend is moved (or shown) whenever the rows above it change, whoever inserted them."""

    def __init__(self, form: QFormLayout, legend: QLabel):
        super().__init__(legend)
        self.form = form

    def eventFilter(self, legend: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Show, QEvent.Type.Move):
            row, _role = self.form.getWidgetPosition(legend)
            if row > 0:
                self.form.takeRow(row)
                self.form.insertRow(0, legend)
        return False


def without_mnemonic(caption: str) -> str:
    """"用户名(&U)" as it is read out: "用户名(U)"; "&User name": "User name"."""
    return caption.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _widgets_of(field: QWidget | QLayout) -> list[QWidget]:
    if isinstance(field, QWidget):
        return [field]
    return [field.itemAt(i).widget() for i in range(field.count()) if field.itemAt(i).widget() is not None]

