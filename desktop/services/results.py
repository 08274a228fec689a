"""Plain result objects handed to views and the CLI (never live ORM objects)."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from ..models import Place
from ..models.enums import PlaceLevel


@dataclass(frozen=True)
class PlaceInfo:
    id: int
    code: str
    name: str
    short_name: str
    level: PlaceLevel
    parent_code: str | None
    unit_kind: str | None = None
    population: int | None = None
    has_children: bool = False
    synthetic: bool = False

    @classmethod
    def of(cls, place: Place, parent_code: str | None, has_children: bool = False) -> PlaceInfo:
        return cls(
            id=place.id, code=place.code, name=place.name, short_name=place.short_name, level=place.level,
            parent_code=parent_code, unit_kind=place.unit_kind, population=place.population,
            has_children=has_children, synthetic=place.synthetic,
        )

    def as_json(self) -> dict:
        data = asdict(self)
        data["level"] = self.level.value
        return data
