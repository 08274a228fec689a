"""A city-wide setting in a dialog: what is in force is shown; a user who may change it (the city's
grant) edits and saves it, anyone else reads it with a note saying who may change it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from . import dialogs
from .unsaved import AsksBeforeDiscarding


class CitySettingsDialog(AsksBeforeDiscarding, QDialog):
    """Subclasses fill `form`, then call `finish(…)`; they show a loaded value in `show_value`
    and give the service's keyword arguments in `values`. `saved` carries what the service stored.

    Only what was changed in the form is sent (`changes`): a dialog left open while another admin
    saved would otherwise put back, unseen, what that admin had changed. The services keep what
    they are not given."""

    saved = Signal(object)

    def __init__(self, db, actor, tasks, parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.actor, self.tasks = db, actor, tasks
        self._shown: dict = {}  # the values() of the setting as loaded
        self.form = QFormLayout()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("保存"))
        self.save_button.setEnabled(False)  # until what is in force is shown
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

    def finish(self, *, note: str, permission_note: str, may_configure: bool, load, save) -> None:
        """Lay out the form, the notes and the buttons; load what is in force (`load(db)`);
        `save(db, actor, **values())` stores a change."""
        self.may_configure, self._save = may_configure, save
        note_label = QLabel(note)
        note_label.setWordWrap(True)
        self.permission_note = QLabel(permission_note)
        self.permission_note.setWordWrap(True)
        self.permission_note.setVisible(not may_configure)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(note_label)
        layout.addWidget(self.permission_note)
        layout.addWidget(self.buttons)
        self.tasks.submit(load, self.db, on_done=self._loaded, on_error=lambda exc: dialogs.show_error(self, exc))

    def _loaded(self, value) -> None:
        self.show_value(value)
        self._shown = self.values()
        self.save_button.setEnabled(self.may_configure)

    def typed(self) -> bool:
        """A value changed and not saved (a phone number, a time limit) is not lost by one Esc."""
        return bool(self._shown) and bool(self.changes())  # nothing is the user's until loaded

    def show_value(self, value) -> None:
        raise NotImplementedError

    def values(self) -> dict:
        raise NotImplementedError

    def changes(self) -> dict:
        """The keyword arguments changed since the setting was shown; of a mapping (the duty phones),
        the entries changed."""
        changed = {}
        for name, value in self.values().items():
            shown = self._shown.get(name)
            if isinstance(value, dict) and isinstance(shown, dict):
                if entries := {key: entry for key, entry in value.items() if shown.get(key) != entry}:
                    changed[name] = entries
            elif value != shown:
                changed[name] = value
        return changed

    def submit(self) -> None:
        changes = self.changes()
        if not changes:  # nothing to save: closing says so plainly, without an audit entry of no change
            self.reject()
            return
        self.tasks.submit(self._save, self.db, self.actor, **changes,
                          on_done=self._done, on_error=lambda exc: dialogs.show_error(self, exc))

    def _done(self, stored) -> None:
        self.saved.emit(stored)
        self.accept()
