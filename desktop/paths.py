"""Where the bundled resources live (source tree, installed package or PyInstaller bundle)."""

from __future__ import annotations

import sys
from pathlib import Path

# resources/ as a wheel installs it, inside the package (see setup.py).
INSTALLED_RESOURCES = "_resources"


def resources_dir() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    package = Path(__file__).resolve().parent
    installed = package / INSTALLED_RESOURCES
    return installed if installed.is_dir() else package.parent / "resources"


def font_path() -> Path:
    """WenQuanYi Micro Hei: CJK and Latin in TrueType outlines (Qt and reportlab both take it)."""
    return resources_dir() / "fonts" / "wqy-microhei.ttc"


FONT_FAMILY = "WenQuanYi Micro Hei"
