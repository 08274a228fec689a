"""Reading an input file and writing an output file whole or not at all, with errors a person can act on.

Exports, prints and imports name a path typed by hand on the command line or chosen in a
dialog; a missing folder, a folder given for a file, or a file held open in Excel (Windows
refuses to replace it) is told as such, never as an OSError's traceback. CSV text and XLSX
sheets are read here too, for every import that takes them.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import re
import stat
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree

from ...errors import GridDeskError, ValidationFailed

# UTF-8 first (with or without BOM): GBK bytes almost never form valid UTF-8, the reverse is common.
ENCODINGS = (("utf-8-sig", "UTF-8"), ("gb18030", "GBK"))
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_WORKBOOKS = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")  # .xlsx (a zip file), .xls (an OLE2 compound file)
SHOWN_LINES = 200  # a binary file fails on every line; the first ones say enough
# What a new file's mode would be (mkstemp makes 0600): read once, at import, on the main thread,
# because os.umask can only be read by setting it.
_UMASK = os.umask(0o022)
os.umask(_UMASK)
_REASONS = {  # errno → what it means for the person who typed the path
    errno.ENOSPC: "磁盘已满", errno.ENAMETOOLONG: "文件名太长", errno.ENOTDIR: "路径中有一段不是文件夹",
    errno.EROFS: "磁盘只读", errno.EACCES: "没有权限",
}


class FileUnusable(GridDeskError):
    """A file cannot be read or written where the user asked."""


def _why(exc: OSError, path: Path, writing: bool) -> str:
    if isinstance(exc, IsADirectoryError) or os.path.isdir(path):  # os.path.isdir never raises
        return f"{path} 是文件夹,不是文件;请在其后写上文件名"
    if isinstance(exc, FileNotFoundError):
        if writing:
            return f"无法写入 {path}:文件夹 {path.parent} 不存在;请先建好文件夹或换一个位置"
        return f"文件 {path} 不存在"
    if isinstance(exc, PermissionError):
        if writing:
            return f"没有写入 {path} 的权限;请换一个文件夹,或先关闭正打开这个文件的程序(例如 Excel)"
        return f"没有读取 {path} 的权限,或文件正被其他程序独占"
    reason = _REASONS.get(exc.errno) or f"系统错误 {exc.errno}:{exc.strerror or exc}"
    return f"无法{'写入' if writing else '读取'} {path}:{reason}"


def write_atomically(path: Path, write: Callable[[Path], object], *, published_by=None, new_mode: int | None = None):
    """Call `write(tmp)` on a file beside `path`, then rename it over `path`; returns what `write` returned.

    With `published_by` (the use case's UnitOfWork) the rename waits for the use case's commit and the
    file is dropped if it does not commit: an export is on record before its file exists (Art. 15).

    A failure or a Cancel part-way leaves neither half a file nor a stray temporary one. A path
    that cannot be written raises FileUnusable, saying why. A file replaced keeps its mode (a staff
    list the user made private stays so); a new one gets `new_mode`, else the mode any new file of the
    user's gets.
    A link, a device or a pipe given as the file is refused by name: renaming over it would
    replace the link itself (/dev/stdout, a shortcut into a shared folder), and following a link
    planted in a shared folder would write personal data wherever it points.
    """
    path = Path(path)
    if os.path.isdir(path):
        raise FileUnusable(_why(IsADirectoryError(), path, True))
    if os.path.islink(path) or (os.path.exists(path) and not os.path.isfile(path)):
        raise FileUnusable(f"{path} 是链接或设备,不是普通文件;GridDesk 不会替换它,请另写一个文件名(可写在链接所指的文件夹中)")
    mode = (stat.S_IMODE(os.stat(path).st_mode) if os.path.exists(path)
            else new_mode if new_mode is not None else 0o666 & ~_UMASK)
    try:
        # Named for what it becomes; readable by the user alone (mkstemp's mode) until it is put in place.
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=_prefix(path), suffix=path.suffix)
    except OSError as exc:
        raise FileUnusable(_why(exc, path, True)) from exc
    os.close(fd)
    try:
        result = write(Path(tmp))
        if published_by is None:
            _put_in_place(tmp, path, mode)
        else:
            # The old file moved aside now, before the commit: one a viewer holds open (Windows) refuses here,
            # while nothing is on record yet, not after the record says the file was written.
            aside = _set_aside(path)
            published_by.publish(lambda: _put_in_place(tmp, path, mode, aside), lambda: _discard(tmp, path, aside))
    except BaseException as exc:
        _discard(tmp)
        if isinstance(exc, OSError):
            raise FileUnusable(_why(exc, path, True)) from exc
        raise
    return result


def _prefix(path: Path) -> str:
    return f".griddesk-{path.stem[:32]}-"  # a long name the user chose still fits the file system's limit


def _set_aside(path: Path) -> str | None:
    """The file at `path` renamed beside it until the new one is put in place; None when there is none."""
    if not os.path.exists(path):
        return None
    fd, aside = tempfile.mkstemp(dir=path.parent, prefix=_prefix(path) + "old-", suffix=path.suffix)
    os.close(fd)
    try:
        os.replace(path, aside)
    except OSError:
        _discard(aside)
        raise
    return aside


def _put_in_place(tmp: str, path: Path, mode: int, aside: str | None = None) -> None:
    """On failure the caller discards `tmp` (and puts `aside` back)."""
    try:
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as exc:
        raise FileUnusable(_why(exc, path, True)) from exc
    if aside is not None:
        _discard(aside)


def _discard(tmp: str, path: Path | None = None, aside: str | None = None) -> None:
    """Remove the temporary file, and put back the old file set aside for it."""
    with contextlib.suppress(OSError):  # a scanner holding it on Windows must not hide the real error
        os.unlink(tmp)
    if aside is not None:
        with contextlib.suppress(OSError):
            os.replace(aside, path)


def write_bytes(path: Path, data: bytes, *, published_by=None) -> None:
    """`data` into `path`, whole or not at all (see write_atomically)."""
    write_atomically(path, lambda tmp: tmp.write_bytes(data), published_by=published_by)


def require_regular(path: Path) -> None:
    """Refuse, before opening it, a path that names a folder, a pipe, a device or a socket: reading a
    named pipe waits for a writer that may never come, and a device never ends. A path that cannot
    be looked at is left to the reading, which says why."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return
    if stat.S_ISDIR(mode):
        raise FileUnusable(_why(IsADirectoryError(), Path(path), False))
    if not stat.S_ISREG(mode):
        raise FileUnusable(f"{path} 不是普通文件(是管道、设备或套接字),无法读取;请选择一个保存在磁盘上的文件")


def read_bytes(path: Path) -> bytes:
    """The file's content; a path that cannot be read raises FileUnusable, saying why (`require_regular`)."""
    path = Path(path)
    require_regular(path)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise FileUnusable(_why(exc, path, False)) from exc


_CHINESE = re.compile("[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")


def _refuse_mixed(data: bytes) -> None:
    """Refuse a file that is not UTF-8 as a whole but has lines of Chinese text that are: lines
    pasted in from a UTF-8 file into a GBK one (or the reverse). GB18030 reads any bytes, so the
    UTF-8 lines would come in as mojibake without a word; GBK text of a whole line almost never
    forms valid UTF-8 by chance."""
    utf8, other = [], []
    for number, line in enumerate(data.split(b"\n"), start=1):
        if line.isascii():
            continue
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            other.append(number)
            continue
        # GBK bytes of a short run (漏水, 陆, 梅) may form valid UTF-8 too, but of Latin letters and
        # symbols (©ˮ), not of Chinese: only a line reading as Chinese in UTF-8 is a UTF-8 line.
        (utf8 if _CHINESE.search(text) else other).append(number)
    if not utf8:
        return
    fewer, label, rest = (utf8, "UTF-8", "GBK") if len(utf8) <= len(other) else (other, "GBK", "UTF-8")
    raise ValidationFailed(f"文件混用了 UTF-8 和 GBK 两种编码:下列 {len(fewer)} 行是 {label},其余含中文的行是 {rest};"
                           f"按哪一种读都会有行成为乱码。请把这些行改为与其余各行相同的编码(或整个文件另存为 UTF-8)"
                           f"后重新导入,本次未导入任何记录",
                           problems=[f"第 {number} 行:{label} 编码" for number in fewer[:SHOWN_LINES]])


def decode_csv(data: bytes) -> str:
    """The text of a CSV file in UTF-8 (BOM or not) or GBK; bytes fitting neither are named by line,
    and so are the lines of a file that mixes the two (`_refuse_mixed`)."""
    if data.startswith(_WORKBOOKS):  # a workbook named .csv: read as text, every line was "not GBK"
        raise ValidationFailed("文件是 Excel 工作簿,不是 CSV 文本(只是文件名以 .csv 结尾);请在 Excel 中打开,另存为"
                               "“CSV UTF-8(逗号分隔)”后重新导入,本次未导入任何记录")
    if data.startswith(_UTF16_BOMS):  # Excel's "Unicode text": UTF-16, and tab-separated
        raise ValidationFailed("文件是 UTF-16 编码(Excel 的“Unicode 文本”),不是 CSV;请在 Excel 中另存为"
                               "“CSV UTF-8(逗号分隔)”后重新导入,本次未导入任何记录")
    for encoding, _ in ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding != ENCODINGS[0][0]:
            _refuse_mixed(data)
        return text
    lines = data.split(b"\n")
    failures, unread = {}, {}
    for encoding, label in ENCODINGS:
        failures[label], unread[label] = [], set()
        for number, line in enumerate(lines, start=1):
            try:
                line.decode(encoding)
            except UnicodeDecodeError as exc:
                failures[label].append(f"第 {number} 行:第 {exc.start + 1} 个字节起的字节序列不是有效的 {label} 编码")
                unread[label].add(number)
    if not set.intersection(*unread.values()):  # each line reads in one of them: the file mixes the two
        _refuse_mixed(data)
    label = min(failures, key=lambda k: len(failures[k]))
    raise ValidationFailed(f"文件既不是有效的 UTF-8 也不是有效的 GBK 文本;按 {label} 解读时有错误,请修正后重新导入,"
                           f"本次未导入任何记录", problems=failures[label][:SHOWN_LINES])


# A formula element in a sheet's XML (<f>, <f t="shared" …/>, <x:f>): text in a cell is escaped, never matches.
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")


# Rows read between two reports of a workbook's reading (and checks for Cancel between them).
READ_CHUNK = 10_000

# (rows read, rows the sheet says it has: 0 where it does not say, or says too few); raising from it stops.
ReadReport = Callable[[int, int], None]


class _Stopped(Exception):
    """What a ReadReport raised (Cancel), carried past the handler that names a damaged workbook."""


def _values(sheet, report: ReadReport) -> list[list[object]]:
    """A sheet's rows as cell values, trailing empty cells dropped (a sheet's rows run to its widest column)."""
    rows = []
    total = sheet.max_row or 0  # from the sheet's saved dimension, which a file written by a program may lack
    for values in sheet.iter_rows(values_only=True):
        if len(rows) % READ_CHUNK == 0:
            try:
                report(len(rows), total if total >= len(rows) else 0)
            except Exception as exc:
                raise _Stopped() from exc
        cells = list(values)
        while cells and cells[-1] in (None, ""):
            cells.pop()
        rows.append(cells)
    return rows


def _has_content(sheet) -> bool:
    return any(value not in (None, "") for values in sheet.iter_rows(values_only=True) for value in values)


def _has_formulas(data: bytes) -> bool:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return any(_FORMULA.search(archive.read(part)) for part in archive.namelist()
                   if part.startswith("xl/worksheets/") and part.endswith(".xml"))


_CELL = re.compile(rb'<(?:\w+:)?c\b([^>]*?\br="([A-Z]+[0-9]+)"[^>]*)>(.*?)</(?:\w+:)?c>', re.S)
_STRING_RESULT = re.compile(rb'\bt="str"')
_VALUE = re.compile(rb"<(?:\w+:)?v[\s>/]")
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELATION = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _with_saved_value(data: bytes) -> set[str]:
    """The formula cells of the first sheet saved with a text result, an empty one included: Excel saves
    the result "" of =IF(…,"",…) as t="str" and <v/>, which openpyxl reads as no value, like a result
    never computed (which a program that does not compute formulas saves as <v/> with no type)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet = ElementTree.fromstring(archive.read("xl/workbook.xml")).find(f"{_MAIN}sheets/{_MAIN}sheet")
        relations = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
        target = next(r.get("Target") for r in relations if r.get("Id") == sheet.get(_RELATION))
        xml = archive.read(target.lstrip("/") if target.startswith("/") else f"xl/{target}")
    return {ref.decode() for attributes, ref, inner in _CELL.findall(xml)
            if _STRING_RESULT.search(attributes) and _VALUE.search(inner)}


def _uncomputed(openpyxl, data: bytes, rows: list[list[object]]) -> list[str]:
    """The formula cells of the first sheet that carry no computed value (a file written by a program
    that does not compute them), each named by its row, its column's header and its reference."""
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    try:
        header = next((row for row in rows if any(value not in (None, "") for value in row)), [])
        saved = _with_saved_value(data)
        found = []
        for number, cells in enumerate(book.worksheets[0].iter_rows(), start=1):
            values = rows[number - 1] if number <= len(rows) else []
            for index, cell in enumerate(cells):
                if (cell.data_type == "f" and (index >= len(values) or values[index] is None)
                        and cell.coordinate not in saved):
                    column = cell_text(header[index]) if index < len(header) else ""
                    found.append(f"第 {number} 行 {column}({cell.coordinate}):公式 {cell.value} 没有计算结果")
        return found
    finally:
        book.close()


def read_xlsx(data: bytes, name: str, report: ReadReport | None = None) -> list[list[object]]:
    """The first sheet's rows as cell values (`_values`). A file that is no workbook, or a damaged one,
    is refused by name; so is one with rows on another sheet (they would not be imported), and one
    whose formulas carry no computed value (the value is not known: it is not taken as empty).

    `report(read, total)` hears of the reading every READ_CHUNK rows, from the first: a large sheet
    takes seconds to read, and an exception it raises (Cancel) stops the reading and is raised as it is.
    """
    import openpyxl  # here, not at the top: the main window starts without it (and numpy)

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            first = book.worksheets[0].title
            rows = _values(book.worksheets[0], report or (lambda read, total: None))
            # A hidden sheet is a template's helper (the lists of its drop-downs), not rows to import.
            others = [sheet.title for sheet in book.worksheets[1:]
                      if sheet.sheet_state == "visible" and _has_content(sheet)]
        finally:
            book.close()
        uncomputed = _uncomputed(openpyxl, data, rows) if _has_formulas(data) else []
    except _Stopped as stopped:
        raise stopped.__cause__ from None
    except Exception as exc:  # openpyxl reports a damaged file by whatever its zip or XML reader raised
        raise ValidationFailed(f"{name} 不是完好的 Excel 工作簿(.xlsx),无法读取;请在 Excel 中打开并另存为"
                               f" .xlsx 后重新导入,本次未导入任何记录", field="file") from exc
    if others:
        raise ValidationFailed(f"{name} 除第一张工作表“{first}”外,工作表“{'”、“'.join(others)}”也有内容;只导入第一张"
                               f"工作表,其他表的行不会导入。请把要导入的行都移到第一张工作表,删去或清空其他工作表后重新导入,"
                               f"本次未导入任何记录", field="file")
    if uncomputed:
        raise ValidationFailed(f"{name} 有 {len(uncomputed)} 个公式单元格没有保存计算结果(文件可能由不计算公式的程序生成),"
                               f"其值无从得知;请在 Excel 或 WPS 中打开后保存(会算出结果),或把公式改为数值后重新导入,"
                               f"本次未导入任何记录", problems=uncomputed[:SHOWN_LINES], field="file")
    return rows


def cell_text(value: object) -> str:
    """A cell's value as the text it shows; a whole number typed as a number (a phone) without ".0"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()
