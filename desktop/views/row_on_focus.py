"""A table tabbed into chooses the row under its cursor: a current row alone is no selection, and the
buttons that act on the selected row stayed disabled until an arrow key was pressed."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject
from PySide6.QtWidgets import QAbstractItemView


class _ChoosesRowOnFocus(QObject):
    def eventFilter(self, view: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and isinstance(view, QAbstractItemView):
            _choose_current_row(view)
        return False


def _choose_current_row(view: QAbstractItemView) -> None:
    """Select the current row (the first, where none is current), unless a row is selected already."""
    model, selection = view.model(), view.selectionModel()
    if model is None or selection is None or selection.hasSelection() or model.rowCount() == 0:
        return
    current = view.currentIndex()
    index = current if current.isValid() else model.index(0, 0)
    selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                              | QItemSelectionModel.SelectionFlag.Rows)


def chooses_row_on_focus(view: QAbstractItemView) -> None:
    view.installEventFilter(_ChoosesRowOnFocus(view))
