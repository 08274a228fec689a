"""Widget-test fixtures: a small staffed township, a synchronous task runner, a private settings file."""

from __future__ import annotations

import gc
from datetime import datetime, timedelta, timezone

import pytest
from PySide6.QtCore import QSettings, QTranslator
from PySide6.QtGui import QFontDatabase

from desktop import paths
from desktop.i18n import Translations
from desktop.models import Case, Grid, GridStaffRole, Person, Place
from desktop.models.enums import (
    CaseState,
    Channel,
    GridKind,
    MatterCategory,
    PlaceLevel,
    Role,
    StaffRole,
    StaffSource,
)
from desktop.services import users
from desktop.services.clock import beijing_today
from desktop.services.places import get_place
from desktop.tasks import SyncTaskRunner
from desktop.views import dialogs
from desktop.views.enter_key import enter_presses_focused_buttons

QIAOBEI = "450503103001"


@pytest.fixture
def translations(qapp):
    """The application's translators, none left over from other tests (they are the app's children);
    Chinese again afterwards."""
    for stale in qapp.findChildren(QTranslator):
        qapp.removeTranslator(stale)
    translations = Translations(qapp)
    yield translations
    translations.install("zh")


@pytest.fixture(params=["sqlite"])
def backend(request) -> str:
    """Widgets are tested on SQLite. They only call the services, whose tests run on both backends;
    what a view does with PostgreSQL itself (the live listener) is tested in test_live_queue."""
    return request.param
GRID = QIAOBEI + "001"
PASSWORD = "qiaogang-2026"


@pytest.fixture(scope="session", autouse=True)
def focused_buttons_take_enter(qapp):
    """As the application does at start-up (desktop.app)."""
    enter_presses_focused_buttons(qapp)


@pytest.fixture(autouse=True)
def private_settings(tmp_path):
    """Keep QSettings (UI state, language) out of the real user's configuration."""
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    yield tmp_path / "settings"


@pytest.fixture(autouse=True)
def no_unlooked_for_error_box(monkeypatch):
    """An error box no test asked about fails the test: offscreen, its modal loop would wait for ever.
    Tests that expect one replace this with their own `errors` or `answered` fixture."""
    shown = []
    monkeypatch.setattr(dialogs, "error", lambda parent, title, text, details=None: shown.append(text))
    yield
    assert not shown, f"an error box nobody expected: {shown}"


@pytest.fixture(scope="session")
def cjk_font(qapp):
    QFontDatabase.addApplicationFont(str(paths.font_path()))
    return paths.FONT_FAMILY


@pytest.fixture
def feature_window(qtbot):
    """Make what a feature action is handed: a widget offering db, actor, tasks, bus and the place.

    It is registered with qtbot so that Qt, not Python's garbage collector, deletes the dialogs
    opened as its children (a collected parent under a live child crashes a later event loop).
    """

    def make(db, actor, tasks, code=QIAOBEI):
        from PySide6.QtWidgets import QWidget

        from desktop.views.bus import Bus

        window = QWidget()
        qtbot.addWidget(window)
        window.db, window.actor, window.tasks, window.bus = db, actor, tasks, Bus(window)
        window.current_place_code = lambda: code
        return window

    return make


@pytest.fixture
def tasks(qapp):
    return SyncTaskRunner()


def _case(session, n: int, grid: Place, now: datetime, **kw) -> Case:
    village, township = grid.parent, grid.parent.parent
    defaults = dict(
        number=f"450503103-2026-{n:06d}", channel=Channel.HOTLINE_12345, title=f"诉求 {n}",
        description="示例", category=MatterCategory.DISPUTE, county_id=township.parent_id,
        township_id=township.id, village_id=village.id, grid_id=grid.id, state=CaseState.DISPATCHED,
        requester_name="王五", requester_phone="13912345678", received_at=now - timedelta(days=2),
        due_at=now + timedelta(hours=n - 10),
    )
    defaults.update(kw)
    return Case(**defaults)


@pytest.fixture
def desk_db(sqlite_db, system):
    """侨北社区 with two grids, staff, 25 open cases in grid 1 and 5 in grid 2; user qg_op (operator)."""
    now = datetime.now(timezone.utc)
    with sqlite_db.session() as session:
        village = get_place(session, QIAOBEI)
        grids = []
        for suffix, name in (("001", "侨北第一网格"), ("002", "侨北第二网格")):
            grid = Place(code=QIAOBEI + suffix, name=name, short_name=name, level=PlaceLevel.GRID, parent=village)
            grid.grid = Grid(kind=GridKind.REGULAR, households=280, residents=850, units=3)
            grids.append(grid)
        head = Person(name="陈海", phone="13807791234")
        session.add_all([*grids, head])
        session.flush()
        session.add(GridStaffRole(person_id=head.id, grid_id=grids[0].id, role=StaffRole.GRID_HEAD,
                                  source=StaffSource.COMMITTEE_MEMBER, start_on=beijing_today() - timedelta(days=30)))
        session.add_all(_case(session, n, grids[0], now) for n in range(1, 26))
        session.add_all(_case(session, n, grids[1], now, category=MatterCategory.LIVELIHOOD) for n in range(26, 31))
        session.commit()
    users.add_user(sqlite_db, system, username="qg_op", display_name="侨港值班员", password=PASSWORD,
                   role=Role.OPERATOR, scope_code="450503103000")
    return sqlite_db


@pytest.fixture
def answered(monkeypatch):
    """Message boxes answered without showing them (confirmations with yes); what they said is kept."""
    said = []
    monkeypatch.setattr(dialogs, "information", lambda parent, title, text: said.append(text))
    monkeypatch.setattr(dialogs, "warning", lambda parent, title, text, items=(): said.append("\n".join([text, *items])))
    monkeypatch.setattr(dialogs, "confirm", lambda parent, title, text, **_: True)
    monkeypatch.setattr(dialogs, "show_error", lambda parent, exc: said.append(str(exc)))
    return said


@pytest.fixture(autouse=True)
def _collect_garbage_before_each_test():
    """Python's cycle collector runs here, between widget tests, rather than in the middle of
    some later test's Qt event processing: what it frees is then freed at a known point."""
    gc.collect()
