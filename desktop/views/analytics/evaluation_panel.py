"""The evaluation screen (Art. 5, 23): period and level, ranked scores, drill-down to the counted rows,
export, printed assessment forms, and settling a month (city evaluators)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...i18n import enumeration, label, period_label
from ...models import utcnow
from ...services.clock import beijing_text, due_text
from ...models.enums import PeriodKind
from ...services.evaluation import export, settlement
from ...services.evaluation.drilldown import CountedRow, Part, drill_down
from ...models.places import CITY_CODE
from ...services.evaluation.periods import Period, period_of
from ...services.evaluation.scores import Evaluation, evaluate
from ...services.evaluation.sources import Level
from ...services.printing.assessment import COMMENDED, print_assessment
from ...services.security import Permission
from .. import dialogs
from ..rows_model import enter_opens
from ..save_path import ask_pdf_path, ask_save_path
from ..form_buttons import enter_presses
from ..latest import LatestAnswer
from ..screen_fit import fit_to_screen
from .scores_model import ScoresModel


class DrillDownDialog(QDialog):
    """The rows behind one figure: numerator or denominator, switchable."""

    def __init__(self, panel: EvaluationPanel, subject_id: int, subject_name: str, code: str, title: str):
        super().__init__(panel)
        # The evaluation it was opened on: the panel's goes once its period or level is changed.
        self.panel, self.evaluation, self.subject_id, self.code = panel, panel.evaluation, subject_id, code
        self.setWindowTitle(self.tr("{0} · {1}:计入的记录").format(subject_name, title))
        self.part = QComboBox()
        self.part.addItem(self.tr("分母(应计)"), Part.DENOMINATOR)
        self.part.addItem(self.tr("分子(达标)"), Part.NUMERATOR)
        self.part.currentIndexChanged.connect(self.load)
        self.table = QTableWidget(0, 5)
        self.table.setTabKeyNavigation(False)
        self.table.setHorizontalHeaderLabels([self.tr("编号"), self.tr("标题"), self.tr("期限"), self.tr("完成"),
                                              self.tr("达标")])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # numbers and times are never cut
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.count = QLabel()
        # What a screen reader says for the fields without a caption.
        self.part.setAccessibleName(self.tr("分母或分子"))
        self.table.setAccessibleName(self.tr("计入的记录"))
        layout = QVBoxLayout(self)
        if self.evaluation.settled:
            note = QLabel(self.tr("本期含已结算月份({0}):下列为当前数据,可能与结算时的数字不同。").format(
                enumeration(self.evaluation.settled)))
            note.setWordWrap(True)
            layout.addWidget(note)
        layout.addWidget(self.part)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        fit_to_screen(self, 900, 520)
        self.load()

    def load(self) -> None:
        p, evaluation = self.panel, self.evaluation
        p.tasks.submit(drill_down, p.db, p.actor, evaluation.period, evaluation.level, self.subject_id,
                       self.code, self.part.currentData(), under=evaluation.scope_code, as_of=evaluation.as_of,
                       on_done=self.show_rows, on_error=lambda exc: dialogs.show_error(self, exc))

    def show_rows(self, rows: list[CountedRow]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            when = [due_text(row.due), beijing_text(row.done)]
            cells = [row.number or "", row.title, *when, self.tr("是") if row.in_numerator else self.tr("否")]
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.count.setText(self.tr("共 {0} 条").format(len(rows)))


class EvaluationPanel(QDialog):
    def __init__(self, db, actor, tasks, *, under: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.actor, self.tasks, self.under = db, actor, tasks, under
        self.evaluation: Evaluation | None = None  # only ever the one of the period and level shown above it
        self._latest = LatestAnswer()  # the latest run or change of settings: an older run's answer is dropped
        self.setWindowTitle(self.tr("综合评价(第五条、第二十三条)"))
        self.period = QLineEdit(period_of(utcnow()).code)
        self.period.setPlaceholderText(self.tr("2026-10、2026-Q4 或 2026"))
        self.level = QComboBox()
        for level in Level:
            self.level.addItem(label(level), level)
        self.level.setCurrentIndex(list(Level).index(Level.TOWNSHIP))
        self.run_button, self.export_button, self.print_button = (QPushButton() for _ in range(3))
        self.settle_button, self.reopen_button = QPushButton(), QPushButton()
        self.run_button.setText(self.tr("计算"))
        self.export_button.setText(self.tr("导出…"))
        self.print_button.setText(self.tr("打印考核表…"))
        self.settle_button.setText(self.tr("结算本月…"))
        self.reopen_button.setText(self.tr("撤销结算…"))
        self.run_button.clicked.connect(self.run)
        self.export_button.clicked.connect(self.export)
        self.print_button.clicked.connect(self.print_forms)
        self.settle_button.clicked.connect(self.settle)
        self.reopen_button.clicked.connect(self.reopen)
        # Settling is the city institution's (Art. 5(2)); others never see the buttons.
        for button in (self.settle_button, self.reopen_button):
            button.setVisible(actor.can(Permission.EVALUATE, CITY_CODE))
        self.model = ScoresModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setTabKeyNavigation(False)  # Tab goes on to the buttons
        self.table.doubleClicked.connect(self.drill)
        enter_opens(self.table, self.drill)  # as a double-click, and without also pressing 计算
        self.status = QLabel()
        self.status.setWordWrap(True)
        # Scores are the evaluators' (Art. 5, 23): without the permission the panel says so instead of failing.
        self.allowed = actor.can(Permission.EVALUATE, under)
        if not self.allowed:
            self.status.setText(self.tr("用户“{0}”没有综合评价的权限(第五条、第二十三条):考核数据由值班长或管理员"
                                        "查看;如需查看,请联系管理员。").format(actor.display_name))
            self.run_button.setToolTip(self.status.text())
        # A screen reader names the period and the level by their captions, the scores by a name of their own.
        period_caption, level_caption = QLabel(self.tr("考核期")), QLabel(self.tr("对象"))
        period_caption.setBuddy(self.period)
        level_caption.setBuddy(self.level)
        self.table.setAccessibleName(self.tr("考核得分"))
        top = QHBoxLayout()
        for widget in (period_caption, self.period, level_caption, self.level, self.run_button):
            top.addWidget(widget)
        top.addStretch(1)
        for button in (self.settle_button, self.reopen_button, self.export_button, self.print_button):
            top.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        # Enter in the period computes it; anywhere else it presses nothing (it computed from the level,
        # and the export and print buttons opened their dialogs from a field).
        enter_presses(self, None)
        self.period.returnPressed.connect(self.run)
        self.period.textChanged.connect(self._settings_changed)
        self.level.currentIndexChanged.connect(self._settings_changed)
        fit_to_screen(self, 1300, 700)
        self._enable()

    def _enable(self) -> None:
        self.run_button.setEnabled(self.allowed)
        for button in (self.export_button, self.print_button):
            button.setEnabled(self.evaluation is not None)
        month = self.evaluation is not None and self.evaluation.period.kind is PeriodKind.MONTH
        over = month and self.evaluation.period.end <= utcnow()
        self.settle_button.setEnabled(over and not self.evaluation.period_settled)
        self.reopen_button.setEnabled(month and self.evaluation.period_settled)
        if month and not over:  # a month is settled once it is over (settlement.settle refuses earlier)
            self.settle_button.setToolTip(self.tr("{0}尚未结束(至 {1}),结束后才能结算").format(
                period_label(self.evaluation.period), self.evaluation.period.ends_on.isoformat()))
        else:
            self.settle_button.setToolTip(self.tr("冻结该月的考核数据:此后该月及其所在季度、年度按结算数据计算"))

    def _settings_changed(self) -> None:
        """The period or level edited: the scores shown are another's, so they go, and printing or
        exporting them with them (2026-09's forms were printed after 2026-12 and 网格 were chosen)."""
        self._latest.send()  # a run still under way answers for the settings it was given
        self._show(None)
        if self.allowed:  # else the status line says why nothing is computed
            self.status.setText(self.tr("考核期或对象已更改:按“计算”得出其考核结果。"))

    def _show(self, evaluation: Evaluation | None) -> None:
        self.evaluation = evaluation
        self.model.set_evaluation(evaluation)
        self._enable()

    def run(self) -> None:
        if not self.allowed:  # Enter in the period, with 计算 off: the status line already says why
            return
        answer = self._latest.send()
        self.status.setText(self.tr("计算中…"))
        period, level, under = self.period.text(), self.level.currentData(), self.under

        def job(progress):
            return evaluate(self.db, self.actor, period, level, under=under, progress=progress.report)

        self.tasks.submit(job, on_done=answer(self.show_evaluation), on_error=answer(self._run_failed),
                          on_progress=answer(self._counting))

    def _run_failed(self, exc) -> None:
        self._show(None)  # what was shown was not asked for, or is the settings' no longer
        self._failed(exc)

    def _counting(self, done: int, total: int, month: str) -> None:
        # Months that are over are counted once and kept: the first evaluation of a year takes a while.
        self.status.setText(self.tr("计算中…正在统计 {0}(第 {1}/{2} 个月,统计后保留,下次即时显示)").format(
            month, done + 1, total))

    def _failed(self, exc) -> None:
        self.status.setText("")
        dialogs.show_error(self, exc)

    def show_evaluation(self, evaluation: Evaluation) -> None:
        self._show(evaluation)
        self.table.resizeColumnsToContents()
        ranked = evaluation.ranked()
        text = self.tr("{0} · {1} · {2}:{3} 个对象,{4} 个参与排名。双击比率查看计入的记录(诉求、报送环节或工作日志)。").format(
            evaluation.scope_name, period_label(evaluation.period), label(evaluation.level),
            len(evaluation.subjects), ranked)
        small = sum(1 for s in evaluation.subjects if s.small_sample)
        if small:  # scored, but listed after the ranked (Art. 23)
            text += self.tr(" {0} 个对象样本不足(应计少于 {1} 件),列于排名之后,不参与排名。").format(
                small, evaluation.min_sample)
        no_data = sum(1 for s in evaluation.subjects if s.no_data)
        if no_data:  # counted among the small samples, said apart: they have nothing at all to assess
            text += self.tr(" 其中 {0} 个本期无可考核数据(无数据)。").format(no_data)
        if evaluation.commendation_note(COMMENDED):  # as the printed list says (Art. 23)
            text += self.tr(" 参与排名的对象仅 {0} 个,不多于建议表彰的 {1} 名:表彰建议名单不提出表彰建议。").format(
                ranked, COMMENDED)
        if evaluation.widened_from:  # a village or grid chosen: the township is assessed whole (Art. 23)
            text += self.tr(" 乡镇(街道)按整个乡镇考核:所选{0}属于{1}。").format(evaluation.widened_from,
                                                                     evaluation.scope_name)
        if evaluation.settled:
            text += self.tr(" 其中 {0} 为结算数据。").format(enumeration(evaluation.settled))
        # A year looked at in November is not its result (its printed forms say so too).
        if evaluation.as_of < evaluation.period.end:
            text += self.tr(" 考核期至 {0} 尚未结束:所列为截至 {1} 的阶段数据,期末前仍会变化。").format(
                evaluation.period.ends_on.isoformat(), beijing_text(evaluation.as_of))
        self.status.setText(text)

    def drill(self, index) -> None:
        code = self.model.indicator_code(index.column())
        if code is None:
            return
        subject = self.model.subject(index.row())
        title = str(self.model.headerData(index.column(), Qt.Orientation.Horizontal)).split("\n")[0]
        DrillDownDialog(self, subject.subject_id, subject.name, code, title).show()

    def export(self) -> None:
        path = ask_save_path(self, self.tr("导出考核结果"), f"考核-{self.evaluation.period.code}.xlsx",
                             self.tr("Excel 工作簿 (*.xlsx);;CSV (*.csv);;JSON (*.json)"))
        if path:
            fmt = Path(path).suffix.lstrip(".").lower()
            self.tasks.submit(export.export, self.db, self.actor, self.evaluation, fmt, Path(path), None,
                              on_done=lambda _: self.status.setText(self.tr("考核结果已导出到 {0}").format(path)),
                              on_error=lambda exc: self._not_written(self.tr("考核结果没有导出到 {0}").format(path), exc))

    def print_forms(self) -> None:
        path = ask_pdf_path(self, self.tr("打印考核表"), f"考核表-{self.evaluation.period.code}.pdf")
        if path:
            self.tasks.submit(print_assessment, self.db, self.actor, self.evaluation, path,
                              on_done=lambda pages: self.status.setText(
                                  self.tr("考核表已保存到 {0},共 {1} 页").format(path, pages)),
                              on_error=lambda exc: self._not_written(self.tr("考核表没有保存到 {0}").format(path), exc))

    def _not_written(self, message: str, exc) -> None:
        """A refused export or print: the status line says so, not an earlier one's success."""
        self.status.setText(message)
        dialogs.show_error(self, exc)

    def settle(self) -> None:
        period = self.evaluation.period
        if not dialogs.confirm(self, self.tr("结算考核数据"), self.tr(
                "结算 {0} 的考核数据?结算后,该月及其所在季度、年度的考核按结算时的数据计算,"
                "不再随后续办理变化;如需更正须撤销结算。").format(period_label(period))):
            return
        self.status.setText(self.tr("结算中…"))
        self.tasks.submit(settlement.settle, self.db, self.actor, period.code,
                          on_done=lambda done: self._settled(period, self.tr("已结算 {0},共 {1} 项数据。").format(
                              period_label(period), done.rows)),
                          on_error=self._failed)

    def reopen(self) -> None:
        period = self.evaluation.period
        reason = dialogs.ask_text(self, self.tr("撤销结算"), self.tr("撤销 {0} 结算的理由:").format(period_label(period)))
        if reason is None:
            return
        self.tasks.submit(settlement.reopen, self.db, self.actor, period.code, reason,
                          on_done=lambda _: self._settled(period, self.tr("已撤销 {0} 的结算。").format(
                              period_label(period))),
                          on_error=self._failed)

    def _settled(self, period: Period, message: str) -> None:
        """Computed again for the month settled or reopened (the period may have been edited meanwhile)."""
        dialogs.information(self, self.tr("综合评价"), message)
        self.period.setText(period.code)
        self.run()


def open_evaluation(window) -> None:
    panel = EvaluationPanel(window.db, window.actor, window.tasks, under=window.current_place_code(), parent=window)
    panel.show()
    if panel.allowed:
        panel.run()
