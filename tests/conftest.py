"""Shared fixtures: a migrated database with the real Beihai tree, on SQLite and PostgreSQL.

Every test gets its own database copied from a template built once per run, by the first
pytest-xdist worker that needs it while the others wait: a file copy on SQLite, `CREATE DATABASE …
TEMPLATE` on PostgreSQL (when GRIDDESK_TEST_PG_URL is set). The run's first process names the
run (GRIDDESK_TEST_RUN, which the workers inherit) and removes its templates at the end.
"""

from __future__ import annotations

import itertools
import os
import shutil
import tempfile
import time
import uuid
import warnings
from contextlib import contextmanager
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402
from sqlalchemy.exc import OperationalError  # noqa: E402

from desktop import migrate  # noqa: E402
from desktop.db import Database, normalise_url  # noqa: E402
from desktop.services import reference  # noqa: E402
from desktop.services.security import Actor  # noqa: E402
from backends import BACKENDS, PG_URL  # noqa: E402
from server_use import ServerUse, abandoned, exclusive_lock, held_for_life  # noqa: E402

_counter = itertools.count()

_SERVER_USE = ServerUse(Path(tempfile.gettempdir()) / "griddesk-tests-postgresql.lock")


def pytest_collection_modifyitems(config, items):
    for item in items:
        callspec = getattr(item, "callspec", None)
        if callspec and callspec.params.get("backend") == "postgresql":
            item.add_marker(pytest.mark.postgres)


def _build(db: Database, with_tree: bool | str) -> None:
    """`with_tree`: False (empty), True (the real tree) or "demo" (tree + synthetic demo township)."""
    migrate.upgrade(db)
    if with_tree:
        reference.load_beihai_tree(db, Actor.system("pytest"))
    if with_tree == "demo":
        from desktop.services.demo import seed_demo

        seed_demo(db, Actor.system("pytest"))
    db.dispose()


_RUN = "GRIDDESK_TEST_RUN"  # the run's name, set by its first process and inherited by its workers


def _run_name() -> str:
    return os.environ[_RUN]


def _folder_of(run: str) -> Path:
    return Path(tempfile.gettempdir()) / f"griddesk-tests-{run}"


def _run_folder() -> Path:
    """The run's folder that all its processes share: the templates and the locks that build each once."""
    folder = _folder_of(_run_name())
    folder.mkdir(exist_ok=True)
    return folder


def _this_process() -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


@contextmanager
def _building(kind: str):
    """One process at a time builds (or finds built) the template `kind` of the run."""
    with exclusive_lock(_run_folder() / f"template-{kind}.lock"):
        yield


_ALIVE = "alive.lock"  # held by a run's first process while the run lasts
_alive_key = pytest.StashKey[object]()


def pytest_configure(config):
    """The first process names the run, holds it alive, and removes what runs killed before it left."""
    if "PYTEST_XDIST_WORKER" in os.environ:
        return
    os.environ[_RUN] = uuid.uuid4().hex[:8]
    config.stash[_alive_key] = held_for_life(_run_folder() / _ALIVE)
    for folder in Path(tempfile.gettempdir()).glob("griddesk-tests-*"):
        if folder.is_dir() and folder != _run_folder() and (folder / _ALIVE).exists() and abandoned(folder / _ALIVE):
            _remove_run(folder.name.removeprefix("griddesk-tests-"))


def pytest_unconfigure(config):
    """The run's first process, after every worker has ended: its templates, and any database a worker
    that died left behind, go."""
    if "PYTEST_XDIST_WORKER" in os.environ or _RUN not in os.environ:
        return
    _remove_run(_run_name())
    alive = config.stash.get(_alive_key, None)
    if alive is not None:
        alive.close()


def _remove_run(run: str) -> None:
    folder = _folder_of(run)
    made_on_server = any(folder.glob("*.built"))  # no template, no copy of one
    if PG_URL and made_on_server:
        try:
            with _SERVER_USE.shared():
                _PgTemplates(PG_URL, run).drop_run()
        except OperationalError as exc:  # the server down or being restarted: said, not a failed run
            warnings.warn(f"the test databases gdt_{run}_* are left on the server: {exc}")
            return
    shutil.rmtree(folder, ignore_errors=True)


class _SqliteTemplates:
    def __init__(self):
        self.built: set = set()  # the templates this process has seen built

    def template(self, with_tree: bool | str) -> Path:
        path = _run_folder() / f"template-{with_tree}.sqlite"
        if with_tree not in self.built:
            with _building(f"sqlite-{with_tree}"):
                if not path.exists():
                    building = path.with_suffix(f".{_this_process()}.building")  # whole or not there
                    _build(Database.connect(f"sqlite:///{building}"), with_tree)
                    os.replace(building, path)
            self.built.add(with_tree)
        return path

    def make(self, with_tree: bool | str, tmp_path) -> Database:
        path = tmp_path / f"db-{next(_counter)}.sqlite"
        shutil.copyfile(self.template(with_tree), path)
        return Database.connect(f"sqlite:///{path}")


class _PgTemplates:
    def __init__(self, url: str, run: str | None = None):
        self.url = make_url(normalise_url(url))
        # pre-ping: the server-restart test leaves pooled admin connections dead
        self.admin = create_engine(self.url, isolation_level="AUTOCOMMIT", pool_pre_ping=True)
        self.prefix = f"gdt_{run or _run_name()}"
        self.built: set = set()  # the templates this process has seen built
        self.created = []

    def _create(self, name: str, template: str | None = None) -> Database:
        with self.admin.connect() as conn:
            suffix = f" TEMPLATE {template}" if template else ""
            conn.execute(text(f'CREATE DATABASE "{name}"{suffix}'))
        return Database.connect(self.url.set(database=name).render_as_string(hide_password=False))

    def template(self, with_tree: bool | str) -> str:
        name = f"{self.prefix}_tmpl_{str(with_tree).lower()}"
        if with_tree not in self.built:
            with _building(f"postgresql-{with_tree}"):
                done = _run_folder() / f"{name}.built"
                if not done.exists():
                    self._drop(name)  # half built by a worker that died
                    _build(self._create(name), with_tree)
                    done.touch()
            self.built.add(with_tree)
        return name

    def make(self, with_tree: bool | str, tmp_path) -> Database:
        name = f"{self.prefix}_{_this_process()}_{next(_counter)}"
        db = self._create(name, self.template(with_tree))
        self.created.append(name)
        return db

    def _drop(self, name: str) -> None:
        with self.admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    def drop(self, db: Database) -> None:
        name = db.engine.url.database
        db.dispose()
        self._drop(name)
        self.created.remove(name)

    def close(self) -> None:
        """This process's databases; the templates stay for the other workers."""
        for name in reversed(self.created):
            self._drop(name)
        self.admin.dispose()

    def drop_run(self) -> None:
        with self.admin.connect() as conn:
            names = conn.scalars(text("SELECT datname FROM pg_database WHERE datname LIKE :run"),
                                 {"run": self.prefix.replace("_", r"\_") + r"\_%"}).all()
        for name in names:
            self._drop(name)
        self.admin.dispose()


def pytest_xdist_auto_num_workers(config):
    """`-n auto`: three workers per core. A test waits on PostgreSQL, a timer, a subprocess or the display
    for a good part of its time: with two workers per core the suite took 23 min 50 s on two slow cores,
    with three 18 min 41 s. PYTEST_XDIST_AUTO_NUM_WORKERS still says otherwise."""
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None
    return 3 * (os.cpu_count() or 1)


@pytest.fixture(scope="session", autouse=True)
def _log_folder(tmp_path_factory):
    """The programs' log files (desktop.logs) of the run in a folder of its own, not the user's."""
    before = os.environ.get("XDG_STATE_HOME")
    os.environ["XDG_STATE_HOME"] = str(tmp_path_factory.mktemp("state"))
    yield
    if before is None:
        del os.environ["XDG_STATE_HOME"]
    else:
        os.environ["XDG_STATE_HOME"] = before


@pytest.fixture(scope="session")
def _templates():
    made = {"sqlite": _SqliteTemplates()}
    if PG_URL:
        made["postgresql"] = _PgTemplates(PG_URL)
    yield made
    if PG_URL:
        with _SERVER_USE.shared():
            made["postgresql"].close()


def _database(templates, backend, with_tree, tmp_path):
    factory = templates[backend]
    if backend != "postgresql":
        db = factory.make(with_tree, tmp_path)
        yield db
        db.dispose()
        return
    with _SERVER_USE.shared():
        db = factory.make(with_tree, tmp_path)
        yield db
        factory.drop(db)


@pytest.fixture
def postgresql_server() -> ServerUse:
    """Hold `.shared()` while a test has a PostgreSQL database of its own making; a test that
    restarts the server does it inside `.exclusive()`."""
    return _SERVER_USE


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    return request.param


@pytest.fixture
def db(_templates, backend, tmp_path):
    """A migrated database holding the real Beihai tree (1 + 4 + 30 + 437 places)."""
    yield from _database(_templates, backend, True, tmp_path)


@pytest.fixture
def empty_db(_templates, backend, tmp_path):
    """A migrated database with no rows at all."""
    yield from _database(_templates, backend, False, tmp_path)


@pytest.fixture
def demo_db(_templates, backend, tmp_path):
    """Like `db`, plus the synthetic demo township 侨港镇 (services.demo.seed_demo); built once per run."""
    yield from _database(_templates, backend, "demo", tmp_path)


@pytest.fixture
def sqlite_db(_templates, tmp_path):
    """The Beihai tree on SQLite only (for widget tests that need no second backend)."""
    yield from _database(_templates, "sqlite", True, tmp_path)


@pytest.fixture
def pg_db(_templates, tmp_path):
    if not PG_URL:
        pytest.skip("GRIDDESK_TEST_PG_URL is not set")
    yield from _database(_templates, "postgresql", True, tmp_path)


@pytest.fixture
def system() -> Actor:
    return Actor.system("pytest")


@pytest.fixture
def far_from_beijing(monkeypatch):
    """The machine's clock in a zone twenty hours behind Beijing (a server image keeps UTC, a
    developer may travel): dates and times GridDesk shows must still be Beihai's."""
    monkeypatch.setenv("TZ", "Etc/GMT+12")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()
