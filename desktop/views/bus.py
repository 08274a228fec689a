"""App-wide signals: one bus the views listen on instead of holding references to each other.

`changed(topic)` carries both this desktop's writes and (fed by the live listener) other
desktops' changes, so each view refreshes the same way whatever the origin.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class Bus(QObject):
    changed = Signal(str)  # a topic of the change feed: "cases", "places", "staff", …
    # The cases another desktop changed: a frozenset of ids, or None when it did not say which
    # (an import, deadlines recounted); an open case panel reloads on it.
    casesChanged = Signal(object)
    placeSelected = Signal(str)  # a place code
    languageChanged = Signal()
