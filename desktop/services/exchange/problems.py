"""Collecting what is wrong with an imported file, row by row, before anything is written."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from ...errors import ValidationFailed

# A file of 100,000 bad rows would print 100,000 lines; the first ones tell what to fix, the others
# are counted and their rows named.
SHOWN = 200
SHOWN_SPANS = 10  # of the rows a problem told once concerns: "第 2–5、9、12–40 行…"
# Up to so many rows with one shared problem are told row by row; more are told once, these as examples.
TOLD_APART = 3

Where = int | str  # a row's index in the file, or a name such as "JSON" or "参数 --township"


@dataclass(frozen=True)
class Shared:
    """A problem many rows of one file may have alike (a masked phone, a request already here): when
    more than TOLD_APART rows have it, it is told once, naming the rows, instead of burying the others
    under a line per row. `message` says it of those rows together; "{examples}" in it becomes the first rows'
    examples. `first`: told before the problems of single rows, as what decides what to do with the file."""

    field_name: str | None
    message: str
    first: bool = False


class Found(NamedTuple):
    where: Where
    field_name: str | None
    message: str  # said of this row alone
    duplicate_of: int | None = None
    shared: Shared | None = None
    example: str | None = None  # this row, as an example of its shared problem


def _together(found: Found) -> Shared | tuple[str | None, str] | None:
    """What rows with this problem share, to be told once when more than TOLD_APART do: its Shared, else the
    same field, value and reason (a matter code not in force, a grid not in use, rows after rows); None for a
    problem of the whole file, or one naming the row it repeats."""
    if found.shared is not None:
        return found.shared
    if isinstance(found.where, int) and found.duplicate_of is None:
        return found.field_name, found.message
    return None


def _said_of_all(rows: list[Found]) -> tuple[str | None, str]:
    """The field and message of a problem told once for `rows`."""
    shared = rows[0].shared
    if shared is None:
        return rows[0].field_name, rows[0].message
    examples = "、".join(found.example for found in rows[:TOLD_APART] if found.example)
    return shared.field_name, shared.message.replace("{examples}", examples)


@dataclass
class Problems:
    """Problems found in one file; `raise_if_any` refuses the whole file (all-or-nothing).

    Rows are named by their index; `locate` turns the indices of bad rows into what the user
    looks for in the file, only when there are problems to show, so that a good file never pays for
    finding lines. Without it a row is named by `number` and `unit` ("第 3 项"), which also count
    the rows of a problem told once ("第 2–101 行等 100 行").
    """

    source: str
    locate: Callable[[Iterable[int]], dict[int, str]] | None = None
    number: Callable[[int], int] = lambda index: index + 1  # counted as people count, from 1
    unit: str = "项"
    found: list[Found] = field(default_factory=list)

    def add(self, where: Where, field_name: str | None, message: str, duplicate_of: int | None = None, *,
            shared: Shared | None = None, example: str | None = None) -> None:
        """`duplicate_of`: the earlier row that this one repeats, named after the message.
        `shared`: what to say instead when other rows have it too (see Shared)."""
        self.found.append(Found(where, field_name, message, duplicate_of, shared, example))

    def __bool__(self) -> bool:
        return bool(self.found)

    def __len__(self) -> int:
        return len(self.found)

    def lines(self) -> list[str]:
        """The problems as sentences (see `report`)."""
        return self.report()[0]

    def report(self) -> tuple[list[str], list[str]]:
        """The problems as sentences, at most SHOWN of them: whole-file ones first, then those that decide
        what to do with the file, then those more than TOLD_APART rows share (see _together), each once, then
        by row; and the details: each of those told once whose rows were too many to name, with all of its
        rows, and the rows of the problems left unlisted."""
        by_key: dict[object, list[Found]] = {}
        for found in self.found:
            if (key := _together(found)) is not None:
                by_key.setdefault(key, []).append(found)
        told_once = {key: rows for key, rows in by_key.items() if len(rows) > TOLD_APART}
        told: list[tuple[tuple[int, int], list[Found]]] = [
            (((1 if found.shared and found.shared.first else 3), found.where) if isinstance(found.where, int)
             else (0, 0), [found])
            for found in self.found if _together(found) not in told_once]
        told += [((1 if rows[0].shared and rows[0].shared.first else 2, rows[0].where), rows)
                 for rows in told_once.values()]
        told.sort(key=lambda entry: entry[0])  # stable: whole-file problems in the order found
        shown = [rows for _, rows in told[:SHOWN]]
        singles = [rows[0] for rows in shown if len(rows) == 1]
        names = self._names(sorted({f.where for f in singles if isinstance(f.where, int)}
                                   | {f.duplicate_of for f in singles if f.duplicate_of is not None}))
        text, details = [], []
        for rows in shown:
            if len(rows) > 1:
                field_name, message = _said_of_all(rows)
                named, everything, unnamed = self._runs(rows)
                text.append(self._said(named, field_name, message))
                if unnamed:  # every row stays findable: the user is told to correct or delete each
                    text[-1] += f"……另 {unnamed} {self.unit}见详细信息"
                    details.append(self._said(everything, field_name, message))
                continue
            where, field_name, message, other, _, _ = rows[0]
            if other is not None:
                message = f"{message},与{names[other]}重复"
            text.append(self._said(names[where] if isinstance(where, int) else where, field_name, message))
        if left := [found for _, rows in told[SHOWN:] for found in rows]:
            text.append(self._left_out(left, details))
        return text, details

    def _left_out(self, left: list[Found], details: list[str]) -> str:
        """What stands for the problems past SHOWN: how many, and on which rows, for no bad row to go unnamed."""
        counted = f"……另有 {len(left)} 处问题未列出"
        rows = [found for found in left if isinstance(found.where, int)]
        if not rows:
            return counted
        named, everything, unnamed = self._runs(rows)
        if unnamed:
            details.append(f"未列出的问题在{everything}")
            named += f"(另 {unnamed} {self.unit}见详细信息)"
        return f"{counted},在{named};改正以上各处后重新导入,即列出这些问题"

    def _runs(self, rows: list[Found]) -> tuple[str, str, int]:
        """The rows as said: by their first SHOWN_SPANS runs, by all of them, and how many the first leave out."""
        spans = self._spans(rows)
        count = len({found.where for found in rows})
        unnamed = sum(last - first + 1 for first, last in spans[SHOWN_SPANS:])
        return self._named(spans[:SHOWN_SPANS], count), self._named(spans, count), unnamed

    @staticmethod
    def _said(name: str, field_name: str | None, message: str) -> str:
        return f"{name} 字段 {field_name}:{message}" if field_name else f"{name}:{message}"

    def rows_named(self, indices: Iterable[int]) -> str:
        """Rows as the user finds them in the file: each by name when few, else as runs (see _named)."""
        indices = sorted(set(indices))
        if len(indices) <= TOLD_APART:
            return "、".join(self._names(indices).values())
        return self._runs([Found(index, None, "") for index in indices])[0]

    def _names(self, indices: list[int]) -> dict[int, str]:
        if self.locate is not None:
            return self.locate(indices)
        return {index: f"第 {self.number(index)} {self.unit}" for index in indices}

    def _spans(self, rows: list[Found]) -> list[tuple[int, int]]:
        """The rows' numbers as runs (first, last)."""
        spans: list[list[int]] = []
        for number in sorted({self.number(found.where) for found in rows}):
            if spans and number == spans[-1][1] + 1:
                spans[-1][1] = number
            else:
                spans.append([number, number])
        return [(first, last) for first, last in spans]

    def _named(self, spans: list[tuple[int, int]], count: int) -> str:
        """Runs of rows as said: "第 2–101 行等 100 行", "第 2、5–7 行等 4 行"."""
        runs = "、".join(f"{first}–{last}" if last > first else f"{first}" for first, last in spans)
        return f"第 {runs} {self.unit}等 {count} {self.unit}"

    def raise_if_any(self) -> None:
        if self.found:
            lines, details = self.report()
            raise ValidationFailed(
                f"{self.source} 有 {len(self.found)} 处问题,整个文件未导入;请改正后重新导入", lines, details=details,
            )
