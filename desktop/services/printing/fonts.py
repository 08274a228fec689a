"""Register the bundled CJK font with reportlab once; every PDF embeds it (subset)."""

from __future__ import annotations

from functools import cache

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ...paths import font_path

PDF_FONT = "WQYMicroHei"


@cache
def register_pdf_font() -> str:
    """Return the reportlab font name; TrueType fonts are always embedded by reportlab."""
    pdfmetrics.registerFont(TTFont(PDF_FONT, str(font_path()), subfontIndex=0))
    # New canvases start in this font instead of the unembedded Helvetica.
    rl_config.canvas_basefontname = PDF_FONT
    return PDF_FONT
