"""The township's proposal of a grid division or adjustment (Art. 6)."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from ...i18n import label
from ...models.enums import AdjustmentKind, AdjustmentReason, PlaceLevel
from ...services import adjustments, places
from ...services.geo import geojson_io
from ...services.security import scope_prefix
from .. import dialogs
from ..accounts.forms import PLACEHOLDER_MARGIN
from ..unsaved import AsksBeforeDiscarding
from . import retiring


def township_of(code: str | None) -> str | None:
    """The township containing a place code (None above township level)."""
    if not code or len(code) < PlaceLevel.TOWNSHIP.code_prefix_length or code[6:9] == "000":
        return None
    return scope_prefix(code, PlaceLevel.TOWNSHIP).ljust(12, "0")


def _propose(db, actor, *, path: str, **kwargs):
    """The proposal; what it changes grid by grid, as the county will review it; and per grid it retires the
    staff and open cases left there until the approval settles them."""
    info = adjustments.propose(db, actor, proposal=geojson_io.read_collection(path), **kwargs)
    return info, adjustments.changes(db, actor, info.id), adjustments.retiring(db, actor, info.id)


class ProposalDialog(AsksBeforeDiscarding, QDialog):
    def __init__(self, window, township_code: str, parent: QWidget | None = None):
        super().__init__(parent or window)
        self.window_, self.township_code = window, township_code
        self.setWindowTitle(self.tr("网格划分调整申请"))
        self.kind, self.reason, self.crs = QComboBox(), QComboBox(), QComboBox()
        for combo, members in ((self.kind, AdjustmentKind), (self.reason, AdjustmentReason)):
            for member in members:
                combo.addItem(label(member), member)
        self.kind.setCurrentIndex(list(AdjustmentKind).index(AdjustmentKind.ADJUST))
        self.crs.addItem(self.tr("WGS84 / CGCS2000"), "wgs84")
        self.crs.addItem(self.tr("GCJ-02(高德、DataV 绘制)"), "gcj02")
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)  # Tab goes on to the file, as in every form
        self.text.setPlaceholderText(self.tr("写明调整的具体情形,如:村(社区)规模调整、人员流动重大变化"))
        self.file = QLineEdit()
        self.file.setPlaceholderText(self.tr("调整后相关村(社区)的网格(GeoJSON;已有网格未写的属性保持不变)"))
        self.file.setAccessibleName(self.tr("网格文件"))  # its caption is the row's, a screen reader misses it
        # Read whole: at the form's own width it was cut at "(GeoJS…", before what a file leaves out keeps.
        self.file.setMinimumWidth(self.file.fontMetrics().horizontalAdvance(self.file.placeholderText())
                                  + PLACEHOLDER_MARGIN)
        # Where the file comes from: the desk exports no grids, and the file names every grid in use it touches.
        file_hint = QLabel(self.tr("文件须写出所涉村(社区)的全部在用网格;现有网格可用 griddesk-admin grids export "
                                   "文件名 --under 村(社区)代码 导出后修改"))
        file_hint.setWordWrap(True)
        browse = QPushButton(self.tr("浏览…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.file, 1)
        row.addWidget(browse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("提出申请"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.heading = QLabel()
        self._name_heading(township_code)
        window.tasks.submit(places.place_info, window.db, township_code, on_done=self._named,
                            on_error=lambda exc: dialogs.show_error(self, exc))
        form = QFormLayout(self)
        form.addRow(self.heading)
        form.addRow(self.tr("类型"), self.kind)
        form.addRow(self.tr("调整情形"), self.reason)
        form.addRow(self.tr("理由说明"), self.text)
        form.addRow(self.tr("网格文件"), row)
        form.addRow("", file_hint)
        form.addRow(self.tr("坐标系"), self.crs)
        form.addRow(self.buttons)
        self.result_info: adjustments.AdjustmentInfo | None = None
        # Live grids the file leaves out, retired only once the proposer has confirmed it.
        self.retire: tuple[str, ...] = ()
        self.file.textChanged.connect(self._forget_retire)

    def _name_heading(self, township: str) -> None:
        self.heading.setText(self.tr("{0}的网格划分调整:提出后须经县(区)同意,报市备案").format(township))

    def _named(self, info: places.PlaceInfo) -> None:
        """The township by its name, once read (by its code until then)."""
        self._name_heading(f"{info.name}({info.code})")

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择网格文件"), "", self.tr("GeoJSON (*.geojson *.json)"))
        if path:
            self.file.setText(path)

    def _forget_retire(self) -> None:
        self.retire = ()

    def submit(self) -> None:
        if not self.file.text().strip():
            dialogs.error(self, self.windowTitle(), self.tr("请选择调整后网格的 GeoJSON 文件"))
            return
        self.buttons.setEnabled(False)
        # The widgets are read here, on the GUI thread; the worker gets plain values.
        self.window_.tasks.submit(
            _propose, self.window_.db, self.window_.actor, path=self.file.text().strip(), township_code=self.township_code,
            kind=AdjustmentKind(self.kind.currentData()), reason=AdjustmentReason(self.reason.currentData()),
            reason_text=self.text.toPlainText(), retire=self.retire,
            crs=self.crs.currentData(), on_done=self._done, on_error=self._failed)

    def _done(self, result) -> None:
        info, changes, retired = result
        self.result_info = info
        # Counted as the review counts them: a grid the file holds as it is now is no change the county approves.
        counts = Counter(change.kind for change in changes)
        text = self.tr("已提出申请 #{0}:新增 {1} 个、变更 {2} 个、撤销 {3} 个网格(另有 {4} 个不变),等待县(区)审核").format(
            info.id, *(counts[adjustments.GridChangeKind[kind]] for kind in ("NEW", "CHANGED", "RETIRED", "UNCHANGED")))
        if retired:
            text += "\n\n" + retiring.summary(retired, approved=False)
        dialogs.information(self, self.windowTitle(), text)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(exc, adjustments.GridsLeftOut) and dialogs.confirm(
                self, self.windowTitle(),
                self.tr("网格文件没有列出以下在用网格:\n{0}\n\n要在申请中写明撤销这些网格吗?"
                        "(选“否”则不提出,请把它们补入文件)").format(
                    "\n".join(retiring.describe(grid) for grid in exc.retiring)
                    or "\n".join(map(dialogs.for_the_desk, exc.problems)))
                + ("\n\n" + retiring.consequences(approved=False) if exc.retiring else "")):
            self.retire = exc.codes
            self.submit()
            return
        dialogs.show_error(self, exc)


def open_proposal(window) -> None:
    township = township_of(window.current_place_code())
    if township is None:
        dialogs.information(window, QCoreApplication.translate("ProposalDialog", "网格划分调整申请"),
                            QCoreApplication.translate("ProposalDialog", "请先在左侧选择一个乡镇(街道)或其下的村(社区)、网格"))
        return
    ProposalDialog(window, township).open()
