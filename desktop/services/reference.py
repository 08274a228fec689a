"""The real Beihai administrative tree (NBS 2023 codes), loaded by `griddesk-admin init`."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from importlib import resources

from sqlalchemy import select

from ..db import Database
from ..models import Place
from ..models.enums import PlaceLevel
from ..models.places import CITY_CODE, CITY_NAME
from .security import Actor, Permission
from .unit_of_work import unit_of_work

DIVISIONS_FILE = "beihai_divisions.tsv"


@dataclass(frozen=True)
class Division:
    code: str
    level: PlaceLevel
    parent: str | None
    name: str
    short_name: str
    unit_kind: str
    population: int | None


def divisions() -> list[Division]:
    """The bundled reference rows, parents before children."""
    text = resources.files("desktop.data").joinpath(DIVISIONS_FILE).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    rows = csv.DictReader(lines, delimiter="\t")
    result = [
        Division(r["code"], PlaceLevel(r["level"]), r["parent"] or None, r["name"], r["short_name"],
                 r["unit_kind"], int(r["population"]) if r["population"] else None)
        for r in rows
    ]
    return sorted(result, key=lambda d: (d.level.depth, d.code))


@dataclass(frozen=True)
class LoadReport:
    added: int
    updated: int
    unchanged: int


def load_beihai_tree(db: Database, actor: Actor) -> LoadReport:
    """Insert what is missing and correct changed names; a second run changes nothing."""
    rows = divisions()
    with unit_of_work(db, actor, "reference.load_tree", target=CITY_CODE) as uow:
        uow.require(Permission.MANAGE_PLACES, CITY_CODE, CITY_NAME)
        session = uow.session
        existing = {p.code: p for p in session.scalars(select(Place).where(Place.level != PlaceLevel.GRID))}
        added = updated = 0
        for order, row in enumerate(rows):
            place = existing.get(row.code)
            if place is None:
                parent = existing[row.parent] if row.parent else None
                place = Place(code=row.code, level=row.level, parent=parent, name=row.name,
                              short_name=row.short_name, unit_kind=row.unit_kind, population=row.population,
                              sort_order=order)
                session.add(place)
                existing[row.code] = place
                added += 1
            elif (place.name, place.short_name, place.unit_kind, place.population) != (
                row.name, row.short_name, row.unit_kind, row.population
            ):
                place.name, place.short_name = row.name, row.short_name
                place.unit_kind, place.population = row.unit_kind, row.population
                updated += 1
        report = LoadReport(added, updated, len(rows) - added - updated)
        uow.audit(f"载入北海市区划:新增 {added},更新 {updated}", **report.__dict__)
        if added or updated:
            uow.changed("places")
        return report
