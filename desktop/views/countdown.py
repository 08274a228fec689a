"""A deadline with what is left of it, or how long it is overdue, as the panels show it."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QCoreApplication

from ..services.clock import due_text


def deadline_text(due: datetime | None, now: datetime, day_format: str = "%Y-%m-%d") -> str:
    """"2026-11-06 24:00(剩余 7 小时)" / "…(已逾期 3 天)"; "无期限" for none."""
    if due is None:
        return QCoreApplication.translate("Countdown", "无期限")
    hours = abs(due - now) / timedelta(hours=1)
    if hours < 1:  # the urgent sign-for limit is 30 minutes: "0 小时" would say nothing
        span = QCoreApplication.translate("Countdown", "{n} 分钟").format(n=max(1, round(hours * 60)))
    elif hours < 48:
        span = QCoreApplication.translate("Countdown", "{n} 小时").format(n=round(hours))
    else:
        span = QCoreApplication.translate("Countdown", "{n} 天").format(n=round(hours / 24))
    if due > now:
        mark = QCoreApplication.translate("Countdown", "剩余 {span}")
    else:
        mark = QCoreApplication.translate("Countdown", "已逾期 {span}")
    return QCoreApplication.translate("Countdown", "{when}({mark})").format(when=due_text(due, day_format),
                                                                           mark=mark.format(span=span))
