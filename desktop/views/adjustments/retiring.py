"""How the proposal and the review tell, per grid an adjustment retires, its staff and open cases,
and what the approval does with them (services.grid_retirement, Art. 6)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ...i18n import enumeration, label
from ...services.grid_retirement import RetiringGrid


def describe(grid: RetiringGrid) -> str:
    """One grid: its name and code, who is appointed to it, how many open cases it has."""
    staff = enumeration(QCoreApplication.translate("RetiringGrids", "%1 %2").replace("%1", label(s.role))
                        .replace("%2", s.name) for s in grid.staff) \
        or QCoreApplication.translate("RetiringGrids", "无任职人员")
    return (QCoreApplication.translate("RetiringGrids", "%1(%2):%3;未办结案件 %4 件")
            .replace("%1", grid.name).replace("%2", grid.code).replace("%3", staff)
            .replace("%4", str(len(grid.open_cases))))


def consequences(approved: bool) -> str:
    """What the approval does (or did) with them."""
    if approved:
        return QCoreApplication.translate(
            "RetiringGrids", "已于同意当日为撤销网格的人员办理离任(须在人员窗口另行任用);未办结案件已按位置改归新网格,"
            "无位置或不在新网格内的转由乡镇(街道)处理,待受理的进入待分拨清单(Art. 6)")
    return QCoreApplication.translate(
        "RetiringGrids", "同意后,撤销网格的人员于同意当日离任(须在人员窗口另行任用);未办结案件按位置改归新网格,"
        "无位置或不在新网格内的转由乡镇(街道)处理,待受理的进入待分拨清单(Art. 6)")


def summary(grids: list[RetiringGrid], approved: bool) -> str:
    """The lines for every grid retired, then the consequences; empty where none is retired."""
    if not grids:
        return ""
    return "\n".join([QCoreApplication.translate("RetiringGrids", "撤销网格的人员和未办结案件:"),
                      *(describe(grid) for grid in grids), consequences(approved)])
