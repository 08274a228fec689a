"""The register of linked departments, their lines and contacts (Art. 5(5), 12(1), 13(4), 17, 20(3))."""

from __future__ import annotations

from ...models.places import CITY_CODE, CITY_NAME
from ...services.departments import keeper_of
from .. import dialogs
from ..reuse import show_again
from .window import DepartmentsWindow


def open_departments(window) -> None:
    """Menu 事项清单 → 联动部门与联系人: the departments kept by the institution of the place
    chosen in the tree (its county; the city with nothing chosen), opened once that institution
    has been looked up off the GUI thread."""
    def show(keeper: tuple[str, str]) -> None:
        screen = next((w for w in window.findChildren(DepartmentsWindow) if w.code == keeper[0]), None)
        show_again(screen, lambda: DepartmentsWindow(window, *keeper, parent=window))

    code = window.current_place_code()
    if code is None:
        show((CITY_CODE, CITY_NAME))
        return
    window.tasks.submit(keeper_of, window.db, code, on_done=show,
                        on_error=lambda exc: dialogs.show_error(window, exc))
