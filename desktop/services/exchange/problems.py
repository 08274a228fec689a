"""Collecting what is wrong with an imported file, row by row, before anything is written."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...errors import ValidationFailed

# A file of 100,000 bad rows would print 100,000 lines; the first ones tell what to fix.
SHOWN = 200


@dataclass
class Problems:
    """Problems found in one file; `raise_if_any` refuses the whole file (all-or-nothing)."""

    source: str
    found: list[str] = field(default_factory=list)

    def add(self, where: str, field_name: str | None, message: str) -> None:
        self.found.append(f"{where} 字段 {field_name}:{message}" if field_name else f"{where}:{message}")

    def __bool__(self) -> bool:
        return bool(self.found)

    def raise_if_any(self) -> None:
        if not self.found:
            return
        shown = self.found[:SHOWN]
        if len(self.found) > SHOWN:
            shown.append(f"……另有 {len(self.found) - SHOWN} 处问题未列出")
        raise ValidationFailed(
            f"{self.source} 有 {len(self.found)} 处问题,整个文件未导入;请改正后重新导入", shown,
        )
