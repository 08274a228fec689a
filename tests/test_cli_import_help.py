"""What an import command's --help says of the file it reads: every property or column, which
are required, and their allowed values, as the importer checks them."""

from __future__ import annotations

import pytest

from desktop.cli import main
from desktop.models.enums import (
    ExclusiveCategory,
    GridKind,
    MatterCategory,
    MatterComplexity,
    PersonStatus,
    SeaCategory,
    StaffRole,
    StaffSource,
    TimeLimitUnit,
)
from desktop.services import grids, matter_exchange, staff_exchange
from desktop.services.exchange.files import ENCODINGS
from desktop.services.geo.geojson_io import CRS_CHOICES


def _help(capsys, *command) -> str:
    with pytest.raises(SystemExit) as exited:
        main([*command, "--help"])
    assert exited.value.code == 0
    return capsys.readouterr().out


def _field_line(text: str, name: str) -> str:
    """The help's line describing the field `name`."""
    return next(line for line in text.splitlines() if line.split()[:1] == [name])


def test_grids_import_help_names_each_property_its_values_the_crs_and_that_boundaries_come_first(capsys):
    text = _help(capsys, "grids", "import")
    for name in ("code", "name", "short_name", "kind", "category", "village_code", "managing_unit",
                 *grids.GRID_COUNTS, "urban", "vessels"):
        _field_line(text, name)
    assert "必填" in _field_line(text, "code") and "15 位" in _field_line(text, "code")
    assert "必填" in _field_line(text, "name") and "必填" not in _field_line(text, "kind")
    for member in (*GridKind, *ExclusiveCategory, *SeaCategory):
        assert f"{member.value}({member.label})" in text
    for alias in (alias for names in grids.PROPERTY_ALIASES.values() for alias in names):
        assert alias in text
    assert all(crs in text for crs in CRS_CHOICES) and "EPSG:4326" in text
    assert "先导入边界,再导入网格" in text


def test_an_adjustment_proposals_help_names_the_same_properties(capsys):
    text = _help(capsys, "adjustments", "propose")
    assert all(f"{member.value}({member.label})" in text for member in (*ExclusiveCategory, *SeaCategory))
    _field_line(text, "staff_quota")


def test_boundaries_import_help_names_the_properties_matched_and_the_order(capsys):
    text = _help(capsys, "boundaries", "import")
    for key in (*grids.BOUNDARY_CODE_KEYS, *grids.BOUNDARY_NAME_KEYS):
        assert key in text
    assert "EPSG:4326" in text and "先导入村(社区)边界,再导入网格" in text


def test_staff_import_help_lists_each_column_and_the_values_of_role_source_and_status(capsys):
    text = _help(capsys, "staff", "import")
    for column in staff_exchange.COLUMNS:
        assert ("必填" in _field_line(text, column)) == (column in staff_exchange.REQUIRED)
    assert all(role.label in _field_line(text, "角色") for role in StaffRole)
    assert all(source.label in _field_line(text, "来源") for source in StaffSource)
    assert all(status.label in _field_line(text, "状态") for status in PersonStatus)
    assert "2025-09-01" in _field_line(text, "起始日期")
    assert all(f"{name}" in text for _, name in ENCODINGS) and ".xlsx" in text
    assert "网格长:村(社区)党组织成员、村(居)委会成员、招聘工作人员" in text  # which source each role takes (Art. 9)


def test_matters_import_help_lists_each_column_and_the_values_of_category_complexity_and_unit(capsys):
    text = _help(capsys, "matters", "import")
    for column in matter_exchange.COLUMNS:
        assert ("必填" in _field_line(text, column)) == (column in matter_exchange.REQUIRED)
    assert all(category.label in _field_line(text, "类别") for category in MatterCategory)
    assert all(level.label in _field_line(text, "复杂程度") for level in MatterComplexity)
    assert all(unit.label in _field_line(text, "时限单位") for unit in TimeLimitUnit)
    assert all(f"{name}" in text for _, name in ENCODINGS)


def test_cases_import_help_names_each_open311_field_and_each_column_the_importer_reads(capsys, tmp_path):
    """The case table's columns were told nowhere: a file written from scratch was refused column by column."""
    from desktop.services.exchange import open311, table_export, table_import

    text = _help(capsys, "cases", "import")
    for field in open311.REQUIRED:
        assert "必填" in _field_line(text, field)
    assert all(key in text for key in open311.EXTENSION_KEYS)
    read = [column for column in table_export.HEADERS if column not in table_import.NOT_READ]
    for column in read:
        assert ("必填" in _field_line(text, column)) == (column in table_import.REQUIRED)
    assert all(category.label in _field_line(text, "类别") for category in MatterCategory)
    assert "2026-03-01 09:30" in _field_line(text, "受理时间")
    # A file with the obvious columns only is told which are needed, and where the columns are described.
    (tmp_path / "cases.csv").write_text("标题,受理时间\n路灯不亮,2026-03-01 09:30\n", encoding="utf-8")
    _, problems = table_import.parse_rows((tmp_path / "cases.csv").read_text(encoding="utf-8"), "cases.csv")
    [told] = [str(found) for found in problems.found]
    assert "缺少列 编号、事项编码、诉求描述;必有的列:编号、事项编码、诉求描述、受理时间" in told
    assert "cases import --help" in told
