"""The file formats cases are exchanged in, told by the file's extension, and one entry per direction."""

from __future__ import annotations

from pathlib import Path

from ...db import Database
from ..queue import QueueFilter
from ..security import Actor
from . import open311, table_export, table_import
from .case_import import ImportReport, ProgressReport
from .files import require_regular

IMPORT_FORMATS = ("open311", "csv", "xlsx")
EXPORT_FORMATS = ("open311", "csv", "xlsx")
SUFFIXES = {"open311": ".json", "csv": ".csv", "xlsx": ".xlsx"}


def format_of(path: Path | str) -> str | None:
    """"open311", "csv" or "xlsx" by the extension (.json, .csv, .xlsx), else None."""
    suffix = Path(path).suffix.lower()
    return next((fmt for fmt, known in SUFFIXES.items() if known == suffix), None)


def format_in(path: Path | str) -> str | None:
    """The format of a file to import whose extension says none, by its first bytes: a workbook is
    a zip file ("PK"), a JSON array starts with "["; else None (a CSV is not told by its content).
    A folder, a pipe or a device is refused before it is opened (files.require_regular)."""
    require_regular(path)
    try:
        with open(path, "rb") as file:
            start = file.read(64)
    except OSError:
        return None  # the import names what is wrong with the path
    if start.startswith(b"PK"):
        return "xlsx"
    return "open311" if start.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"[") else None


def import_file(db: Database, actor: Actor, path: Path, fmt: str, *, township_code: str | None = None,
                progress: ProgressReport | None = None) -> ImportReport:
    """Import an Open311 JSON file or a case table, CSV or XLSX (all-or-nothing; see case_import)."""
    if fmt == "open311":
        return open311.import_file(db, actor, path, township_code=township_code, progress=progress)
    return table_import.import_file(db, actor, path, fmt=fmt, township_code=township_code, progress=progress)


def export_file(db: Database, actor: Actor, path: Path, fmt: str, f: QueueFilter,
                progress: ProgressReport | None = None) -> int:
    """Export the cases of the queue filter as Open311 JSON, CSV or XLSX; returns how many."""
    if fmt == "open311":
        return open311.write_requests(db, actor, path, f, progress)
    return table_export.export_table(db, actor, path, f, fmt, progress)
