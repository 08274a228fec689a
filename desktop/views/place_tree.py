"""The administrative tree (city → county → township → village → grid), loaded level by level.

The model asks services.places for one level when a branch is expanded (canFetchMore /
fetchMore); a search hit is reached by loading only its ancestors' levels. Every query runs
as a task (a shared PostgreSQL under load may take longer than a frame); the rows are
inserted when the answer lands, and the tree shows a busy cursor meanwhile.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QSize, Qt, Signal
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QTreeView, QVBoxLayout, QWidget

from ..db import Database
from ..errors import NotFound
from ..i18n import label
from ..services import places
from ..services.results import PlaceInfo
from . import dialogs
from .retranslating import Retranslating

CODE_ROLE = Qt.ItemDataRole.UserRole
LEVEL_ROLE = Qt.ItemDataRole.UserRole + 1
# How wide the tree is kept, in characters of a name at a depth below the city: at least a village's
# (most have 2–6 characters), and at first a grid's, one level deeper (侨北社区第1网格). At 150 % on a
# 1366-pixel screen the splitter had squeezed the tree to a few characters, the villages' names cut.
VILLAGE_DEPTH, VILLAGE_NAME_CHARS = 3, 6
GRID_DEPTH, GRID_NAME_CHARS = 4, 8
ITEM_PADDING = 8  # beside an item's text: its focus frame's margins


@dataclass(eq=False)
class _Node:
    info: PlaceInfo | None  # None: the invisible root
    parent: _Node | None
    row: int = 0
    children: list[_Node] | None = field(default=None)  # None until fetched

    @property
    def code(self) -> str | None:
        return self.info.code if self.info else None


def _levels_to(db: Database, code: str, loaded: frozenset[str | None]):
    """Off the GUI thread: the path down to a place, and the levels on it the tree still lacks."""
    path = places.ancestors(db, code)
    parents = [None, *(info.code for info in path[:-1])]
    return path, {parent: places.children(db, parent) for parent in parents if parent not in loaded}


def _levels(db: Database, parents: list[str | None]) -> dict[str | None, list[PlaceInfo]]:
    """Off the GUI thread: the children of each place as they are now; none for a place gone."""
    levels = {}
    for parent in parents:
        try:
            levels[parent] = places.children(db, parent)
        except NotFound:
            levels[parent] = []
    return levels


class PlaceTreeModel(QAbstractItemModel):
    loadingChanged = Signal(bool)  # queries are (no longer) on their way
    failed = Signal(object)  # the exception of a query that went wrong

    def __init__(self, db: Database, tasks, parent=None):
        super().__init__(parent)
        self.db, self.tasks = db, tasks
        self.root = _Node(None, None)
        self._nodes: dict[str | None, _Node] = {None: self.root}  # every node received, by code
        self._fetching: set[str | None] = set()  # codes whose children are on their way
        self._busy = 0
        self._reveal_generation = 0
        self._refresh_generation = 0

    @property
    def loading(self) -> bool:
        return self._busy > 0

    def _submit(self, fn, *args, on_done: Callable, on_settled: Callable[[], None] = lambda: None) -> None:
        """Run a query as a task, counting it as loading until it lands or fails."""
        self._busy += 1
        if self._busy == 1:
            self.loadingChanged.emit(True)

        def settle() -> None:
            on_settled()
            self._busy -= 1
            if not self._busy:
                self.loadingChanged.emit(False)

        def done(result) -> None:
            settle()
            on_done(result)

        def failed(exc: BaseException) -> None:
            settle()
            self.failed.emit(exc)

        self.tasks.submit(fn, *args, on_done=done, on_error=failed)

    # --- structure -----------------------------------------------------------------------
    def _node(self, index: QModelIndex) -> _Node:
        return index.internalPointer() if index.isValid() else self.root

    def index(self, row: int, column: int, parent=QModelIndex()) -> QModelIndex:
        node = self._node(parent)
        if column != 0 or node.children is None or not 0 <= row < len(node.children):
            return QModelIndex()
        return self.createIndex(row, 0, node.children[row])

    def parent(self, index: QModelIndex = QModelIndex()) -> QModelIndex:  # noqa: A003 — Qt's name
        if not index.isValid():
            return QModelIndex()
        up = index.internalPointer().parent
        if up is None or up is self.root:
            return QModelIndex()
        return self.createIndex(up.row, 0, up)

    def rowCount(self, parent=QModelIndex()) -> int:
        if parent.column() > 0:
            return 0
        children = self._node(parent).children
        return len(children) if children else 0

    def columnCount(self, parent=QModelIndex()) -> int:
        return 1

    def hasChildren(self, parent=QModelIndex()) -> bool:
        node = self._node(parent)
        if node.children is not None:
            return bool(node.children)
        return node.info is None or node.info.has_children

    def canFetchMore(self, parent: QModelIndex) -> bool:
        node = self._node(parent)
        return node.children is None and (node.info is None or node.info.has_children)

    def fetchMore(self, parent: QModelIndex) -> None:
        node = self._node(parent)
        if node.children is not None or node.code in self._fetching:
            return
        self._fetching.add(node.code)
        # A place another desk took away meanwhile has no children, rather than an error.
        self._submit(_levels, self.db, [node.code], on_done=lambda levels: self._install(node, levels[node.code]),
                     on_settled=lambda: self._fetching.discard(node.code))

    def _install(self, node: _Node, infos: list[PlaceInfo]) -> None:
        """Give a node its children, unless another query's answer already did, or a refresh took the node
        out of the tree meanwhile."""
        if node.children is not None or (node is not self.root and self._nodes.get(node.code) is not node):
            return
        if not infos:
            node.children = []
            return
        self.beginInsertRows(self._index_of_node(node), 0, len(infos) - 1)
        node.children = [_Node(info, node, row) for row, info in enumerate(infos)]
        self._nodes.update((child.code, child) for child in node.children)
        self.endInsertRows()

    def refresh(self) -> None:
        """Read again every level loaded (another desk adjusted the grids, renamed a place): names change
        in place, places gone leave, new ones come in, and what is expanded or chosen stays where it can."""
        loaded = [code for code, node in self._nodes.items() if node.children is not None]
        self._refresh_generation += 1
        generation = self._refresh_generation
        # An earlier refresh answering after a later one would bring back what the later one found gone.
        self._submit(_levels, self.db, loaded,
                     on_done=lambda levels: generation == self._refresh_generation and self._renew(levels))

    def _renew(self, levels: dict[str | None, list[PlaceInfo]]) -> None:
        for parent_code, infos in levels.items():
            node = self._nodes.get(parent_code)
            if node is not None and node.children is not None:  # still in the tree, its level still loaded
                self._renew_children(node, infos)

    def _renew_children(self, node: _Node, infos: list[PlaceInfo]) -> None:
        parent = self._index_of_node(node)
        wanted = {info.code: info for info in infos}
        for gone in [child for child in reversed(node.children) if child.code not in wanted]:
            self.beginRemoveRows(parent, gone.row, gone.row)
            node.children.remove(gone)
            self._forget(gone)
            self._renumber(node)
            self.endRemoveRows()
        kept = {child.code: child for child in node.children}
        for row, info in enumerate(infos):
            child = kept.get(info.code)
            if child is None:
                self.beginInsertRows(parent, row, row)
                child = _Node(info, node, row)
                node.children.insert(row, child)
                self._nodes[info.code] = child
                self._renumber(node)
                self.endInsertRows()
            elif child.info != info:
                child.info = info
                index = self._index_of_node(child)
                self.dataChanged.emit(index, index)

    @staticmethod
    def _renumber(node: _Node) -> None:
        for row, child in enumerate(node.children):
            child.row = row

    def _forget(self, node: _Node) -> None:
        self._nodes.pop(node.code, None)
        for child in node.children or ():
            self._forget(child)

    def _index_of_node(self, node: _Node) -> QModelIndex:
        return QModelIndex() if node is self.root else self.createIndex(node.row, 0, node)

    # --- content -------------------------------------------------------------------------
    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        info = index.internalPointer().info
        if role == Qt.ItemDataRole.DisplayRole:
            return info.short_name
        if role == Qt.ItemDataRole.ToolTipRole:
            level = label(info.level)
            return f"{info.name}\n{info.code} · {level}" + (self.tr("(示例数据)") if info.synthetic else "")
        if role == CODE_ROLE:
            return info.code
        if role == LEVEL_ROLE:
            return info.level.value
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def index_of(self, code: str) -> QModelIndex:
        """The index of a place already loaded (invalid otherwise; see `reveal`)."""
        node = self._nodes.get(code)
        return QModelIndex() if node is None else self._index_of_node(node)

    def reveal(self, code: str, then: Callable[[QModelIndex], None]) -> None:
        """Load the levels above a place, then hand its index to `then` (only the latest call's)."""
        self._reveal_generation += 1
        generation = self._reveal_generation
        loaded = frozenset(c for c, node in self._nodes.items() if node.children is not None)

        def landed(answer) -> None:
            path, levels = answer
            for parent_code, infos in levels.items():  # top-down: each parent was installed by the one before
                node = self._nodes.get(parent_code)
                if node is not None:
                    self._install(node, infos)
            if generation != self._reveal_generation:
                return  # the user has asked for another place since
            index = self.index_of(path[-1].code)
            if index.isValid():
                then(index)

        self._submit(_levels_to, self.db, code, loaded, on_done=landed)


class PlaceTree(Retranslating, QWidget):
    """Search box, search hits and the lazy tree; emits the code of the place chosen."""

    placeSelected = Signal(str)

    def __init__(self, db: Database, tasks, parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.tasks = db, tasks
        self._search_generation = 0
        self._searching = False
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.hits = QListWidget()
        self.hits.hide()
        self.hits.setMaximumHeight(160)
        self.model = PlaceTreeModel(db, tasks, self)
        self.view = QTreeView()
        self.view.setHeaderHidden(True)
        self.view.setUniformRowHeights(True)
        self.view.setModel(self.model)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.hits)
        layout.addWidget(self.view)

        self.search.returnPressed.connect(self.run_search)
        self.search.textChanged.connect(lambda text: text or self.hits.hide())
        self.hits.itemActivated.connect(lambda item: self.select_place(item.data(CODE_ROLE)))
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        # The view fetches on expand only once laid out; do it at once so keyboard and code agree.
        self.view.expanded.connect(self.model.fetchMore)
        self.model.loadingChanged.connect(self._show_busy)
        self.model.failed.connect(lambda exc: dialogs.show_error(self, exc))
        self.model.rowsInserted.connect(self._rows_arrived)
        self.model.fetchMore(QModelIndex())
        self.retranslate()

    def _width_for(self, depth: int, chars: int) -> int:
        """The tree's width that shows a name of `chars` characters at `depth` whole."""
        view = self.view
        return ((depth + 1) * view.indentation()  # the levels above, and the branch's own arrow
                + view.fontMetrics().horizontalAdvance("网" * chars) + ITEM_PADDING
                + 2 * view.frameWidth() + view.verticalScrollBar().sizeHint().width())

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(max(hint.width(), self._width_for(VILLAGE_DEPTH, VILLAGE_NAME_CHARS)), hint.height())

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(max(self.minimumSizeHint().width(), self._width_for(GRID_DEPTH, GRID_NAME_CHARS)),
                     hint.height())

    def retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr("搜索地名或代码(Ctrl+F)"))
        # What a screen reader says for the fields without a caption: the placeholder goes with the first key.
        self.search.setAccessibleName(self.tr("搜索地点"))
        self.hits.setAccessibleName(self.tr("搜索结果"))
        self.view.setAccessibleName(self.tr("区划树"))

    def refresh(self) -> None:
        """Read the places shown again (see PlaceTreeModel.refresh)."""
        self.model.refresh()

    def current_code(self) -> str | None:
        index = self.view.currentIndex()
        return index.data(CODE_ROLE) if index.isValid() else None

    def _rows_arrived(self, parent: QModelIndex, _first: int, _last: int) -> None:
        if not parent.isValid():
            self.view.expand(self.model.index(0, 0))  # Beihai's four counties at a glance

    def _show_busy(self) -> None:
        if self.model.loading or self._searching:
            self.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.unsetCursor()

    def run_search(self) -> None:
        self._search_generation += 1
        generation = self._search_generation
        text = self.search.text()
        self._searching = True
        self._show_busy()

        def settle() -> bool:
            """Whether this answer is still the one wanted."""
            if generation != self._search_generation:
                return False
            self._searching = False
            self._show_busy()
            return True

        def failed(exc: BaseException) -> None:
            if settle():
                dialogs.show_error(self, exc)

        self.tasks.submit(places.search, self.db, text,
                          on_done=lambda found: settle() and self._show_hits(text, found), on_error=failed)

    def _show_hits(self, text: str, found: list[PlaceInfo]) -> None:
        self.hits.clear()
        if len(found) == 1:
            self.hits.hide()
            self.select_place(found[0].code)
            return
        for info in found:
            item = QListWidgetItem(f"{info.short_name}  {info.code}")
            item.setToolTip(info.name)
            item.setData(CODE_ROLE, info.code)
            self.hits.addItem(item)
        if not found:
            self.hits.addItem(QListWidgetItem(self.tr("没有找到“%1”").replace("%1", text.strip())))
        self.hits.show()
        self.hits.setCurrentRow(0)
        self.hits.setFocus()

    def select_place(self, code: str | None) -> None:
        """Expand the tree down to a place and make it current (once its levels have loaded)."""
        if code:
            self.model.reveal(code, self._make_current)

    def _make_current(self, index: QModelIndex) -> None:
        parent = index.parent()
        while parent.isValid():
            self.view.expand(parent)
            parent = parent.parent()
        self.view.scrollTo(index)
        self.view.setCurrentIndex(index)
        self.view.setFocus()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.placeSelected.emit(current.data(CODE_ROLE))

