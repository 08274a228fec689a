"""MapView: a QGraphicsView of grids, boundaries and cases with zoom, pan, click and PNG export."""

from __future__ import annotations

import math
from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter, QPen, QTransform, QWheelEvent
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QWidget,
)

from ...models.enums import GridKind
from ...services.map_data import MapData
from .layers import MapLayers, build_layers

CODE_ROLE, KIND_ROLE = 0, 1  # QGraphicsItem.data keys of a grid item
KIND_COLOURS = {GridKind.REGULAR: QColor(66, 133, 244), GridKind.EXCLUSIVE: QColor(245, 124, 0),
                GridKind.SEA: QColor(0, 150, 136)}
OPEN_CASE, OVERDUE_CASE = QColor(255, 179, 0), QColor(211, 47, 47)
SELECTED = QColor(156, 39, 176)
_CLICK_SLOP_PX = 4
NAME_SHARE = 0.8  # grid names in this share of the legend's type (set_text_size): many names, one legend
_ZOOM_STEP = 1.25
LEGEND_AT = 8  # the legend's distance from the viewport's top and left edges


def _scale_to_fit(rect: QRectF, room: QRectF) -> float:
    return min(room.width() / rect.width(), room.height() / rect.height())


def _cosmetic(colour: QColor, width: float, style=Qt.PenStyle.SolidLine) -> QPen:
    pen = QPen(colour, width, style)
    pen.setCosmetic(True)  # the same width in pixels at every zoom
    return pen


class MapView(QGraphicsView):
    """The reusable map widget (main-window dock, wall display, dialogs).

    ``set_data(map_data)`` draws a `services.map_data.MapData`; the projection and path
    building run through ``tasks`` (desktop.tasks runner) when one is given, else at once.
    ``gridClicked(code)`` is emitted when a grid is clicked (not dragged); ``rendered`` when
    new data is on screen. Wheel zooms under the mouse, dragging pans, ``fit()`` shows all,
    ``export_png(path)`` saves what is shown. ``set_text_size(px)`` sets the type of the legend, and
    NAME_SHARE of it the grid names' (the wall's is read across a room). Until data lands it says it is loading;
    data with nothing to draw is said to be so, not left blank.
    """

    gridClicked = Signal(str)
    rendered = Signal()

    def __init__(self, parent: QWidget | None = None, *, tasks=None):
        super().__init__(parent)
        self.tasks = tasks
        self.setScene(QGraphicsScene(self))
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setBackgroundBrush(QColor(245, 243, 238))
        # Dragging pans; scroll bars would only take room (and resize the viewport on zoom).
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._fitted = True  # follow resizes until the user zooms
        self._generation = 0
        self._selected: str | None = None
        self._press: QPoint | None = None
        # (label, its grid, which first where names collide: overdue cases, open cases, then area)
        self._labels: list[tuple[QGraphicsSimpleTextItem, QGraphicsPathItem, tuple]] = []
        self._text_font: QFont | None = None  # the legend's; None: the application's
        self._name_font: QFont | None = None  # the grid names'; None: the application's
        self._loaded = False
        self.grid_items: dict[str, QGraphicsPathItem] = {}
        self.case_items: list[QGraphicsEllipseItem] = []
        self.boundary_items: list[QGraphicsPathItem] = []

    # --- data ---------------------------------------------------------------------------------
    def set_data(self, data: MapData) -> None:
        self._generation += 1
        generation = self._generation

        def show(layers: MapLayers) -> None:
            if generation == self._generation:  # a newer request superseded this one
                self._show(layers)

        if self.tasks is None:
            show(build_layers(data))
        else:
            self.tasks.submit(build_layers, data, on_done=show)

    def _show(self, layers: MapLayers) -> None:
        self._loaded = True
        scene = self.scene()
        scene.clear()
        self._labels.clear()
        self.grid_items, self.case_items, self.boundary_items = {}, [], []
        # Exclusive grids lie over regular ones (Art. 7), so they are drawn and clicked on top.
        for z, kind in enumerate((GridKind.REGULAR, GridKind.SEA, GridKind.EXCLUSIVE)):
            for shape in (g for g in layers.grids if g.kind is kind):
                self._add_grid(shape, z)
        self.select_grid(layers.selected_code)
        for boundary in layers.boundaries:
            item = scene.addPath(boundary.path, _cosmetic(QColor(70, 70, 70), 1.6, Qt.PenStyle.DashLine))
            item.setZValue(5)
            item.setToolTip(boundary.label)
            self.boundary_items.append(item)
        for mark in layers.cases:
            colour = OVERDUE_CASE if mark.overdue else OPEN_CASE
            item = QGraphicsEllipseItem(QRectF(-5, -5, 10, 10))
            item.setPos(mark.at)
            item.setBrush(colour)
            item.setPen(_cosmetic(colour.darker(150), 1))
            item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
            item.setZValue(20 if mark.overdue else 19)
            item.setToolTip(f"{mark.number} {mark.title}" + (self.tr("(已超期)") if mark.overdue else ""))
            scene.addItem(item)
            self.case_items.append(item)
        scene.setSceneRect(scene.itemsBoundingRect())
        self.fit()
        self.rendered.emit()

    def _add_grid(self, shape, z: int) -> None:
        colour = KIND_COLOURS[shape.kind]
        fill = QColor(colour)
        fill.setAlpha(110 if shape.kind is not GridKind.REGULAR else 60)
        item = self.scene().addPath(shape.path, _cosmetic(colour.darker(130), 1), QBrush(fill))
        item.setZValue(z)
        item.setData(CODE_ROLE, shape.code)
        item.setData(KIND_ROLE, shape.kind)
        item.setToolTip(shape.label)
        self.grid_items[shape.code] = item
        label = QGraphicsSimpleTextItem(shape.name or shape.label)
        label.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        label.setBrush(QColor(40, 40, 40))
        label.setPos(shape.label_at)
        self._set_label_font(label)
        label.setZValue(10)
        label.setAcceptedMouseButtons(Qt.MouseButton.NoButton)  # clicks reach the grid below
        self.scene().addItem(label)
        bounds = shape.path.boundingRect()
        self._labels.append((label, item, (-shape.overdue, -shape.open, -bounds.width() * bounds.height())))

    def _set_label_font(self, label: QGraphicsSimpleTextItem) -> None:
        if self._name_font is not None:
            label.setFont(self._name_font)
        # The label keeps its size on screen (pixels): it is centred in its own pixel coordinates.
        size = label.boundingRect()
        label.setTransform(QTransform.fromTranslate(-size.width() / 2, -size.height() / 2))

    def set_text_size(self, pixels: int) -> None:
        """The legend in type this many pixels high, the grid names in NAME_SHARE of it."""
        self._text_font = QFont(self.font())
        self._text_font.setPixelSize(pixels)
        self._name_font = QFont(self.font())
        self._name_font.setPixelSize(round(pixels * NAME_SHARE))
        for label, _grid, _rank in self._labels:
            self._set_label_font(label)
        self._legend_resized()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self._legend_resized()  # the legend's entries in the other language (English's are wider)

    def _legend_resized(self) -> None:
        """The map beside the legend in its new size, and the layouts told the view's least size changed: they
        keep the minimumSizeHint they read first, narrower than a legend grown since."""
        self.updateGeometry()
        if self._fitted:
            self.fit()
        else:
            self._update_labels()
        self.viewport().update()

    def select_grid(self, code: str | None) -> None:
        """Outline one grid (or none) without reloading the map."""
        for item_code in (self._selected, code):
            item = self.grid_items.get(item_code)
            if item is not None:
                chosen = item_code == code
                colour = SELECTED if chosen else KIND_COLOURS[GridKind(item.data(KIND_ROLE))].darker(130)
                item.setPen(_cosmetic(colour, 3 if chosen else 1))
        self._selected = code
        self._update_labels()

    # --- viewing ------------------------------------------------------------------------------
    def fit(self) -> None:
        """The grids and boundaries in view, the cases too only where there are neither: one case located far
        off the area (0, 0 for "unknown") had shrunk the township to a dot. Such a case is reached by panning.
        The map is fitted beside the legend or below it, whichever shows it larger: laid under the legend, a
        grid's name had been covered by it."""
        rect = QRectF()
        for item in [*self.grid_items.values(), *self.boundary_items]:
            rect |= item.sceneBoundingRect()
        if rect.isEmpty():
            rect = self.scene().itemsBoundingRect()
        if rect.isEmpty():
            return
        margin = max(rect.width(), rect.height()) * 0.04
        rect.adjust(-margin, -margin, margin, margin)
        viewport = QRectF(self.viewport().rect())
        legend = self._legend_area()
        beside, below = viewport.adjusted(legend.right(), 0, 0, 0), viewport.adjusted(0, legend.bottom(), 0, 0)
        # A view smaller than the legend has the legend over the map.
        rooms = [area for area in (beside, below) if not area.isEmpty()] or [viewport]
        room = max(rooms, key=lambda area: _scale_to_fit(rect, area))
        scale = _scale_to_fit(rect, room)
        if scale <= 0:
            return  # no viewport yet
        self.setTransform(QTransform.fromScale(scale, scale))
        # The map's centre where the room's is: the scene reaches as far as the view shows, or the view could
        # not be scrolled there.
        centre = rect.center() - (room.center() - viewport.center()) / scale
        shown = QRectF(0, 0, viewport.width() / scale, viewport.height() / scale)
        shown.moveCenter(centre)
        self.setSceneRect(self.scene().itemsBoundingRect() | shown)
        self.centerOn(centre)
        self._fitted = True
        self._update_labels()

    def zoom(self, factor: float) -> None:
        self.scale(factor, factor)
        self._fitted = False
        self._update_labels()

    def _update_labels(self) -> None:
        """A name shows when it lies inside its grid on screen and overlaps neither the legend nor a name already
        shown; where names collide, the grids with overdue cases, then with open cases, then the larger ones come
        first. The selected grid's name always shows, even where its grid is too small to hold it: placed first,
        the others give way to it (a small exclusive grid chosen had been left nameless)."""
        taken = [self._legend_area()]
        for label, grid, _rank in sorted(self._labels, key=lambda entry: (not self._is_selected(entry[1]), entry[2])):
            on_screen = label.deviceTransform(self.viewportTransform()).mapRect(label.boundingRect())
            inside = grid.path().contains(self.mapToScene(on_screen.toAlignedRect()).boundingRect())
            visible = self._is_selected(grid) or (inside and not any(on_screen.intersects(other) for other in taken))
            if visible:
                taken.append(on_screen)
            label.setVisible(visible)

    def _is_selected(self, grid: QGraphicsPathItem) -> bool:
        return self._selected is not None and grid.data(CODE_ROLE) == self._selected

    def minimumSizeHint(self) -> QSize:
        """Room for the legend, whose entries a narrower map had cut."""
        legend = self.legend_rect()
        frame = 2 * self.frameWidth()
        return QSize(legend.right() + 1 + LEGEND_AT + frame, legend.bottom() + 1 + LEGEND_AT + frame)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._fitted:
            self.fit()

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom(math.pow(_ZOOM_STEP, steps))

    def mousePressEvent(self, event) -> None:
        self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        pos = event.position().toPoint()
        if self._press is not None and (pos - self._press).manhattanLength() <= _CLICK_SLOP_PX:
            code = self.grid_at(pos)
            if code:
                self.gridClicked.emit(code)
        self._press = None

    def grid_at(self, pos: QPoint) -> str | None:
        """The code of the topmost grid under a viewport position (exclusive over regular)."""
        for item in self.items(pos):
            code = item.data(CODE_ROLE)
            if code and item.shape().contains(item.mapFromScene(self.mapToScene(pos))):
                return code
        return None

    def export_png(self, path: str | Path) -> bool:
        """Save the view as shown (with its zoom and pan) as a PNG image."""
        return self.grab().save(str(path), "PNG")

    def empty_text(self) -> str:
        """What the map says instead of a blank: loading, or nothing to draw; "" when it draws something."""
        if not self._loaded:
            return self.tr("地图载入中…")
        if not self.grid_items and not self.case_items:
            return self.tr("无网格边界和带位置的在办诉求可显示")
        return ""

    def _legend_entries(self) -> list[tuple[QColor, str]]:
        return [(KIND_COLOURS[GridKind.REGULAR], self.tr("基础网格")),
                (KIND_COLOURS[GridKind.EXCLUSIVE], self.tr("专属网格")),
                (KIND_COLOURS[GridKind.SEA], self.tr("涉海专属网格")),
                (OPEN_CASE, self.tr("在办案件")), (OVERDUE_CASE, self.tr("超期案件"))]

    def legend_rect(self) -> QRect:
        """Where the legend is drawn, in the viewport's pixels (its top-left corner)."""
        metrics = QFontMetrics(self._text_font or self.viewport().font())
        entries = self._legend_entries()
        swatch = metrics.height() - 4
        width = swatch + 16 + max(metrics.horizontalAdvance(text) for _, text in entries)
        return QRect(LEGEND_AT, LEGEND_AT, width, (metrics.height() + 4) * len(entries) + 8)

    def _legend_area(self) -> QRectF:
        """The legend's rect where it is drawn, else an empty one."""
        return QRectF() if self.empty_text() else QRectF(self.legend_rect())

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
        """A legend in the top-left corner of the viewport (or, with nothing drawn, why)."""
        painter.save()
        painter.resetTransform()
        if self._text_font is not None:
            painter.setFont(self._text_font)
        empty = self.empty_text()
        if empty:
            painter.setPen(QColor(90, 90, 90))
            painter.drawText(self.viewport().rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, empty)
            painter.restore()
            return
        entries = self._legend_entries()
        metrics = painter.fontMetrics()
        line = metrics.height() + 4
        swatch = metrics.height() - 4  # a square as tall as the type
        painter.setPen(QColor(160, 160, 160))
        painter.setBrush(QColor(255, 255, 255, 220))
        painter.drawRect(self.legend_rect())
        for n, (colour, text) in enumerate(entries):
            y = 12 + n * line
            painter.setBrush(colour)
            painter.setPen(colour.darker(130))
            painter.drawRect(14, y + 4, swatch, swatch)
            painter.setPen(QColor(30, 30, 30))
            painter.drawText(20 + swatch, y + metrics.ascent() + 2, text)
        painter.restore()
