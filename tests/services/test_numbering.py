"""Case and bulletin numbers: one running counter per township, year and series."""

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from alembic import command
from sqlalchemy import select

from desktop import migrate
from desktop.models import CaseNumberSequence, utcnow
from desktop.models.enums import EmergencyLevel, EmergencyType
from desktop.services import emergencies, places
from desktop.services.clock import BEIJING
from desktop.services.numbering import BULLETIN_SERIES, reserve_numbers

QIAOGANG = "450503103000"
WEIZHOU = "450503102000"


def _reserve(db, code, year, count=1, **kwargs):
    with db.session() as session:
        numbers = reserve_numbers(session, places.get_place(session, code), year, count, **kwargs)
        session.commit()
        return numbers


def test_numbers_run_on_per_township_and_year(db):
    assert _reserve(db, QIAOGANG, 2026, 3) == [f"450503103-2026-00000{n}" for n in (1, 2, 3)]
    assert _reserve(db, QIAOGANG, 2026) == ["450503103-2026-000004"]
    assert _reserve(db, QIAOGANG, 2027) == ["450503103-2027-000001"]
    assert _reserve(db, WEIZHOU, 2026) == ["450503102-2026-000001"]


def test_bulletins_count_apart_from_cases(db):
    _reserve(db, QIAOGANG, 2026, 5)
    assert _reserve(db, QIAOGANG, 2026, series=BULLETIN_SERIES, prefix="KB") == ["KB450503103-2026-000001"]
    assert _reserve(db, QIAOGANG, 2026) == ["450503103-2026-000006"]


def _bulletin(db, system, learned):
    return emergencies.report(
        db, system, type=EmergencyType.MASS_INCIDENT, level=EmergencyLevel.LEVEL_IV, title="渔港码头聚集",
        occurred_at=learned - timedelta(minutes=10), learned_at=learned, place_text="侨港渔港码头",
        township_code=QIAOGANG, summary="约三十名渔民聚集", people_involved=30,
    ).number


@pytest.mark.law("Art. 21")
def test_an_emergency_report_takes_a_bulletin_number_not_a_case_number(db, system):
    learned = utcnow() - timedelta(hours=2)
    year = learned.astimezone(BEIJING).year
    _reserve(db, QIAOGANG, year, 7)
    assert _bulletin(db, system, learned) == f"KB450503103-{year}-000001"
    assert _reserve(db, QIAOGANG, year) == [f"450503103-{year}-000008"]


def test_migration_gives_bulletins_a_counter_of_their_own_and_back(db, system):
    """Downgrade merges the counters at the higher value; upgrade restarts bulletins after the last KB number."""
    learned = utcnow() - timedelta(hours=2)
    year = learned.astimezone(BEIJING).year
    _reserve(db, QIAOGANG, year, 9)
    _bulletin(db, system, learned)
    _bulletin(db, system, learned)
    with db.engine.begin() as conn:
        command.downgrade(migrate._config(conn), "0002")
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT year, last_value FROM case_number_sequences").all() == [(year, 9)]
    migrate.upgrade(db)
    with db.session() as session:
        counters = {s.series: s.last_value for s in session.scalars(select(CaseNumberSequence))}
    assert counters == {"case": 9, BULLETIN_SERIES: 2}
    assert _reserve(db, QIAOGANG, year, series=BULLETIN_SERIES, prefix="KB") == [f"KB450503103-{year}-000003"]


@pytest.mark.postgres
def test_two_desktops_starting_a_year_at_once_get_different_numbers(pg_db):
    """The second waits for the first's counter row (no duplicate key, no number handed out twice)."""
    first, second = pg_db.session(), pg_db.session()
    township = places.get_place(first, QIAOGANG)
    got: list[str] = []
    try:
        got += reserve_numbers(first, township, 2031, 2)  # creates the 2031 row, not yet committed
        with ThreadPoolExecutor(1) as pool:
            waiting = pool.submit(lambda: reserve_numbers(second, places.get_place(second, QIAOGANG), 2031, 1))
            with pytest.raises(TimeoutError):
                waiting.result(timeout=0.5)  # blocked on the first desktop's row
            first.commit()
            got += waiting.result(timeout=10)
        second.commit()
    finally:
        first.close()
        second.close()
    assert got == ["450503103-2031-000001", "450503103-2031-000002", "450503103-2031-000003"]
