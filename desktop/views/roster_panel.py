"""The selected place's particulars and the staff serving its grids (Art. 7–9, 12(2))."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSize, Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel, QStyle, QTableView, QVBoxLayout, QWidget

from ..db import Database
from ..errors import GridDeskError
from ..i18n import label, say, unbroken
from ..models.enums import PlaceLevel, StaffRole
from ..services import staff
from ..services.security import Actor
from ..services.staff import PlaceDetails, StaffMember
from .rows_model import RowsModel
from .retranslating import Retranslating

# The pane's least width holds a grid's code and the columns the desk calls grid staff for, at their widest:
# beside the map on a 1366-point laptop the splitter had left a name, half a role and part of the code.
NAME_CHARS, PHONE_DIGITS, CODE_DIGITS = 3, 11, 15  # a name, a mobile number, a grid's code


class RosterModel(RowsModel):
    # What the desk calls grid staff for comes first: the pane beside the queue is narrow.
    HEADERS = [QT_TRANSLATE_NOOP("RosterModel", "姓名"), QT_TRANSLATE_NOOP("RosterModel", "角色"),
               QT_TRANSLATE_NOOP("RosterModel", "电话"), QT_TRANSLATE_NOOP("RosterModel", "网格"),
               QT_TRANSLATE_NOOP("RosterModel", "状态"), QT_TRANSLATE_NOOP("RosterModel", "来源")]

    def cells(self, m: StaffMember) -> list:
        status = label(m.status)
        if m.last_day is not None:  # 离任 done: listed through its last day, then no more
            status = self.tr("%1(最后任职日 %2)").replace("%1", status).replace("%2", m.last_day.isoformat())
        return [m.name, label(m.role), m.phone or "", m.grid_name, status, label(m.source)]


class RosterPanel(Retranslating, QWidget):
    """Loads through the task runner whenever `show_place(code)` is called."""

    def __init__(self, db: Database, actor: Actor, tasks, parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.actor, self.tasks = db, actor, tasks
        self.code: str | None = None
        self.details: PlaceDetails | None = None
        self.problem: str | None = None
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.model = RosterModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.setTabKeyNavigation(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        self.retranslate()

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        code = self.summary.fontMetrics().horizontalAdvance("0" * CODE_DIGITS)
        return QSize(max(hint.width(), code, self._called_for_width()), hint.height())

    def _called_for_width(self) -> int:
        """The width of the table showing its first columns, name, role and phone, whole."""
        view, header = self.view, self.view.horizontalHeader()
        metrics = view.fontMetrics()
        # Beside a cell's text: the style's margins (QCommonStyle: the focus frame's, plus one) and the grid line.
        margins = 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1) + 1
        roles = [label(role) for role in StaffRole]
        longest = ["网" * NAME_CHARS, max(roles, key=metrics.horizontalAdvance), "0" * PHONE_DIGITS]
        columns = sum(max(header.sectionSizeHint(column), metrics.horizontalAdvance(text) + margins)
                      for column, text in enumerate(longest))
        return columns + 2 * view.frameWidth() + view.verticalScrollBar().sizeHint().width()

    def show_place(self, code: str | None) -> None:
        self.code = code
        if code is None:
            self._landed(code, (None, []))
            return
        self.tasks.submit(self._load, code, on_done=lambda result: self._landed(code, result),
                          on_error=lambda exc: self._refused(code, exc))

    def _load(self, code: str):
        return staff.details(self.db, self.actor, code), staff.roster(self.db, self.actor, code)

    def _landed(self, code: str | None, result) -> None:
        if code != self.code:
            return  # the user has moved on to another place
        self.details, members = result
        self.problem = None
        self.model.set_rows(members)
        self.view.resizeColumnsToContents()  # a narrow pane: the phone column must not be cut off
        self.retranslate()

    def _refused(self, code: str, exc: BaseException) -> None:
        if code != self.code:
            return
        if not isinstance(exc, GridDeskError):
            raise exc
        self.details, self.problem = None, exc.message
        self.model.set_rows([])
        self.retranslate()

    def retranslate(self) -> None:
        self.view.setAccessibleName(self.tr("网格人员"))
        d = self.details
        if self.problem:
            self.summary.setText(escape(say(self.problem)))
            return
        if d is None:
            self.summary.setText(self.tr("在左侧选择村(社区)或网格,查看网格人员和基础数据"))
            return
        kind = label(d.kind) if d.kind else label(d.level)
        if d.category:
            kind += f" · {escape(d.category)}"
        lines = [f"<b>{escape(d.name)}</b> <span style='color:#666'>{d.code}</span>", kind]
        if d.population is not None:
            lines.append(self.tr("常住人口 %1(2020 年第七次全国人口普查)").replace("%1", f"{d.population:,}"))
        # Each figure stays on one line with its label: a narrow panel wraps between them, not inside one
        # (Chinese text may break between any two characters; a word joiner forbids it).
        figures = " · ".join(unbroken(text.replace("%1", f"{value:,}")) for text, value in (
            (self.tr("户数 %1"), d.households), (self.tr("人口 %1"), d.residents), (self.tr("单位 %1"), d.units),
            (self.tr("网格人员 %1"), d.staff)))
        if d.level in (PlaceLevel.VILLAGE, PlaceLevel.GRID):
            lines.append(figures)
        elif d.grid_count:
            # Summed over the grids drawn so far, which may cover only part of the place.
            lines.append(unbroken(self.tr("已划网格 %1 个:").replace("%1", f"{d.grid_count:,}")) + figures)
        else:
            lines.append(self.tr("尚未划分网格"))
        if d.level is PlaceLevel.VILLAGE:
            if d.grids:
                lines.append(self.tr("网格:") + self.tr("、").join(
                    self.tr("%1(%2,%3人)").replace("%1", escape(g.name)).replace("%2", label(g.kind))
                    .replace("%3", str(g.staff)) for g in d.grids))
            else:
                lines.append(self.tr("尚未划分网格"))
        self.summary.setText("<br>".join(lines))
