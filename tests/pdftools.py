"""Reading printed PDFs back in tests: text and where it lies (pdftotext), fonts (pdffonts), QR codes (zbarimg).

The tools come from poppler-utils and zbar-tools; `.ci/run` installs them. Where one is
missing a test that needs it is skipped, saying which package to install.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

PACKAGES = {"pdftotext": "poppler-utils", "pdffonts": "poppler-utils", "pdftoppm": "poppler-utils",
            "zbarimg": "zbar-tools"}


def _run(tool: str, *args: str) -> str:
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed (package {PACKAGES[tool]})")
    return subprocess.run([tool, *args], capture_output=True, text=True, check=True).stdout


def pdf_text(path: Path, *, layout: bool = True) -> str:
    """The text of every page; pages are separated by form feeds."""
    return _run("pdftotext", *(["-layout"] if layout else []), str(path), "-")


def assert_cjk_font_embedded(path: Path) -> None:
    """Every font of the PDF is the bundled WenQuanYi Micro Hei, embedded."""
    rows = _run("pdffonts", str(path)).splitlines()[2:]
    assert rows, "the PDF uses no font"
    for row in rows:
        assert "WenQuanYi" in row and row.split()[-5] == "yes", row


def qr_codes(path: Path, page: int, workdir: Path) -> list[str]:
    """The QR codes found on one page, rendered at 150 dpi."""
    _run("zbarimg", "--version")
    prefix = workdir / f"qr-page-{page}"
    _run("pdftoppm", "-png", "-r", "150", "-f", str(page), "-l", str(page), str(path), str(prefix))
    image = next(workdir.glob(f"{prefix.name}*.png"))
    found = subprocess.run(["zbarimg", "--quiet", "--raw", str(image)], capture_output=True, text=True).stdout
    return found.split()


def word_boxes(path: Path) -> list[list[tuple[str, float, float, float, float]]]:
    """Per page, each word as (text, x0, y0, x1, y1) in points from the page's top-left corner."""
    pages = _run("pdftotext", "-bbox", str(path), "-").split("</page>")[:-1]
    pattern = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
    return [[(text, float(x0), float(y0), float(x1), float(y1)) for x0, y0, x1, y1, text in pattern.findall(page)]
            for page in pages]
