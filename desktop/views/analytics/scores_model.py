"""The evaluation table: one row per subject; rank (样本不足 for a sample too small to rank, 无数据 where nothing
was counted), name, composite, on hold, then each indicator."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ...services.evaluation.scores import Evaluation, SubjectScore

FIXED = 4  # rank, name, composite, on hold
ON_HOLD_COLUMN = 3


def percent(rate: float | None) -> str:
    return "—" if rate is None else f"{100 * rate:.1f}%"


class ScoresModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.evaluation: Evaluation | None = None

    def set_evaluation(self, evaluation: Evaluation | None) -> None:
        self.beginResetModel()
        self.evaluation = evaluation
        self.endResetModel()

    def subject(self, row: int) -> SubjectScore:
        return self.evaluation.subjects[row]

    def indicator_code(self, column: int) -> str | None:
        """The indicator shown in a column ("on_hold" for the on-hold column), None for others."""
        if column == ON_HOLD_COLUMN:
            return "on_hold"
        if column >= FIXED and self.evaluation is not None:
            return self.evaluation.indicators[column - FIXED].code
        return None

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() or self.evaluation is None else len(self.evaluation.subjects)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() or self.evaluation is None else FIXED + len(self.evaluation.indicators)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal or self.evaluation is None:
            return None
        if section < FIXED:
            return [self.tr("排名"), self.tr("考核对象"), self.tr("综合得分"), self.tr("暂缓")][section]
        indicator = self.evaluation.indicators[section - FIXED]
        weight = self.tr("权重 %1%").replace("%1", f"{100 * indicator.weight:.0f}")  # lupdate skips f-strings
        return f"{self.tr(indicator.name)}\n{weight}"

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self.evaluation is None:
            return None
        s = self.subject(index.row())
        column = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole and column != 1:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column >= FIXED:
            f = s.figures[column - FIXED]
            return self.tr("分子 {0} / 分母 {1}(双击查看计入的记录)").format(f.numerator, f.denominator)
        if role == Qt.ItemDataRole.ToolTipRole and column == 0 and s.no_data:
            return self.tr("本考核期各项考核指标均无应计事项:无可考核数据,不评分,不参与排名和表彰(第二十三条)")
        if role == Qt.ItemDataRole.ToolTipRole and column == 0 and s.small_sample:
            return self.tr("综合得分只依据 {0} 件应计事项(各项计分指标中最大的分母),少于 {1} 件:"
                           "样本不足,列于排名之后,不参与排名和表彰(第二十三条)").format(s.sample, self.evaluation.min_sample)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == 0:
            if s.no_data:
                return self.tr("无数据")
            if s.small_sample:
                return self.tr("样本不足")
            return "—" if s.rank is None else str(s.rank)
        if column == 1:
            return s.name
        if column == 2:
            return "—" if s.composite is None else f"{s.composite:.2f}"
        if column == ON_HOLD_COLUMN:
            return str(s.on_hold)
        f = s.figures[column - FIXED]
        return f"{percent(f.rate)}  ({f.numerator}/{f.denominator})"
