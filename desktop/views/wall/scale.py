"""Type sizes of the wall display, scaled from the window height (readable across a room)."""

from __future__ import annotations

from ... import paths

# 1080 px → 20 px body text, 2160 px → 40 px: the same share of the screen at every resolution.
LINES_PER_SCREEN = 54
MIN_UNIT_PX = 12

BACKGROUND, PANEL, TEXT, DIM = "#0b1622", "#14263a", "#f2f5f8", "#9fb3c8"
ALERT, WARN, GOOD = "#ff5252", "#ffb300", "#4caf50"


def unit_for(height: int) -> int:
    return max(MIN_UNIT_PX, height // LINES_PER_SCREEN)


def style_sheet(unit: int) -> str:
    """The whole wall's style at one body size; object names pick the larger faces."""
    return f"""
    QWidget {{ background: {BACKGROUND}; color: {TEXT}; font-family: "{paths.FONT_FAMILY}"; font-size: {unit}px; }}
    QFrame#panel, QFrame#tile {{ background: {PANEL}; border-radius: {unit // 2}px; }}
    QLabel {{ background: transparent; }}
    QLabel#wallTitle {{ font-size: {int(unit * 1.6)}px; font-weight: bold; }}
    QLabel#clock {{ font-size: {int(unit * 1.6)}px; color: {DIM}; }}
    QLabel#caption, QLabel#note, QLabel#status {{ color: {DIM}; }}
    QLabel#calendarNote {{ color: {WARN}; font-weight: bold; }}
    QLabel#upgradedNote {{ background: {ALERT}; color: {TEXT}; font-size: {int(unit * 1.2)}px; font-weight: bold;
                          padding: {unit // 2}px; border-radius: {unit // 2}px; }}
    QLabel#empty {{ color: {DIM}; font-size: {int(unit * 1.4)}px; }}
    QLabel#stoppedNote {{ font-size: {unit * 2}px; font-weight: bold; padding: {unit * 2}px; }}
    QLabel#tileValue {{ font-size: {unit * 3}px; font-weight: bold; }}
    QLabel#sectionTitle {{ font-size: {int(unit * 1.2)}px; font-weight: bold; }}
    QTableView {{ background: {PANEL}; gridline-color: {BACKGROUND}; border: none; }}
    QHeaderView::section {{ background: {BACKGROUND}; color: {DIM}; border: none; padding: {unit // 4}px; }}
    """
