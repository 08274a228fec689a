"""Where the bundled resources live (source tree, installed package or PyInstaller bundle)."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def font_path() -> Path:
    """WenQuanYi Micro Hei: CJK and Latin in TrueType outlines (Qt and reportlab both take it)."""
    return resources_dir() / "fonts" / "wqy-microhei.ttc"


FONT_FAMILY = "WenQuanYi Micro Hei"
