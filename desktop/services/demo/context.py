"""What every part of the demo seed shares: the session, the seeded randomness and the clock."""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import insert, inspect
from sqlalchemy.orm import Session

from ...models import Place
from ..clock import WorkCalendar
from .names import NameMaker
from .profiles import TownshipProfile

SEED = 20250901  # the day the regulation came into force
HISTORY_DAYS = 90


@dataclass
class DemoContext:
    session: Session
    rng: random.Random
    names: NameMaker
    now: datetime
    calendar: WorkCalendar
    city: Place
    county: Place
    township: Place
    villages: list[Place]
    profile: TownshipProfile
    actor_name: str

    @property
    def start(self) -> datetime:
        """The beginning of the demo's history."""
        return self.now - timedelta(days=HISTORY_DAYS)

    def moment(self, *, days_ago_max: float = HISTORY_DAYS, days_ago_min: float = 0.0) -> datetime:
        """A random time within the history window (uniform)."""
        return self.now - timedelta(days=self.rng.uniform(days_ago_min, days_ago_max))

    def add_all(self, rows: list) -> list:
        """Insert ORM rows whose ids are needed afterwards (one round trip per row on SQLite)."""
        self.session.add_all(rows)
        self.session.flush()
        return rows

    def insert_many(self, rows: list) -> None:
        """Insert rows nobody refers to by object as multi-row INSERT statements.

        One statement per 500 rows instead of one round trip per row (which is what an
        executemany costs on PostgreSQL here); rows of one class that set different columns go
        in separate runs, so set optional columns to None explicitly to keep runs long.
        """
        for cls, group in itertools.groupby(sorted(rows, key=lambda r: type(r).__name__), key=type):
            columns = inspect(cls).column_attrs
            values = [{c.key: getattr(row, c.key) for c in columns if c.key in row.__dict__} for row in group]
            # A stable sort: rows with the same columns keep their order (the timeline's ids follow time).
            for _, run in itertools.groupby(sorted(values, key=sorted), key=sorted):
                run = list(run)
                for start in range(0, len(run), 500):
                    self.session.execute(insert(cls).values(run[start:start + 500]))
