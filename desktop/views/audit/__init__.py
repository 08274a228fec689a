"""The audit log (Art. 15(3)): read and checked by the auditors."""

from __future__ import annotations

from ..reuse import show_again
from .window import AuditLogWindow


def open_audit_log(window) -> None:
    """Menu 人员 → 审计日志: the entries under the place chosen in the tree (one such window,
    brought forward and read again if already open)."""
    show_again(window.findChild(AuditLogWindow), lambda: AuditLogWindow(window, parent=window))
