"""Collecting what is wrong with an imported file, row by row, before anything is written."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ...errors import ValidationFailed

# A file of 100,000 bad rows would print 100,000 lines; the first ones tell what to fix.
SHOWN = 200

Where = int | str  # a row's index in the file, or a name such as "JSON" or "参数 --township"


def _plain(indices: Iterable[int]) -> dict[int, str]:
    return {index: f"第 {index + 1} 项" for index in indices}  # counted as people count, from 1


@dataclass
class Problems:
    """Problems found in one file; `raise_if_any` refuses the whole file (all-or-nothing).

    Rows are named by their index; `locate` turns the indices of bad rows into what the user
    looks for in the file (line numbers), only when there are problems to show, so that a good
    file never pays for finding lines.
    """

    source: str
    locate: Callable[[Iterable[int]], dict[int, str]] = _plain
    found: list[tuple[Where, str | None, str, int | None]] = field(default_factory=list)

    def add(self, where: Where, field_name: str | None, message: str, duplicate_of: int | None = None) -> None:
        """`duplicate_of`: the earlier row that this one repeats, named after the message."""
        self.found.append((where, field_name, message, duplicate_of))

    def __bool__(self) -> bool:
        return bool(self.found)

    def __len__(self) -> int:
        return len(self.found)

    def lines(self) -> list[str]:
        """The problems as sentences, whole-file ones first, then by row; at most SHOWN of them."""
        ordered = sorted(self.found, key=lambda p: (1, p[0]) if isinstance(p[0], int) else (0, 0))
        shown = ordered[:SHOWN]
        rows = {where for where, _, _, _ in shown if isinstance(where, int)}
        names = self.locate(sorted(rows | {other for _, _, _, other in shown if other is not None}))
        text = []
        for where, field_name, message, other in shown:
            name = names[where] if isinstance(where, int) else where
            if other is not None:
                message = f"{message},与{names[other]}重复"
            text.append(f"{name} 字段 {field_name}:{message}" if field_name else f"{name}:{message}")
        if len(ordered) > SHOWN:
            text.append(f"……另有 {len(ordered) - SHOWN} 处问题未列出")
        return text

    def raise_if_any(self) -> None:
        if self.found:
            raise ValidationFailed(
                f"{self.source} 有 {len(self.found)} 处问题,整个文件未导入;请改正后重新导入", self.lines(),
            )
