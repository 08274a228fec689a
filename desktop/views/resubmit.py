"""A form whose save is refused opens again holding every entry: the one named is corrected, nothing typed
twice. Refused because another desk saved the record first (Conflict: "… 已被 X 于 T 修改"), the form
first takes the record as that desk left it (`TakesSavedRecord`) — what was not changed in the form shows
the other's change, its version is the new one — so that saving again saves what was typed onto what is
there now, rather than being refused for ever or putting back what the form had shown."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QLabel, QWidget

from ..errors import Conflict, NotFound
from ..i18n import enumeration
from . import dialogs


class TakesSavedRecord:
    """For a form showing one saved record. The form defines `held()` (its fields by name, as comparable
    values), `fill(record, over)` (the record's fields, then `over`: fields as held, put back) and
    `captions()` (each field's caption); it shows the record with `show_record` and puts `note` (hidden
    until a record taken says something) where it is seen."""

    def show_record(self, record) -> None:
        self.fill(record, {})
        self._shown = self.held()
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #b00000;")
        self.note.hide()

    def take(self, record) -> None:
        """The record as another desk saved it meanwhile: a field not changed in the form shows their change,
        one changed keeps what was typed; `note` names the fields loaded, and those both changed."""
        before, now = self._shown, self.held()
        mine = {name: value for name, value in now.items() if value != before[name]}
        self.fill(record, {})
        self._shown = self.held()
        loaded = [name for name, value in self._shown.items() if value != before[name] and name not in mine]
        kept = [name for name in mine if self._shown[name] not in (before[name], mine[name])]
        self.fill(record, mine)
        captions = self.captions()
        said = []
        if loaded:
            said.append(QCoreApplication.translate("TakesSavedRecord", "已载入他人所作的修改:%1")
                        .replace("%1", enumeration(captions[name] for name in loaded)))
        if kept:
            said.append(QCoreApplication.translate("TakesSavedRecord", "%1 他人也已修改,表中仍是您填写的,保存即以此为准")
                        .replace("%1", enumeration(captions[name] for name in kept)))
        self.note.setText(";".join(said))
        self.note.setVisible(bool(said))


def submit_form(screen: QWidget, form: QDialog, save: Callable[[Callable[[BaseException], None]], None], *,
                fresh: Callable[[], object] | None = None) -> None:
    """Open `form`; on OK `save(refused)` sends what it holds (read there, on the GUI thread) to the task
    runner with `refused` as its error handler. A refusal is shown and, while `screen` is open, the form
    opens again. On a Conflict (or a NotFound: removed meanwhile) `screen` reloads, and the form (a TakesSavedRecord),
    given `fresh` (the record as it is now, read on `screen.tasks`; None, or NotFound, where it is gone: the
    form stays closed), takes it first. A record gone is said once, by the save's refusal: not again by the
    record's own reading."""
    if form.exec() != QDialog.DialogCode.Accepted:
        return

    def reopen() -> None:
        submit_form(screen, form, save, fresh=fresh)

    def taken(record) -> None:
        if record is not None:
            form.take(record)
            reopen()

    def refused(exc: BaseException) -> None:
        dialogs.show_error(screen, exc)
        if not screen.isVisible():  # closed meanwhile: nothing to go back to
            return
        if isinstance(exc, (Conflict, NotFound)) and fresh is not None:
            screen.reload()
            screen.tasks.submit(fresh, on_done=taken, on_error=lambda error: unread(exc, error))
        else:
            reopen()

    def unread(exc: BaseException, error: BaseException) -> None:
        """The record not read again: said, unless gone, as the save's refusal has said already."""
        if not (isinstance(exc, NotFound) and isinstance(error, NotFound)):
            dialogs.show_error(screen, error)

    save(refused)
