"""Evaluation results as rows: CSV (UTF-8 with BOM, opens in Chinese Excel), XLSX or JSON.

`export` is the use case (the command line's `evaluation export`, the evaluation window's 导出): the
scores of the grid staff level are personal data, so writing them out of GridDesk needs the export
right over the scope and is put on record, as the case, staff and grid exports are (Art. 15).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from ...db import Database
from ...errors import ValidationFailed
from ..exchange.files import write_atomically
from ..places import get_place
from ..security import Actor, Permission
from ..unit_of_work import unit_of_work
from .scores import Evaluation

FORMATS = ("csv", "xlsx", "json")


def table(evaluation: Evaluation) -> tuple[list[str], list[list]]:
    """Header and one row per subject: rank (样本不足 where the sample is too small to rank, 无数据 where
    nothing was counted, as on screen and on the form), subject, composite, on hold, sample, then per
    indicator n/d/rate."""
    header = ["排名", "对象编码", "对象名称", "综合得分", "暂缓件数", "样本件数"]
    for indicator in evaluation.indicators:
        header += [f"{indicator.name}分子", f"{indicator.name}分母", f"{indicator.name}"]
    rows = []
    for s in evaluation.subjects:
        row = [s.unranked_for or s.rank, s.ref, s.name, None if s.composite is None else round(s.composite, 2),
               s.on_hold, s.sample]
        for f in s.figures:
            row += [f.numerator, f.denominator, None if f.rate is None else round(f.rate, 4)]
        rows.append(row)
    return header, rows


def as_json(evaluation: Evaluation) -> dict:
    return {
        "period": evaluation.period.code, "level": evaluation.level.value, "scope": evaluation.scope_code,
        "as_of": evaluation.as_of.isoformat(), "min_sample": evaluation.min_sample,
        "indicators": [{"code": i.code, "name": i.name, "weight": i.weight} for i in evaluation.indicators],
        "subjects": [
            {"rank": s.rank, "id": s.subject_id, "ref": s.ref, "name": s.name, "composite": s.composite,
             "on_hold": s.on_hold, "sample": s.sample, "small_sample": s.small_sample, "no_data": s.no_data,
             "figures": {f.code: {"numerator": f.numerator, "denominator": f.denominator, "rate": f.rate}
                         for f in s.figures}}
            for s in evaluation.subjects
        ],
    }


def write(evaluation: Evaluation, fmt: str, target: Path | None, stdout, *, published_by=None) -> None:
    """Write to `target`, whole or not at all (exchange.files.write_atomically, which `published_by` is
    handed to), or as text to `stdout` (XLSX is binary and needs a file)."""
    if fmt not in FORMATS:
        raise ValidationFailed(f"导出格式 {fmt!r} 无效:可用 {'、'.join(FORMATS)}", field="format")
    if target is None:
        if fmt == "xlsx":
            raise ValidationFailed("XLSX 是二进制文件,请用 -o 指定输出文件", field="output")
        text = _text(evaluation, fmt)
        if published_by is None:
            stdout.write(text)
        else:  # on record first, as a file is
            published_by.publish(lambda: stdout.write(text), lambda: None)
        return
    write_atomically(target, lambda tmp: _write_file(evaluation, fmt, tmp), published_by=published_by)


def _write_file(evaluation: Evaluation, fmt: str, path: Path) -> None:
    if fmt != "xlsx":
        path.write_text(_text(evaluation, fmt), encoding="utf-8-sig" if fmt == "csv" else "utf-8")
        return
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = f"{evaluation.period.code} {evaluation.level.label}"[:31]
    header, rows = table(evaluation)
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)


def _text(evaluation: Evaluation, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(as_json(evaluation), ensure_ascii=False, indent=2) + "\n"
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    header, rows = table(evaluation)
    writer.writerow(header)
    writer.writerows(["" if v is None else v for v in row] for row in rows)
    return buffer.getvalue()


def export(db: Database, actor: Actor, evaluation: Evaluation, fmt: str, target: Path | None, stdout) -> int:
    """Write the evaluation as `write` does, and record the export; returns the rows written.

    Needs Permission.EXCHANGE over the evaluation's scope (the export right, as for cases, staff
    and grids); a refusal is on record. The audit entry says what, where, which level and how many
    rows, and where they went (a file's name, or standard output)."""
    subject = f"{evaluation.period.code}/{evaluation.level.value}"
    with unit_of_work(db, actor, "evaluation.export", target=subject) as uow:
        scope = get_place(uow.session, evaluation.scope_code)
        uow.require(Permission.EXCHANGE, scope.code, scope.short_name, action="导出考核结果")
        write(evaluation, fmt, target, stdout, published_by=uow)
        rows = len(evaluation.subjects)
        uow.audit(f"导出{evaluation.period.label}{evaluation.level.label}考核结果 {rows} 条"
                  f"({scope.name},{fmt.upper()},{target.name if target is not None else '标准输出'})",
                  period=evaluation.period.code, level=evaluation.level.value, scope=scope.code, rows=rows,
                  format=fmt, file=target.name if target is not None else None, settled=list(evaluation.settled))
        return rows
