"""Typed settings and UI state in one versioned QSettings file, with live language switching."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QCoreApplication

from desktop import settings
from desktop.i18n import Translations


def test_options_are_typed_and_default_until_set(qapp):
    s, ui = settings.load()
    assert s.language == "zh" and s.near_deadline_hours == 24
    s.near_deadline_hours = 12
    ui.main_geometry = QByteArray(b"\x01\x02")
    s.sync()
    again, ui_again = settings.load()
    assert again.near_deadline_hours == 12 and isinstance(again.near_deadline_hours, int)
    assert bytes(ui_again.main_geometry) == b"\x01\x02"
    keys = set(again.store.allKeys())
    assert {"settings/near_deadline_hours", "ui/main_geometry", "meta/version"} <= keys


def test_an_old_file_is_upgraded_step_by_step(qapp, monkeypatch):
    store = settings.open_store()
    store.setValue("settings/old_key", 1)
    store.setValue("meta/version", 0)
    steps = []
    monkeypatch.setattr(settings, "VERSION", 2)
    monkeypatch.setattr(settings, "UPGRADES", {0: lambda st: steps.append(0), 1: lambda st: steps.append(1)})
    assert settings.upgrade(store) == 0
    assert steps == [0, 1] and int(store.value("meta/version")) == 2


def test_a_queue_layout_saved_before_the_lead_department_column_is_forgotten_not_misread(qapp):
    store = settings.open_store()
    store.setValue("meta/version", 1)
    store.setValue("ui/queue_header", QByteArray(b"saved with ten columns"))
    store.setValue("ui/last_place", "450503103000")
    assert settings.upgrade(store) == 1
    assert not store.contains("ui/queue_header") and store.value("ui/last_place") == "450503103000"
    assert int(store.value("meta/version")) == settings.VERSION


def test_panes_and_queue_columns_saved_as_the_window_laid_them_out_start_afresh_once(qapp):
    """Saved at every close whether the user moved them or not, the panes' sizes of a 1366×768 desk came back at
    every start with the queue's category out of view, and the number column as wide as it had been; the panes
    are now saved only as the user moved them (views.panes), and those saved before are forgotten once."""
    store = settings.open_store()
    store.setValue("meta/version", 2)
    store.setValue("ui/main_splitter", QByteArray(b"as the window laid them out"))
    store.setValue("ui/queue_header", QByteArray(b"a number column of 165 points"))
    store.setValue("ui/last_place", "450503103000")
    assert settings.upgrade(store) == 2
    assert not store.contains("ui/main_splitter") and not store.contains("ui/queue_header")
    assert store.value("ui/last_place") == "450503103000" and int(store.value("meta/version")) == settings.VERSION


def test_english_translation_is_installed_and_removed(qapp):
    translations = Translations(qapp)
    translations.install("en")
    try:
        assert QCoreApplication.translate("menus", "刷新") == "Refresh"
        assert QCoreApplication.translate("enums", "已派遣") == "Dispatched"
    finally:
        translations.install("zh")
    assert QCoreApplication.translate("enums", "已派遣") == "已派遣"


def test_a_file_with_window_state_but_no_version_opens_with_every_upgrade_step(qapp):
    """Such a file (window state written without a version) had stopped the desk at start with a KeyError."""
    store = settings.open_store()
    store.setValue("ui/queue_header", QByteArray(b"of some older layout"))
    store.setValue("ui/last_place", "450503103000")
    store.sync()
    _settings, ui = settings.load()
    assert ui.last_place == "450503103000" and ui.queue_header.isEmpty()
    assert int(ui.store.value("meta/version")) == settings.VERSION
