"""A deadline with what is left of it, or how long it is overdue, as the panels show it."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QCoreApplication

from ..services.clock import due_text, span_units

COUNTDOWN_REDRAW_MS = 60_000  # panels left open redraw their countdowns each minute
# The span a countdown column is measured for, two figures of days and of hours (the font's figures are of one
# width): measured from the texts of the minute, "剩 9小时" → "剩 10小时" had shifted the columns on every tick.
WIDEST_SPAN = timedelta(days=99, hours=23)


def span_text(span: timedelta) -> str:
    """"2天3小时" / "5小时" / "12分钟": whole units left or overdue, counted down (never rounded up), the
    same in the queue's countdown column, in every panel that shows a deadline and in the files exported
    (services.clock.span_units)."""
    days, hours, minutes = span_units(span)
    if days:
        return QCoreApplication.translate("Countdown", "%1天%2小时").replace("%1", str(days)).replace("%2", str(hours))
    if hours:
        return QCoreApplication.translate("Countdown", "%1小时").replace("%1", str(hours))
    return QCoreApplication.translate("Countdown", "%1分钟").replace("%1", str(minutes))


def deadline_text(due: datetime | None, now: datetime, day_format: str = "%Y-%m-%d") -> str:
    """"2026-11-06 24:00(剩余 7小时)" / "…(已逾期 3天2小时)"; "无期限" for none."""
    if due is None:
        return QCoreApplication.translate("Countdown", "无期限")
    span = span_text(due - now)
    if due > now:
        mark = QCoreApplication.translate("Countdown", "剩余 {span}")
    else:
        mark = QCoreApplication.translate("Countdown", "已逾期 {span}")
    return QCoreApplication.translate("Countdown", "{when}({mark})").format(when=due_text(due, day_format),
                                                                           mark=mark.format(span=span))
