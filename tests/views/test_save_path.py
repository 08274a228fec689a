"""Every export and print asks where to save through one dialog: the folder last saved to, the file type's suffix."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog

from desktop.views import save_path

FILTERS = "Excel 工作簿 (*.xlsx);;CSV 文件 (*.csv);;JSON (*.json)"


def test_the_dialog_opens_where_the_last_file_was_saved_else_in_documents(qapp, tmp_path, monkeypatch):
    """A bare name opened the dialog in the working folder: for the Windows shortcut, under Program Files."""
    offered = []

    def answer(parent, title, suggested, file_filter):
        offered.append(suggested)
        return (str(tmp_path / "周报" / "本周诉求.xlsx"), "Excel 工作簿 (*.xlsx)") if len(offered) == 1 else ("", "")

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    (tmp_path / "周报").mkdir()
    first = save_path._folder("")  # Documents, or home where there is none
    assert save_path.ask_save_path(None, "导出诉求", "诉求.xlsx", FILTERS) == str(tmp_path / "周报" / "本周诉求.xlsx")
    assert save_path.ask_save_path(None, "导出诉求", "诉求.csv", FILTERS) is None  # cancelled
    assert offered == [str(first / "诉求.xlsx"), str(tmp_path / "周报" / "诉求.csv")]


def test_a_folder_gone_since_leaves_the_dialog_in_the_nearest_one_still_there(tmp_path):
    """A USB stick pulled out, a share unmapped: Qt had fallen back to the working folder (Program Files)."""
    assert save_path._folder(str(tmp_path / "U盘" / "周报")) == tmp_path
    assert save_path._folder(str(tmp_path)) == tmp_path
    documents = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))
    assert save_path._folder("") == (documents if documents.is_dir() else Path.home())


def test_a_name_typed_without_a_suffix_gets_the_chosen_file_types():
    """Qt's own dialog (Linux) hands back the bare name typed: a workbook saved as 本周诉求 was no file to import."""
    assert save_path.with_suffix("/d/本周诉求", FILTERS, "CSV 文件 (*.csv)") == "/d/本周诉求.csv"
    assert save_path.with_suffix("/d/本周诉求", FILTERS, "") == "/d/本周诉求.xlsx"  # none chosen: the first
    assert save_path.with_suffix("/d/本周诉求.JSON", FILTERS, "CSV 文件 (*.csv)") == "/d/本周诉求.JSON"
    assert save_path.with_suffix("/d/v1.2", "PDF 文件 (*.pdf)", "PDF 文件 (*.pdf)") == "/d/v1.2.pdf"
