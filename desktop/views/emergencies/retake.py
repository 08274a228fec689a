"""A dialog acting on one emergency report as a desk showed it (`info`, its version among it) that another
desk changed meanwhile: refused, it takes the report as it is now and may send again."""

from __future__ import annotations

from ...errors import Conflict
from ...services import emergencies
from .. import dialogs


class RetakesReport:
    """For a dialog with `db`, `actor`, `tasks`, `info` and `buttons` (disabled while what it sends is on its way).
    A refusal is shown; one because the report changed meanwhile (Conflict, naming who and when) has the dialog
    `take` the report as it is now — keeping what was typed — before it may send again: still holding the
    version it was opened on, it would be refused for ever."""

    def refused(self, exc: BaseException) -> None:
        dialogs.show_error(self, exc)
        if not isinstance(exc, Conflict):
            self.buttons.setEnabled(True)
            return

        def taken(info) -> None:
            self.take(info)
            self.buttons.setEnabled(True)

        def unread(error: BaseException) -> None:
            self.buttons.setEnabled(True)
            dialogs.show_error(self, error)

        self.tasks.submit(emergencies.get_report, self.db, self.actor, self.info.id, on_done=taken, on_error=unread)
