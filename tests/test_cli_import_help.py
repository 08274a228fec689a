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
