"""The integrity check finds what constraints cannot express, naming table, row and problem."""

from sqlalchemy import text, update

from desktop.models import Case, Grid, Place
from desktop.models.enums import GridKind, SeaCategory
from desktop.services import integrity, places


def _problems(db):
    return [(p.table, p.row) for p in integrity.check(db)]


def test_reference_tree_is_clean_and_current(db):
    assert integrity.check(db) == []
    assert integrity.reference_tree_current(db)


def test_unmigrated_database_is_reported(empty_db):
    with empty_db.engine.begin() as conn:
        conn.execute(text("DELETE FROM alembic_version"))
    [problem] = integrity.check(empty_db)
    assert problem.table == "alembic_version" and "init" in problem.problem


def test_a_village_hung_under_a_county_is_found(db):
    with db.session() as session:
        county = session.query(Place).filter_by(code="450502000000").one()
        session.execute(update(Place).where(Place.code == "450503103001").values(parent_id=county.id))
        session.commit()
    found = integrity.check(db)
    assert ("places", "450503103001") in [(p.table, p.row) for p in found]
    assert any("应为乡镇(街道)" in p.problem for p in found)
    assert any("前缀" in p.problem for p in found)  # 450503… does not extend 450502


def test_grid_rows_must_match_grid_places(db, system):
    places.create_grid(db, system, village_code="450503103001", code="450503103001001", name="一网格")
    with db.session() as session:
        grid_place = session.query(Place).filter_by(code="450503103001001").one()
        session.execute(update(Grid).where(Grid.place_id == grid_place.id).values(
            kind=GridKind.SEA, sea_category=SeaCategory.VESSEL_GROUP))
        session.execute(update(Place).where(Place.id == grid_place.id).values(geometry=b"\x01"))
        village = session.query(Place).filter_by(code="450503103002").one()
        session.add(Grid(place_id=village.id, kind=GridKind.REGULAR))
        session.commit()
    found = integrity.check(db)
    assert ("grids", "450503103002") in [(p.table, p.row) for p in found]
    assert any(p.row == "450503103001001" and "Art. 7" in p.problem for p in found)


def test_case_places_that_disagree_are_found(demo_db):
    with demo_db.session() as session:
        case = session.query(Case).filter(Case.grid_id.is_not(None)).order_by(Case.id).first()
        other_township = session.query(Place).filter_by(code="450502001000").one()
        session.execute(update(Case).where(Case.id == case.id).values(township_id=other_township.id))
        session.commit()
        number = case.number
    assert ("cases", number) in _problems(demo_db)


def test_orphan_rows_and_a_broken_audit_chain_are_found(sqlite_db):
    # Only reachable with foreign keys and the append-only triggers off, as in a hand-edited file.
    with sqlite_db.engine.connect() as conn:
        conn.execute(text("PRAGMA foreign_keys=OFF"))
        conn.execute(text(
            "INSERT INTO case_events (case_id, at, kind, actor_name, message, detail) "
            "VALUES (999, '2026-01-01 00:00:00', 'received', 'x', '', '{}')"))
        triggers = conn.execute(text("SELECT name FROM sqlite_master WHERE type='trigger' "
                                     "AND tbl_name='audit_log'")).scalars().all()
        for name in triggers:
            conn.execute(text(f'DROP TRIGGER "{name}"'))
        conn.execute(text("UPDATE audit_log SET message = 'changed' WHERE id = 1"))
        conn.commit()
    found = _problems(sqlite_db)
    assert any(table == "case_events" for table, _ in found)
    assert ("audit_log", "1") in found


def test_exactly_one_city(empty_db):
    assert any("恰好有一个市级单位" in p.problem for p in integrity.check(empty_db))
