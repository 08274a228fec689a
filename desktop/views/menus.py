"""The feature actions of the main window's menus, in one place.

Each entry names the menu, a stable id, the (Chinese) source text passed through translate(),
an optional default shortcut, and ``"module:function"``: the function is imported when the
action is first triggered and called with the main window, which offers ``db``, ``actor``,
``tasks`` (desktop.tasks runner), ``bus`` (app-wide signals), ``current_place_code()`` and
``select_place(code)``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FeatureAction:
    menu: str
    id: str
    text: str
    target: str
    shortcut: str | None = None


MENUS = ["文件", "案件", "网格", "人员", "事项清单", "紧急情况", "分析评价", "打印", "视图", "帮助"]

FEATURE_ACTIONS: list[FeatureAction] = [
    FeatureAction("网格", "grids.map", "地图", "desktop.views.map.panel:open_map", "Ctrl+M"),
]
