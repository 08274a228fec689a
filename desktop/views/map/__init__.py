"""The map: grids, unit boundaries and case markers drawn with Qt Graphics View (offline).

`MapView(parent, tasks=None)` is the reusable widget (`set_data(map_data)`, `fit()`,
`export_png(path)`, signal `gridClicked(code)`); `panel.open_map(window)` is the dock opened
from the 网格 menu.
"""

from .view import MapView

__all__ = ["MapView"]
