"""Typed settings declared once, and persisted UI state kept apart from them (QSettings).

`Settings` holds what a user chooses (language, countdown warnings …); `UiState` holds what
the program remembers about its windows (geometry, splitters, the last place). Both live in
one INI file under the groups "settings" and "ui". The file carries a version; when a key
changes meaning, bump `VERSION` and add the step to `UPGRADES` so old files are converted
on start instead of being misread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

T = TypeVar("T")

VERSION = 3


def _forget_queue_header(store: QSettings) -> None:
    # Version 2 put a column (承办单位) into the queue: a header saved before would sort by and size
    # the column after the one it meant. The queue starts from its default layout once.
    store.remove("ui/queue_header")


def _forget_window_laid_out_panes(store: QSettings) -> None:
    # Version 3 saves the panes' sizes only where the user moved them (views.panes), and sizes the queue's number
    # column to a number: the sizes saved before were mostly the window's own, with the number column wider
    # than a number, and at 1366×768 kept the queue's category out of view at every start. Both start afresh once.
    store.remove("ui/main_splitter")
    store.remove("ui/queue_header")


# from-version → function(QSettings) bringing a file of that version to the next one.
UPGRADES: dict[int, Callable[[QSettings], None]] = {1: _forget_queue_header, 2: _forget_window_laid_out_panes}


def open_store() -> QSettings:
    """The settings file of this user (tests redirect it with QSettings.setPath)."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "GridDesk", "GridDesk")


def upgrade(store: QSettings) -> int:
    """Apply the pending upgrade steps; returns the version the file was at."""
    found = int(store.value("meta/version", VERSION if not store.allKeys() else 0, type=int))
    for version in range(found, VERSION):
        # A file with keys but no version (written by no version of this program's load) takes every
        # step there is: it had stopped the desk at start with a KeyError.
        if step := UPGRADES.get(version):
            step(store)
    store.setValue("meta/version", VERSION)
    return found


class Option(Generic[T]):
    """One typed value in a group of the settings file."""

    def __init__(self, default: T, kind: type | None = None):
        self.default = default
        self.kind = kind or type(default)

    def __set_name__(self, owner, name: str) -> None:
        self.name = name

    def __get__(self, obj, owner=None) -> T:
        if obj is None:
            return self  # type: ignore[return-value]
        key = f"{obj.GROUP}/{self.name}"
        if not obj.store.contains(key):
            return self.default
        return obj.store.value(key, self.default, type=self.kind)

    def __set__(self, obj, value: T) -> None:
        obj.store.setValue(f"{obj.GROUP}/{self.name}", value)


class _Group:
    GROUP = ""

    def __init__(self, store: QSettings | None = None):
        self.store = store if store is not None else open_store()

    def sync(self) -> None:
        self.store.sync()


class Settings(_Group):
    """What the user chooses."""

    GROUP = "settings"
    language = Option("zh")
    # A deadline this close shows amber in the queue (red once it has passed).
    near_deadline_hours = Option(24)
    countdown_refresh_seconds = Option(30)
    queue_page_size = Option(200)


class UiState(_Group):
    """What the windows remember between runs."""

    GROUP = "ui"
    main_geometry = Option(QByteArray(), QByteArray)
    main_state = Option(QByteArray(), QByteArray)  # the toolbar: shown or hidden, where it is docked
    main_splitter = Option(QByteArray(), QByteArray)
    queue_header = Option(QByteArray(), QByteArray)
    last_place = Option("")
    save_folder = Option("")  # where the last export or print was saved: the next save dialog opens there


def load() -> tuple[Settings, UiState]:
    store = open_store()
    upgrade(store)
    return Settings(store), UiState(store)

