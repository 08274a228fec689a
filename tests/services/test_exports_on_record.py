"""A file of personal data or of what the township has done leaves GridDesk only on record (Art. 15): an export
or a print whose audit entry is not committed leaves no file behind, not even a half-written temporary one, and
the one committed is in place when the call returns."""

from __future__ import annotations


import pytest

from desktop.services import emergencies, unit_of_work
from desktop.services.evaluation import export
from desktop.services.evaluation.scores import evaluate
from desktop.services.exchange.open311 import write_requests
from desktop.services.exchange.table_export import export_table
from desktop.services.matter_exchange import export_items
from desktop.services.printing.assessment import print_assessment
from desktop.services.printing.bulletin import write_bulletin
from desktop.services.printing.matter_list_pdf import print_matter_list
from desktop.services.queue import QueueFilter
from desktop.services.staff_exchange import export_staff

QIAOGANG = "450503103000"
YINHAI = "450503000000"  # the county whose matter list governs 侨港镇 (Art. 12)

EXPORTS = {
    "cases table": lambda db, actor, path: export_table(db, actor, path / "queue.csv", QueueFilter(), "csv"),
    "Open311 requests": lambda db, actor, path: write_requests(db, actor, path / "requests.json"),
    "grid staff": lambda db, actor, path: export_staff(db, actor, path / "staff.xlsx", under=QIAOGANG),
    "matter items": lambda db, actor, path: export_items(db, actor, path / "items.csv", place_code=YINHAI),
    "evaluation": lambda db, actor, path: export.export(db, actor, evaluate(db, actor, "2026", "grid"), "xlsx",
                                                        path / "scores.xlsx", None),
    "bulletin": lambda db, actor, path: write_bulletin(db, actor, emergencies.list_reports(db, actor)[0].id,
                                                       path / "bulletin.pdf"),
    "assessment": lambda db, actor, path: print_assessment(db, actor, evaluate(db, actor, "2026", "grid"),
                                                           path / "forms.pdf"),
    "matter list": lambda db, actor, path: print_matter_list(db, actor, path / "list.pdf", place_code=QIAOGANG),
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
    assert written.stat().st_size > 0 and not written.name.startswith("tmp")


def test_a_file_that_cannot_be_put_in_place_after_the_commit_is_said_and_leaves_no_temporary_file(
        demo_db, system, tmp_path, monkeypatch):
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "queue.csv"

    def refused(source, destination):  # a viewer holding the old file open on Windows
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("desktop.services.exchange.files.os.replace", refused)
    from desktop.services.exchange.files import FileUnusable

    with pytest.raises(FileUnusable, match="没有写入 .*queue.csv 的权限"):
        export_table(demo_db, system, target, QueueFilter(), "csv")
    assert list(folder.iterdir()) == []
