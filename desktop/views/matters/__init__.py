"""Matter list screens (Art. 12–13)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ...models.places import CITY_CODE
from ...services.matter_list import institutions_to_show
from .. import dialogs
from .window import MatterListWindow


def open_matter_list(window) -> None:
    """Menu 事项清单 → 事项清单: the lists that govern the selected place, the city's and its county's
    (Art. 12–14; see `matter_list.institutions_to_show`), its county's shown first (or the city's where
    the county has compiled none).

    The window opens once the institutions have been looked up off the GUI thread.
    """
    def show(institutions: list[tuple[str, str]]) -> None:
        _shown(MatterListWindow(window, institutions[-1][0], window, institutions=institutions))

    code = window.current_place_code() or CITY_CODE
    window.tasks.submit(institutions_to_show, window.db, window.actor, code, on_done=show,
                        on_error=lambda exc: dialogs.show_error(window, exc))


def open_notices(window, institution: str) -> MatterListWindow:
    """The banner's 报送整改情况…: the list of the institution that issued a liaison's notices, on them, the first
    awaiting its report chosen (Art. 13(5)): the list of the place chosen in the tree may be another's."""
    return _shown(MatterListWindow(window, institution, window, notices=True))


def _shown(screen: MatterListWindow) -> MatterListWindow:
    screen.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # closed: no longer reloading on every change
    screen.show()
    return screen
