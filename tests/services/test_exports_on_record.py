"""A file of personal data or of what the township has done leaves GridDesk only on record (Art. 15): an export
or a print whose audit entry is not committed leaves no file behind, not even a half-written temporary one, and
the one committed is in place when the call returns."""

from __future__ import annotations


import pytest

import io
import os
from pathlib import Path

from sqlalchemy import select

from demo_dates import demo_year
from desktop.models import AuditEntry
from desktop.models.enums import AuditOutcome
from desktop.services import emergencies, grids, unit_of_work
from desktop.services.exchange.files import FileUnusable
from desktop.services.evaluation import export
from desktop.services.evaluation.scores import evaluate
from desktop.services.exchange.open311 import write_requests
from desktop.services.exchange.table_export import export_table
from desktop.services.matter_exchange import export_items
from desktop.services.printing.assessment import print_assessment
from desktop.services.printing.bulletin import write_bulletin
from desktop.services.printing.matter_list_pdf import print_matter_list
from desktop.services.printing.notice_sheets import print_notice_sheets
from desktop.services.queue import QueueFilter
from desktop.services.staff_exchange import export_staff

QIAOGANG = "450503103000"
YINHAI = "450503000000"  # the county whose matter list governs 侨港镇 (Art. 12)

EXPORTS = {
    "cases table": lambda db, actor, path: export_table(db, actor, path / "queue.csv", QueueFilter(), "csv"),
    "Open311 requests": lambda db, actor, path: write_requests(db, actor, path / "requests.json"),
    "grid staff": lambda db, actor, path: export_staff(db, actor, path / "staff.xlsx", under=QIAOGANG),
    "matter items": lambda db, actor, path: export_items(db, actor, path / "items.csv", place_code=YINHAI),
    "evaluation": lambda db, actor, path: export.export(db, actor, evaluate(db, actor, demo_year(db), "grid"),
                                                        "xlsx", path / "scores.xlsx", None),
    "bulletin": lambda db, actor, path: write_bulletin(db, actor, emergencies.list_reports(db, actor)[0].id,
                                                       path / "bulletin.pdf"),
    "assessment": lambda db, actor, path: print_assessment(db, actor, evaluate(db, actor, demo_year(db), "grid"),
                                                           path / "forms.pdf"),
    "matter list": lambda db, actor, path: print_matter_list(db, actor, path / "list.pdf", place_code=QIAOGANG),
    "grids": lambda db, actor, path: grids.export_grids(db, actor, path / "grids.geojson", under=QIAOGANG),
    "notice sheets": lambda db, actor, path: print_notice_sheets(db, actor, path / "sheets.pdf", under=QIAOGANG),
}


class AuditStoreFailed(Exception):
    pass


@pytest.mark.law("Art. 15")
@pytest.mark.parametrize("name", EXPORTS)
def test_a_file_is_in_place_only_once_its_audit_entry_is_committed(demo_db, system, tmp_path, monkeypatch, name):
    """The file had been renamed into place before the audit entry was written: a commit that failed then
    left a file of the township's cases, staff or scores that no entry records."""
    folder = tmp_path / "out"
    folder.mkdir()

    def fails(*args, **kwargs):
        raise AuditStoreFailed("the audit entry could not be written")

    with monkeypatch.context() as patched:
        patched.setattr(unit_of_work.audit, "append", fails)
        with pytest.raises(AuditStoreFailed):
            EXPORTS[name](demo_db, system, folder)
    assert list(folder.iterdir()) == []
    EXPORTS[name](demo_db, system, folder)
    [written] = list(folder.iterdir())
    assert written.stat().st_size > 0 and not written.name.startswith(".griddesk-")


def _outcomes(db, action: str) -> list[AuditOutcome]:
    with db.session() as session:
        return list(session.scalars(select(AuditEntry.outcome).where(AuditEntry.action == action)
                                    .order_by(AuditEntry.id)))


@pytest.mark.law("Art. 15")
def test_a_file_that_cannot_be_put_in_place_after_the_commit_is_on_record_as_not_written(
        demo_db, system, tmp_path, monkeypatch):
    """The old file held open by a viewer on Windows refuses the rename, after the commit: the entry saying the
    export was made is followed by one saying its file was not written, and no temporary file stays."""
    folder = tmp_path / "out"
    folder.mkdir()

    def refused(source, destination):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("desktop.services.exchange.files.os.replace", refused)
    with pytest.raises(FileUnusable, match="没有写入 .*queue.csv 的权限"):
        export_table(demo_db, system, folder / "queue.csv", QueueFilter(), "csv")
    assert list(folder.iterdir()) == []
    assert _outcomes(demo_db, "cases.export") == [AuditOutcome.OK, AuditOutcome.FAILED]


@pytest.mark.law("Art. 15")
def test_an_old_file_held_open_is_refused_before_anything_is_on_record(demo_db, system, tmp_path, monkeypatch):
    """On Windows a file open in a viewer or in Excel cannot be replaced: found out before the commit, the
    export is refused with nothing recorded (the notice sheets had been recorded as printed), and the old file
    stays as it was."""
    folder = tmp_path / "out"
    folder.mkdir()
    old = folder / "queue.csv"
    old.write_text("the file printed last week\n", encoding="utf-8")
    real_replace = os.replace

    def held_open(source, destination):
        if Path(source) == old:
            raise PermissionError(13, "Permission denied")
        return real_replace(source, destination)

    monkeypatch.setattr("desktop.services.exchange.files.os.replace", held_open)
    with pytest.raises(FileUnusable, match="先关闭正打开这个文件的程序"):
        export_table(demo_db, system, old, QueueFilter(), "csv")
    assert _outcomes(demo_db, "cases.export") == []
    assert list(folder.iterdir()) == [old] and old.read_text(encoding="utf-8") == "the file printed last week\n"
    monkeypatch.setattr("desktop.services.exchange.files.os.replace", real_replace)
    export_table(demo_db, system, old, QueueFilter(), "csv")  # closed in the viewer: replaced, the old one gone
    assert list(folder.iterdir()) == [old] and old.read_text(encoding="utf-8-sig").startswith("编号")


def test_results_written_to_standard_output_are_written_once_on_record(demo_db, system, monkeypatch):
    evaluation = evaluate(demo_db, system, demo_year(demo_db), "grid")
    out = io.StringIO()

    def fails(*args, **kwargs):
        raise AuditStoreFailed("the audit entry could not be written")

    with monkeypatch.context() as patched:
        patched.setattr(unit_of_work.audit, "append", fails)
        with pytest.raises(AuditStoreFailed):
            export.export(demo_db, system, evaluation, "csv", None, out)
    assert out.getvalue() == ""
    export.export(demo_db, system, evaluation, "csv", None, out)
    assert out.getvalue().count("\n") == len(evaluation.subjects) + 1
