"""Register the bundled CJK font with reportlab once; every PDF embeds it (subset)."""

from __future__ import annotations

from functools import cache

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from ...errors import InstallationBroken
from ...paths import font_path

PDF_FONT = "WQYMicroHei"


@cache
def register_pdf_font() -> str:
    """Return the reportlab font name; TrueType fonts are always embedded by reportlab."""
    path = font_path()
    try:
        font = TTFont(PDF_FONT, str(path), subfontIndex=0)
    except TTFError as exc:
        raise InstallationBroken(f"缺少或无法读取程序自带的中文字体 {path},无法生成 PDF;"
                                 "安装不完整,请重新安装 GridDesk") from exc
    pdfmetrics.registerFont(font)
    # New canvases start in this font instead of the unembedded Helvetica.
    rl_config.canvas_basefontname = PDF_FONT
    return PDF_FONT
