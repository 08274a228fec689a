"""Places: the administrative tree and its grids (Art. 2, 4–7; SPEC §1)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Timestamped, utcnow
from .enums import (
    AdjustmentKind,
    AdjustmentReason,
    AdjustmentState,
    ExclusiveCategory,
    GridKind,
    GridStatus,
    PlaceLevel,
    SeaCategory,
)
from .types import str_enum

# The root of the place tree: every grant, rule and list that is the whole city's is held here.
CITY_CODE = "450500000000"
CITY_NAME = "北海市"
# Beihai lies within 20°26′–21°55′34″ N, 108°50′45″–109°47′28″ E, 涠洲岛 and 斜阳岛 included (北海市人民政府,
# 北海概况); its fishermen work the whole Beibu Gulf, to about 17° N and 105.5° E. A point given for a request
# or an incident is taken anywhere in that: farther off it is a mistake (0, 0 written for "unknown", a point
# of a city far away).
CITY_REGION = (105.5, 17.0, 111.0, 23.0)  # west, south, east, north, WGS84 degrees


class Place(Timestamped, Base):
    """A unit of the tree city → county → township → village → grid.

    Units above grids carry the 12-digit statistical division code; a grid's code extends
    its village's code by three digits (15 digits), so a scope check is a prefix test.
    """

    __tablename__ = "places"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(15), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    short_name: Mapped[str] = mapped_column(String(50))
    level: Mapped[PlaceLevel] = mapped_column(str_enum(PlaceLevel))
    # 街道/镇/乡, 居委会/村委会 …: the unit kind by the NBS code rule (empty for grids).
    unit_kind: Mapped[str | None] = mapped_column(String(20))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("places.id", ondelete="RESTRICT"), index=True)
    # WGS84 (CGCS2000 treated as equal) polygon/multipolygon as WKB, plus its bounding box.
    geometry: Mapped[bytes | None] = mapped_column(LargeBinary)
    min_lon: Mapped[float | None] = mapped_column(Float)
    min_lat: Mapped[float | None] = mapped_column(Float)
    max_lon: Mapped[float | None] = mapped_column(Float)
    max_lat: Mapped[float | None] = mapped_column(Float)
    population: Mapped[int | None] = mapped_column(Integer)
    sort_order: Mapped[int] = mapped_column(default=0)
    # True for rows made up for the demo (never for the real administrative tree).
    synthetic: Mapped[bool] = mapped_column(default=False)

    parent: Mapped[Place | None] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list[Place]] = relationship(back_populates="parent")
    grid: Mapped[Grid | None] = relationship(back_populates="place", uselist=False)

    __table_args__ = (
        CheckConstraint(
            "(level = 'grid' AND length(code) = 15) OR (level <> 'grid' AND length(code) = 12)",
            name="code_length",
        ),
        CheckConstraint("(level = 'city') = (parent_id IS NULL)", name="root_is_city"),
        CheckConstraint(
            "min_lon IS NULL OR (min_lon <= max_lon AND min_lat <= max_lat "
            "AND min_lon >= -180 AND max_lon <= 180 AND min_lat >= -90 AND max_lat <= 90)",
            name="bbox_valid",
        ),
        Index("ix_places_level_code", "level", "code"),
    )

    def __repr__(self) -> str:
        return f"<Place {self.code} {self.short_name}>"


class Grid(Timestamped, Base):
    """Grid particulars (Art. 7) and base data (Art. 12(2)) of a grid-level place."""

    __tablename__ = "grids"

    place_id: Mapped[int] = mapped_column(ForeignKey("places.id", ondelete="CASCADE"), primary_key=True)
    kind: Mapped[GridKind] = mapped_column(str_enum(GridKind))
    exclusive_category: Mapped[ExclusiveCategory | None] = mapped_column(str_enum(ExclusiveCategory))
    sea_category: Mapped[SeaCategory | None] = mapped_column(str_enum(SeaCategory))
    managing_unit: Mapped[str | None] = mapped_column(String(100))
    status: Mapped[GridStatus] = mapped_column(str_enum(GridStatus), default=GridStatus.ACTIVE)
    urban: Mapped[bool] = mapped_column(default=True)
    households: Mapped[int] = mapped_column(default=0)
    residents: Mapped[int] = mapped_column(default=0)
    units: Mapped[int] = mapped_column(default=0)
    village_groups: Mapped[int] = mapped_column(default=0)
    # Members the approved division plan staffs the grid with (a grid file's staff count; 0 = none
    # given). Staffing adequacy (Art. 9(4)) asks for at least this many, whatever the rule says.
    staff_quota: Mapped[int] = mapped_column(default=0)
    area_km2: Mapped[float | None] = mapped_column(Float)
    established_on: Mapped[date | None]
    notes: Mapped[str | None] = mapped_column(Text)

    place: Mapped[Place] = relationship(back_populates="grid")
    vessels: Mapped[list[Vessel]] = relationship(back_populates="grid", cascade="all, delete-orphan")

    __table_args__ = (
        CheckConstraint(
            "(kind = 'exclusive') = (exclusive_category IS NOT NULL)", name="exclusive_has_category"
        ),
        CheckConstraint("(kind = 'sea') = (sea_category IS NOT NULL)", name="sea_has_category"),
        CheckConstraint(
            "households >= 0 AND residents >= 0 AND units >= 0 AND village_groups >= 0",
            name="base_data_nonnegative",
        ),
        CheckConstraint("staff_quota >= 0", name="staff_quota_nonnegative"),
    )


class Vessel(Base):
    """A fishing vessel on the roster of a vessel-group grid (Art. 7(2))."""

    __tablename__ = "vessels"

    id: Mapped[int] = mapped_column(primary_key=True)
    grid_id: Mapped[int] = mapped_column(ForeignKey("grids.place_id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(60))
    registration_no: Mapped[str] = mapped_column(String(40), unique=True)
    skipper: Mapped[str] = mapped_column(String(40))
    phone: Mapped[str | None] = mapped_column(String(20))

    grid: Mapped[Grid] = relationship(back_populates="vessels")


class GridAdjustment(Timestamped, Base):
    """Art. 6: the township proposes, the county approves, the city files (备案)."""

    __tablename__ = "grid_adjustments"

    id: Mapped[int] = mapped_column(primary_key=True)
    township_id: Mapped[int] = mapped_column(ForeignKey("places.id"), index=True)
    kind: Mapped[AdjustmentKind] = mapped_column(str_enum(AdjustmentKind))
    reason: Mapped[AdjustmentReason] = mapped_column(str_enum(AdjustmentReason))
    reason_text: Mapped[str] = mapped_column(Text)
    state: Mapped[AdjustmentState] = mapped_column(str_enum(AdjustmentState), default=AdjustmentState.PROPOSED)
    # The proposed grid set as a GeoJSON FeatureCollection (properties as in `grids import`).
    proposal: Mapped[dict] = mapped_column(default=dict)
    proposed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    steps: Mapped[list[GridAdjustmentStep]] = relationship(
        back_populates="adjustment", order_by="GridAdjustmentStep.at"
    )


class GridAdjustmentStep(Base):
    __tablename__ = "grid_adjustment_steps"

    id: Mapped[int] = mapped_column(primary_key=True)
    adjustment_id: Mapped[int] = mapped_column(ForeignKey("grid_adjustments.id", ondelete="CASCADE"), index=True)
    from_state: Mapped[AdjustmentState | None] = mapped_column(str_enum(AdjustmentState, "ck_adjstep_from"))
    to_state: Mapped[AdjustmentState] = mapped_column(str_enum(AdjustmentState, "ck_adjstep_to"))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    actor_name: Mapped[str] = mapped_column(String(60))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    comment: Mapped[str | None] = mapped_column(Text)

    adjustment: Mapped[GridAdjustment] = relationship(back_populates="steps")


class GridHistory(Base):
    """A grid as it was between two adjustments: the live set changes only on approval."""

    __tablename__ = "grid_history"

    id: Mapped[int] = mapped_column(primary_key=True)
    place_id: Mapped[int] = mapped_column(ForeignKey("places.id", ondelete="CASCADE"), index=True)
    adjustment_id: Mapped[int | None] = mapped_column(ForeignKey("grid_adjustments.id"))
    valid_from: Mapped[datetime] = mapped_column(default=utcnow)
    valid_to: Mapped[datetime | None]
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[GridKind] = mapped_column(str_enum(GridKind, "ck_gridhistory_kind"))
    geometry: Mapped[bytes | None] = mapped_column(LargeBinary)
    snapshot: Mapped[dict] = mapped_column(default=dict)

    __table_args__ = (CheckConstraint("valid_to IS NULL OR valid_to >= valid_from", name="period"),)


