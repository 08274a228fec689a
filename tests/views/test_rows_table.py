"""The lists of plain results (rows_model): a text the column cuts short shows whole in its tooltip,
a text in view gets none, and a model's own tooltip is left as the model gives it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from desktop.views.rows_model import RowsModel, rows_table

LONG = "网格员反映:渔港码头护栏多处松动,夜间照明不足,存在坠海隐患,请尽快安排维修"


class Notes(RowsModel):
    HEADERS = ["事由", "期限", "情况"]

    def cells(self, row) -> list:
        return list(row)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if index.isValid() and role == Qt.ItemDataRole.ToolTipRole and index.column() == 2:
            return "报送记录"  # the model's own tooltip
        return super().data(index, role)


def _tooltip(qtbot, view, column: int) -> str:
    """What hovering over the first row's cell shows."""
    QToolTip.hideText()
    qtbot.waitUntil(lambda: not QToolTip.isVisible())  # Qt hides the last one after a short delay
    position = view.visualRect(view.model().index(0, column)).center()
    QApplication.sendEvent(view.viewport(), QHelpEvent(QEvent.Type.ToolTip, position,
                                                       view.viewport().mapToGlobal(position)))
    return QToolTip.text() if QToolTip.isVisible() else ""


def test_only_a_text_cut_short_shows_whole_in_its_tooltip(qtbot):
    model = Notes()
    model.set_rows([(LONG, "2026-12-07", "已整改")])
    view = rows_table(model)
    qtbot.addWidget(view)
    view.resize(700, 200)
    view.show()
    qtbot.waitExposed(view)
    view.setColumnWidth(0, 120)
    view.resizeColumnToContents(1)
    assert model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) is None  # the model gives none of its own
    assert _tooltip(qtbot, view, 1) == ""  # the deadline is in view whole
    assert _tooltip(qtbot, view, 0) == LONG
    assert _tooltip(qtbot, view, 2) == "报送记录"
    view.setColumnWidth(0, view.fontMetrics().horizontalAdvance(LONG) + 40)
    assert _tooltip(qtbot, view, 0) == ""
