"""Matter list screens (Art. 12–13)."""

from __future__ import annotations

from ...services.matter_list import institution_code
from .window import MatterListWindow

CITY = "450500000000"


def open_matter_list(window) -> MatterListWindow:
    """Menu 事项清单 → 事项清单: the list of the city or county the selected place belongs to."""
    code = window.current_place_code()
    matters = MatterListWindow(window, institution_code(window.db, code) if code else CITY, window)
    matters.show()
    return matters
