"""Matter list screens (Art. 12–13)."""

from __future__ import annotations

from ...services.matter_list import institution_code
from .. import dialogs
from .window import MatterListWindow

CITY = "450500000000"


def open_matter_list(window) -> None:
    """Menu 事项清单 → 事项清单: the list of the city or county the selected place belongs to.

    The window opens once the institution has been looked up off the GUI thread.
    """
    def show(institution: str) -> None:
        MatterListWindow(window, institution, window).show()

    code = window.current_place_code()
    if code is None:
        show(CITY)
        return
    window.tasks.submit(institution_code, window.db, code, on_done=show,
                        on_error=lambda exc: dialogs.show_error(window, exc))
