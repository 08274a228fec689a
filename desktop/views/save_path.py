"""Where a file the desk writes is saved: one save dialog for every export and print.

Each had passed a bare name, so the dialog opened in the program's working folder — for the Windows
shortcut, the installation folder under Program Files, where a user may not write — and forgot the
folder chosen last time. It opens in the folder last saved to (else the user's Documents), and a name
typed without a suffix gets the one of the file type chosen: Qt's own dialog (Linux) hands the bare
name back, and a workbook saved as "本周诉求" is no file the import recognises.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from ..settings import UiState

_PATTERN = re.compile(r"\*\.(\w+)")  # the suffixes of a filter entry: "Excel 工作簿 (*.xlsx)" → xlsx


def ask_save_path(parent: QWidget | None, title: str, suggested: str, file_filter: str) -> str | None:
    """The file to write, or None when cancelled. `suggested` is a file name; `file_filter` Qt's ";;"-joined
    list of file types, the first one the default."""
    state = UiState()
    path, chosen = QFileDialog.getSaveFileName(parent, title, str(_folder(state.save_folder) / suggested), file_filter)
    if not path:
        return None
    state.save_folder = str(Path(path).parent)
    return with_suffix(path, file_filter, chosen)


def _folder(remembered: str) -> Path:
    """The folder last saved to, or the nearest one above it that is still there (a USB stick pulled out, a
    share no longer mapped), else Documents, else home: never a folder Qt would fall back to on its own."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    for start in (remembered, documents):
        if start:
            folder = Path(start)
            while not folder.is_dir() and folder != folder.parent:
                folder = folder.parent
            if folder.is_dir() and folder != folder.parent:  # a root left of a path gone: not where to save
                return folder
    return Path.home()


def ask_pdf_path(parent: QWidget | None, title: str, suggested: str) -> str | None:
    """A PDF to write (notice sheets, bulletins, lists, forms), or None when cancelled."""
    return ask_save_path(parent, title, suggested, QCoreApplication.translate("SavePath", "PDF 文件 (*.pdf)"))


def with_suffix(path: str, file_filter: str, chosen: str) -> str:
    """`path` with the suffix of the file type `chosen` when it has none of the filter's suffixes."""
    entries = file_filter.split(";;")
    known = {suffix.lower() for entry in entries for suffix in _PATTERN.findall(entry)}
    if Path(path).suffix.lstrip(".").lower() in known:
        return path
    wanted = _PATTERN.findall(chosen if chosen in entries else entries[0])
    return f"{path}.{wanted[0]}" if wanted else path
