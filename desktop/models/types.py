"""Column types shared by the domain tables (no Qt)."""

from __future__ import annotations

import enum
from datetime import datetime, timezone

from sqlalchemy import DateTime, Enum, TypeDecorator
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement


class UTCDateTime(TypeDecorator):
    """A timezone-aware timestamp stored in UTC on every backend.

    SQLite has no time zone type and hands back naive values; they are read back as UTC so
    that the rest of the program only ever sees aware datetimes. Naive input is refused:
    it would silently be taken as local time on one desktop and as UTC on another.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column; attach a time zone")
        value = value.astimezone(timezone.utc)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)


class hours_after(FunctionElement):
    """SQL for a `UTCDateTime` value plus a whole number of hours, exact to the microsecond and
    comparable with the column on every backend: hours_after(moment, hours)."""

    type = UTCDateTime()
    name = "hours_after"
    inherit_cache = True


@compiles(hours_after)
def _plus_interval(element, compiler, **kw):
    moment, hours = (compiler.process(clause, **kw) for clause in element.clauses)
    return f"({moment} + make_interval(hours => {hours}))"


@compiles(hours_after, "sqlite")
def _shifted_text(element, compiler, **kw):
    # SQLite keeps the time as text "YYYY-MM-DD HH:MM:SS.ffffff": the whole seconds are shifted and
    # the stored fraction kept as it is (SQLite's own date functions keep milliseconds only).
    moment, hours = (compiler.process(clause, **kw) for clause in element.clauses)
    return (f"(strftime('%Y-%m-%d %H:%M:%S', substr({moment}, 1, 19), '+' || ({hours}) || ' hours')"
            f" || substr({moment}, 20))")


def str_enum(enum_cls: type[enum.Enum], name: str | None = None) -> Enum:
    """A portable enum column: VARCHAR plus a CHECK constraint holding the enum's values."""
    return Enum(
        enum_cls,
        native_enum=False,
        create_constraint=True,
        length=max(len(m.value) for m in enum_cls),
        values_callable=lambda cls: [m.value for m in cls],
        name=name or f"ck_{enum_cls.__name__.lower()}",
        validate_strings=True,
    )
