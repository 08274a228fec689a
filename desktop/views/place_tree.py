"""The administrative tree (city → county → township → village → grid), loaded level by level.

The model asks services.places for one level when a branch is expanded (canFetchMore /
fetchMore); a search hit is reached by loading only its ancestors' levels.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, Qt, Signal
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QTreeView, QVBoxLayout, QWidget

from ..db import Database
from ..i18n import label
from ..services import places
from ..services.results import PlaceInfo

CODE_ROLE = Qt.ItemDataRole.UserRole
LEVEL_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(eq=False)
class _Node:
    info: PlaceInfo | None  # None: the invisible root
    parent: _Node | None
    row: int = 0
    children: list[_Node] | None = field(default=None)  # None until fetched

    @property
    def code(self) -> str | None:
        return self.info.code if self.info else None


class PlaceTreeModel(QAbstractItemModel):
    def __init__(self, db: Database, parent=None):
        super().__init__(parent)
        self.db = db
        self.root = _Node(None, None)

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
        if node.children is not None:
            return
        infos = places.children(self.db, node.code)
        if not infos:
            node.children = []
            return
        self.beginInsertRows(parent, 0, len(infos) - 1)
        node.children = [_Node(info, node, row) for row, info in enumerate(infos)]
        self.endInsertRows()

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
        """The index of a place, loading the levels above it as needed."""
        node = self.root
        index = QModelIndex()
        for info in places.ancestors(self.db, code):
            self.fetchMore(index)
            node = next((c for c in node.children or [] if c.info.code == info.code), None)
            if node is None:
                return QModelIndex()
            index = self.createIndex(node.row, 0, node)
        return index


class PlaceTree(QWidget):
    """Search box, search hits and the lazy tree; emits the code of the place chosen."""

    placeSelected = Signal(str)

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.hits = QListWidget()
        self.hits.hide()
        self.hits.setMaximumHeight(160)
        self.model = PlaceTreeModel(db, self)
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
        self.model.fetchMore(QModelIndex())
        self.view.expand(self.model.index(0, 0))  # Beihai's four counties at a glance
        self.retranslate()

    def retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr("搜索地名或代码(Ctrl+F)"))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def current_code(self) -> str | None:
        index = self.view.currentIndex()
        return index.data(CODE_ROLE) if index.isValid() else None

    def run_search(self) -> None:
        found = places.search(self.db, self.search.text())
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
            self.hits.addItem(QListWidgetItem(self.tr("没有找到“%1”").replace("%1", self.search.text().strip())))
        self.hits.show()
        self.hits.setCurrentRow(0)
        self.hits.setFocus()

    def select_place(self, code: str | None) -> None:
        if not code:
            return
        index = self.model.index_of(code)
        if not index.isValid():
            return
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

