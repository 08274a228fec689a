"""A screen opened again from its menu is the one already made, reloaded and brought forward."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def show_again(screen: QWidget | None, make) -> QWidget:
    """`screen` reloaded (it may be out of date: a closed screen does not follow changes), or a new
    one from `make()` (which loads itself); shown and brought forward either way."""
    if screen is None:
        screen = make()
    else:
        screen.reload()
    screen.show()
    screen.raise_()
    screen.activateWindow()
    return screen
