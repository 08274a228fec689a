"""A bar of controls that goes on to further rows where a pane is too narrow for one (a filter bar).

A QHBoxLayout with less room than its widgets' least widths lays them out over each other: on a narrow
queue the count was drawn over the search box. Here each part keeps its width and the parts that do not
fit go on to the next row; a row's room to spare goes to its expanding parts (a search box).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QWidget


class WrappingBar(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._parts: list[QWidget] = []
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def add_part(self, *widgets: QWidget) -> None:
        """Widgets kept together on one row."""
        part = QWidget(self)
        row = QHBoxLayout(part)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in widgets:
            row.addWidget(widget)
        self._parts.append(part)
        self.updateGeometry()

    def sizeHint(self) -> QSize:
        """Every part on one row."""
        hints = [part.sizeHint() for part in self._parts]
        width = sum(hint.width() for hint in hints) + self._gap(Qt.Orientation.Horizontal) * max(0, len(hints) - 1)
        return QSize(width, max((hint.height() for hint in hints), default=0))

    def minimumSizeHint(self) -> QSize:
        """The widest part, on a row of its own."""
        width = max((part.minimumSizeHint().width() for part in self._parts), default=0)
        return QSize(width, self.heightForWidth(width))

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        rows = self._rows(width)
        return sum(self._height(row) for row in rows) + self._gap(Qt.Orientation.Vertical) * max(0, len(rows) - 1)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:  # a part asks for another size (the count's new text)
            self.updateGeometry()
            self._place()
        return super().event(event)

    def resizeEvent(self, event) -> None:
        self._place()
        super().resizeEvent(event)

    def _gap(self, orientation: Qt.Orientation) -> int:
        control = QSizePolicy.ControlType.DefaultType
        return max(0, self.style().layoutSpacing(control, control, orientation))

    @staticmethod
    def _height(row: list[QWidget]) -> int:
        return max(part.sizeHint().height() for part in row)

    def _rows(self, width: int) -> list[list[QWidget]]:
        rows: list[list[QWidget]] = []
        used = 0
        gap = self._gap(Qt.Orientation.Horizontal)
        for part in self._parts:
            needed = part.sizeHint().width()
            if rows and used + gap + needed <= width:
                rows[-1].append(part)
                used += gap + needed
            else:
                rows.append([part])
                used = needed
        return rows

    def _place(self) -> None:
        y = 0
        for row in self._rows(self.width()):
            self._place_row(row, y)
            y += self._height(row) + self._gap(Qt.Orientation.Vertical)

    def _place_row(self, row: list[QWidget], y: int) -> None:
        gap = self._gap(Qt.Orientation.Horizontal)
        widths = [part.sizeHint().width() for part in row]
        spare = self.width() - sum(widths) - gap * (len(row) - 1)
        expanding = [n for n, part in enumerate(row) if part.layout().expandingDirections() & Qt.Orientation.Horizontal]
        for n in expanding:
            widths[n] += spare // len(expanding)
        x = 0
        for part, width in zip(row, widths):
            part.setGeometry(QRect(x, y, min(width, self.width()), self._height(row)))
            x += width + gap
