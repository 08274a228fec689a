"""The law-conformance screen: each article 2–23, its features and the tests that check it."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...services import conformance
from ...services.conformance import ConformanceReport
from ...services.printing.conformance_pdf import render_conformance
from .. import dialogs
from ..form_buttons import enter_presses
from ..save_path import ask_pdf_path
from ..screen_fit import fit_to_screen


class ConformancePanel(QDialog):
    def __init__(self, tasks, parent: QWidget | None = None):
        super().__init__(parent)
        self.tasks = tasks
        self.report: ConformanceReport | None = None
        self.setWindowTitle(self.tr("条例对照表"))
        self.table = QTableWidget(0, 4)
        self.table.setTabKeyNavigation(False)  # Tab goes on to the export button
        self.table.setHorizontalHeaderLabels([self.tr("条款"), self.tr("内容要点"), self.tr("实现功能"), self.tr("检验测试")])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)  # feature names are never cut
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        self.table.setAccessibleName(self.tr("条例对照表"))  # what a screen reader says for the table
        self.pdf_button = QPushButton(self.tr("导出 PDF…"))
        self.pdf_button.clicked.connect(self.export_pdf)
        self.status = QLabel()
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.pdf_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        enter_presses(self, None)  # Enter on the table exported it
        fit_to_screen(self, 1200, 760)

    def load(self) -> None:
        self.tasks.submit(conformance.report, on_done=self.show_report,
                          on_error=lambda exc: dialogs.show_error(self, exc))

    def show_report(self, report: ConformanceReport) -> None:
        self.report = report
        self.table.setRowCount(len(report.rows))
        for r, row in enumerate(report.rows):
            tests = "\n".join(f"{t.path}::{t.name}" for t in row.tests) or (
                self.tr("(暂无测试)") if report.tests_counted else "—")
            cells = [self.tr("第{0}条 {1}").format(row.number, row.title), row.summary, "\n".join(row.features), tests]
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeRowsToContents()
        if report.tests_counted:
            self.status.setText(self.tr("{0} 条中 {1} 条有测试检验;测试清单由测试中的标记生成(来源:{2})").format(
                len(report.rows), len(report.rows) - len(report.untested), report.tests_dir))
        else:
            self.status.setText(self.tr("共 {0} 条;本安装不含测试,测试数不可用").format(len(report.rows)))

    def export_pdf(self) -> None:
        path = ask_pdf_path(self, self.tr("导出条例对照表"), self.tr("条例对照表") + ".pdf")
        if path and self.report is not None:
            self.tasks.submit(render_conformance, self.report, path,
                              on_done=lambda _: self.status.setText(self.tr("条例对照表已导出到 {0}").format(path)),
                              on_error=lambda exc: dialogs.show_error(self, exc))


def open_conformance(window) -> None:
    panel = ConformancePanel(window.tasks, window)
    panel.show()
    panel.load()
