"""PostgreSQL: the desktops of a shared database log in with a role of their own, which
`griddesk-admin db grant-desks` gives the rights to read and write the data and not to change the
schema (Art. 15: information security); only `init`, run as the schema's owner, needs the owner."""

from __future__ import annotations

import io
import re
import threading
import uuid
from dataclasses import replace
from datetime import datetime, timedelta

import pytest
from alembic import command
from backends import PG_URL
from case_world import TOWNSHIP, TUESDAY, assignments, dispatched
from lock_waits import (NEWER, a_write_begun_during_a_newer_upgrade, a_write_under_way, run,
                        wait_for_a_lock)
from sqlalchemy import func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ProgrammingError

from desktop import migrate
from desktop.cli import main
from desktop.db import Database, application_name, normalise_url
from desktop.errors import DatabaseUnavailable, NotFound, ValidationFailed
from desktop.models import ChangeFeed, EvaluationMonthCount
from desktop.models.enums import AssignmentRole, EmergencyLevel, EmergencyType, Role
from desktop.services import audit, desk_roles, emergencies, live, users
from desktop.services.cases import department
from desktop.services.clock import BEIJING
from desktop.services.evaluation.scores import evaluate

OLDER = "0022"

pytestmark = pytest.mark.law("Art. 15")


class SharedDatabase:
    """A database owned by a role of its own, as on a township's server, and the desktops' role."""

    def __init__(self, admin, server: str):
        suffix = uuid.uuid4().hex[:8]
        self.admin, self.name = admin, f"gdt_shared_{suffix}"
        self.owner, self.desk = f"gdt_owner_{suffix}", f"gdt_desk_{suffix}"
        url = make_url(normalise_url(server))
        self.owner_url = url.set(username=self.owner, database=self.name).render_as_string(hide_password=False)
        self.desk_url = url.set(username=self.desk, database=self.name).render_as_string(hide_password=False)

    def create(self) -> None:
        with self.admin.connect() as conn:
            conn.execute(text(f'CREATE ROLE "{self.owner}" LOGIN'))
            conn.execute(text(f'CREATE ROLE "{self.desk}" LOGIN'))
            conn.execute(text(f'CREATE DATABASE "{self.name}" OWNER "{self.owner}"'))

    def drop(self) -> None:
        """Roles are the server's, not the database's: dropped with what they own and were granted."""
        with self.admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)'))
            for role in (self.desk, self.owner):
                conn.execute(text(f'DROP OWNED BY "{role}"'))
                conn.execute(text(f'DROP ROLE "{role}"'))


@pytest.fixture
def shared(_templates, postgresql_server):
    if not PG_URL:
        pytest.skip("GRIDDESK_TEST_PG_URL is not set")
    made = SharedDatabase(_templates["postgresql"].admin, PG_URL)
    with postgresql_server.shared():
        made.create()
        try:
            yield made
        finally:
            made.drop()


@pytest.fixture
def db(shared):
    """The database as its owner set it up: `griddesk-admin init` (the case world is built on it)."""
    assert main(["--db", shared.owner_url, "init"], out=io.StringIO()) == 0
    owner = Database.connect(shared.owner_url)
    yield owner
    owner.dispose()


@pytest.fixture
def desk(db, shared):
    """A desktop connected as the desktops' role, once granted what it needs."""
    said = io.StringIO()
    assert main(["--db", shared.owner_url, "db", "grant-desks", shared.desk], out=said) == 0
    assert said.getvalue().startswith(f"已为数据库用户 {shared.desk} 授予值班台所需的权限:")
    connected = Database.connect(shared.desk_url)
    yield connected
    connected.dispose()


def refused_for_want_of_privilege(db: Database, statement: str) -> bool:
    with db.engine.connect() as conn:
        try:
            conn.execute(text(statement))
        except ProgrammingError as exc:
            return getattr(exc.orig, "sqlstate", None) == migrate.INSUFFICIENT_PRIVILEGE
    return False


def test_a_desk_role_works_a_case_through_reports_an_emergency_hears_changes_and_evaluates(world, desk, system):
    """Every write began with a row lock FOR SHARE of alembic_version, which PostgreSQL refuses a role without
    UPDATE on it: nothing could be saved by a desktop not connecting as the schema's owner."""
    users.add_user(desk, system, username="qg_op", display_name="值班员", password="Qiaogang-1", role=Role.OPERATOR,
                   scope_code=TOWNSHIP)
    operator = users.login(desk, "qg_op", "Qiaogang-1")
    heard, changes = threading.Event(), []

    def on_changes(batch):
        changes.extend(batch)
        heard.set()

    listener = live.listener_for(desk, on_changes)
    assert isinstance(listener, live.NotifyListener)
    listener.start()
    try:
        at_the_desk = replace(world, db=desk)
        case = dispatched(at_the_desk)
        lead = assignments(at_the_desk, case.id)[AssignmentRole.LEAD]
        signed = department.sign_for(desk, world.police, assignment_id=lead.id, expected_version=case.version,
                                     now=TUESDAY + timedelta(hours=1))
        assert signed.id == case.id
        assert heard.wait(10) and any(change.topic == "cases" for change in changes)
    finally:
        listener.stop()
    learned = datetime.now(BEIJING) - timedelta(hours=1)
    report = emergencies.report(desk, operator, type=EmergencyType.MASS_INCIDENT, level=EmergencyLevel.LEVEL_IV,
                                title="渔港码头聚集", occurred_at=learned - timedelta(minutes=10), learned_at=learned,
                                place_text="侨港渔港码头", township_code=TOWNSHIP, summary="约三十名渔民聚集",
                                people_involved=30)
    assert emergencies.get_report(desk, operator, report.id).title == "渔港码头聚集"
    june = evaluate(desk, system, "2026-06", "department", as_of=datetime(2026, 7, 10, tzinfo=BEIJING))
    assert june.subjects
    with desk.session() as session:
        assert session.get(EvaluationMonthCount, ("2026-06", "department")) is not None  # kept by the desk
        assert audit.verify_chain(session) == []


def test_a_desk_role_may_not_change_the_schema_nor_its_revision(desk):
    for statement in ("CREATE TABLE a_desks_table (id integer)", "ALTER TABLE cases ADD COLUMN a_desks_column integer",
                      "DROP TABLE change_feed", "TRUNCATE change_feed",
                      f"UPDATE alembic_version SET version_num = '{NEWER}'"):
        assert refused_for_want_of_privilege(desk, statement), statement


def test_a_table_a_later_migration_creates_is_the_desk_roles_to_use(db, desk, monkeypatch):
    """Granted on the tables there were, the desk role could not use a table a later `init` made."""
    def a_later_migration(config, target):
        config.attributes["connection"].execute(text("CREATE TABLE later_notes (id serial PRIMARY KEY, note text)"))

    monkeypatch.setattr(command, "upgrade", a_later_migration)
    migrate.upgrade(db)
    with desk.engine.begin() as conn:
        conn.execute(text("INSERT INTO later_notes (note) VALUES ('记下')"))
        assert conn.scalar(text("SELECT note FROM later_notes")) == "记下"


def test_granting_is_refused_on_sqlite_for_a_role_there_is_not_for_the_owner_and_by_a_desk(sqlite_db, db, desk,
                                                                                        shared, system, capsys):
    with pytest.raises(ValidationFailed, match="SQLite 数据库文件没有数据库用户"):
        desk_roles.grant_desks(sqlite_db, system, "griddesk_desk")
    with pytest.raises(NotFound, match="没有名为 'gdt_nobody' 的数据库用户"):
        desk_roles.grant_desks(db, system, "gdt_nobody")
    with pytest.raises(ValidationFailed, match=f"数据库用户 {shared.owner} 就是数据表的所有者"):
        desk_roles.grant_desks(db, system, shared.owner)
    assert main(["--db", shared.desk_url, "db", "grant-desks", shared.desk]) == 1
    assert capsys.readouterr().err == (
        f"griddesk-admin: 数据库用户 {shared.desk} 不是数据表的所有者 {shared.owner},不能把表的权限授予他人;"
        f"请用 {shared.owner} 的账号(运行 griddesk-admin init 的那个)运行本命令\n")
    assert main(["--db", shared.owner_url, "db", "grant-desks", shared.desk], out=io.StringIO()) == 0  # once more


def at_an_older_revision(owner: Database) -> None:
    with owner.engine.begin() as conn:
        command.downgrade(migrate._config(conn), OLDER)


def test_an_upgrade_by_the_owner_waits_for_a_desk_roles_write_and_a_desk_role_may_not_run_it(db, desk, system,
                                                                                              monkeypatch, capsys):
    at_an_older_revision(db)
    assert main(["--db", desk.engine.url.render_as_string(hide_password=False), "init"], out=io.StringIO()) == 1
    assert capsys.readouterr().err.startswith(f"griddesk-admin: 数据库用户 {desk.engine.url.username} 无权改动数据库 "
                                              f"{db.engine.url.database} 的表结构")
    release, writing, wrote = a_write_under_way(desk, system)
    monkeypatch.setattr(migrate, "LOCK_ATTEMPT", 0.1)
    said = []
    upgrade, upgraded = run(lambda: migrate.upgrade(db, on_wait=said.append))
    wait_for_a_lock(db)
    with db.engine.connect() as conn:  # the owner is not shown a desk role's address, only its computer
        assert re.fullmatch(rf"{re.escape(application_name('griddesk'))}\(进程 \d+\)",
                            "、".join(migrate._writes_under_way(conn)))
    assert migrate.current_revision(db) == OLDER
    release.set()
    writing.join(10)
    upgrade.join(20)
    assert wrote == [None] and upgraded == [(OLDER, migrate.head_revision())]
    assert set(said) <= {"正在等待其他值班台正在进行的 1 项写入完成后升级…", "正在等待其他值班台正在进行的写入完成后升级…"}


@pytest.mark.parametrize("isolation", [None, "repeatable read"])
def test_a_desk_roles_write_begun_during_an_upgrade_by_the_owner_is_refused_once_it_commits(db, desk, shared, system,
                                                                                            monkeypatch, isolation):
    """A server or role whose transactions default to REPEATABLE READ: the write read the revision by the
    snapshot its transaction took before it waited for the upgrade, and went on on the upgraded database."""
    if isolation:
        with shared.admin.connect() as conn:
            conn.execute(text(f'ALTER ROLE "{shared.desk}" SET default_transaction_isolation = \'{isolation}\''))
        desk.dispose()  # the role's settings apply from the next log-in
    at_an_older_revision(db)
    refused = a_write_begun_during_a_newer_upgrade(monkeypatch, db, desk, system)
    assert isinstance(refused, DatabaseUnavailable)
    assert refused.message == f"{migrate.UPGRADED_WHILE_RUNNING}(结构版本 {NEWER});本次操作未保存"
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(ChangeFeed).where(ChangeFeed.note.is_(None))) == 0


def test_a_desk_role_not_granted_yet_is_told_who_grants_it_not_shown_a_traceback(db, shared, capsys):
    """Before `db grant-desks`, every command (grant-desks itself, run as that role by mistake) and the desktop
    failed on reading the schema's revision with PostgreSQL's traceback."""
    desk_url = make_url(shared.desk_url)
    told = (f"数据库用户 {shared.desk} 无权读取数据库 {shared.name} 的数据表(permission denied for table "
            f"alembic_version):值班台和 griddesk-admin 的其他命令所用的数据库用户,须先由数据表的所有者 {shared.owner} "
            f"为它授权:griddesk-admin --db postgresql://{shared.owner}:…@{desk_url.host}"
            f"{':' + str(desk_url.port) if desk_url.port else ''}/{shared.name} db grant-desks {shared.desk};"
            f"init 和 db grant-desks 本身须用 {shared.owner} 的账号运行")
    for command_line in (["users", "list"], ["db", "grant-desks", shared.desk], ["init"]):
        assert main(["--db", shared.desk_url, *command_line], out=io.StringIO()) == 1
        assert capsys.readouterr().err == f"griddesk-admin: {told}\n", command_line
    not_granted = Database.connect(shared.desk_url)
    try:
        with pytest.raises(DatabaseUnavailable) as refused:
            migrate.schema_problem(not_granted)  # what the desktop asks before it opens
        assert refused.value.message == told
    finally:
        not_granted.dispose()


def test_a_desk_role_on_an_older_or_empty_database_is_told_to_have_the_owner_run_init(shared, capsys):
    """They were told to run `init` with their own URL (which is refused), and before the first `init` to make
    the desktops' role the database's owner."""
    desk_url = make_url(shared.desk_url)
    port = f":{desk_url.port}" if desk_url.port else ""
    owners_init = (f"griddesk-admin --db postgresql://{shared.owner}:…@{desk_url.host}{port}/{shared.name} init"
                   f"(以数据库的所有者 {shared.owner} 的账号运行)")
    assert main(["--db", shared.desk_url, "users", "list"], out=io.StringIO()) == 1
    assert capsys.readouterr().err.endswith(f";请先对这个数据库运行 {owners_init}\n")
    assert main(["--db", shared.desk_url, "init"], out=io.StringIO()) == 1
    said = capsys.readouterr().err
    assert said == (f"griddesk-admin: 数据库用户 {shared.desk} 无权在数据库 {shared.name} 中建表(permission denied for "
                    f"schema public):数据库 {shared.name} 属于 {shared.owner},请用 {shared.owner} 的账号运行 "
                    "griddesk-admin init(值班台所用的数据库用户只能读写数据,由 init 之后的 db grant-desks 授权);"
                    "未作任何更改\n")
    assert "ALTER DATABASE" not in said

    assert main(["--db", shared.owner_url, "init"], out=io.StringIO()) == 0
    assert main(["--db", shared.owner_url, "db", "grant-desks", shared.desk], out=io.StringIO()) == 0
    owner = Database.connect(shared.owner_url)
    desk = Database.connect(shared.desk_url)
    try:
        at_an_older_revision(owner)
        owners_upgrade = owners_init.replace("以数据库的所有者", "以数据表的所有者")
        assert main(["--db", shared.desk_url, "users", "list"], out=io.StringIO()) == 1
        assert capsys.readouterr().err.endswith(f";请先对这个数据库运行 {owners_upgrade}\n")
        problem = migrate.schema_problem(desk)  # the desktop's refusal to start
        assert problem.message == (f"数据库 {desk.describe()} 的结构版本 {OLDER} 较旧;请运行 {owners_upgrade} 升级")
    finally:
        desk.dispose()
        owner.dispose()


def test_granting_says_so_where_the_desk_role_may_still_create_tables(db, shared):
    """PostgreSQL 14 and older let every role create tables in public: the grant said the role could not."""
    with db.engine.begin() as conn:  # the database's owner owns public from PostgreSQL 15
        conn.execute(text(f'GRANT CREATE ON SCHEMA public TO "{shared.desk}"'))
    said = io.StringIO()
    assert main(["--db", shared.owner_url, "db", "grant-desks", shared.desk], out=said) == 0
    first, warning = said.getvalue().splitlines()
    assert "它不能改表或删表 " in first and "建表" not in first.split(";")[-1]
    assert warning.startswith(f"注意:{shared.desk} 仍可在模式 public 中建表")
    assert "REVOKE CREATE ON SCHEMA public FROM PUBLIC" in warning


def test_a_desk_connected_as_the_owner_or_a_superuser_is_told_to_use_the_desktops_role(db, desk, shared, qtbot):
    """A desk left on the owner's URL (as the earlier README set desks up) could alter and drop every table,
    unseen: once the desktops have a role of their own, the desk says so in a banner."""
    from PySide6.QtWidgets import QWidget

    from desktop.tasks import SyncTaskRunner
    from desktop.views.owner_warning import OwnerWarning

    assert desk_roles.owner_connection(db) == desk_roles.OwnerConnection(shared.owner, shared.owner, (shared.desk,))
    assert desk_roles.owner_connection(desk) is None
    superuser = Database.connect(make_url(normalise_url(PG_URL)).set(database=shared.name)
                                 .render_as_string(hide_password=False))
    try:
        assert desk_roles.owner_connection(superuser).user == make_url(normalise_url(PG_URL)).username
    finally:
        superuser.dispose()
    for connected, told in ((db, True), (desk, False)):
        window = QWidget()
        qtbot.addWidget(window)
        window.db, window.tasks = connected, SyncTaskRunner()
        banner = OwnerWarning(window)
        assert banner.isVisibleTo(window) is told
        if told:
            assert shared.owner in banner.text.text() and shared.desk in banner.text.text()
            assert "第十五条" in banner.text.text() and "GRIDDESK_DATABASE_URL" in banner.text.text()


def test_a_member_of_the_owner_is_told_and_a_grant_to_public_makes_no_role_a_desktops_role(db, desk, shared):
    """A member of the owner's role may alter and drop the tables as the owner does; a role reached only by a
    grant to PUBLIC was never made a desktops' role (it was named as one to connect as)."""
    member, other = f"{shared.owner}_member", f"{shared.owner}_other"
    with shared.admin.connect() as conn:
        conn.execute(text(f'CREATE ROLE "{member}" LOGIN IN ROLE "{shared.owner}"'))
        conn.execute(text(f'CREATE ROLE "{other}" LOGIN'))
    as_member = Database.connect(make_url(shared.owner_url).set(username=member).render_as_string(hide_password=False))
    try:
        with db.engine.begin() as conn:
            conn.execute(text("GRANT INSERT ON cases TO PUBLIC"))
        found = desk_roles.owner_connection(as_member)
        assert found == desk_roles.OwnerConnection(member, shared.owner, (shared.desk,))
    finally:
        as_member.dispose()
        with shared.admin.connect() as conn:
            for role in (member, other):
                conn.execute(text(f'DROP OWNED BY "{role}"'))
                conn.execute(text(f'DROP ROLE "{role}"'))


def test_a_desk_on_the_owners_url_is_not_told_while_the_desktops_have_no_role_of_their_own(db, shared):
    """A single desk on its own server, or one set up before `db grant-desks`: nothing else to connect as."""
    assert desk_roles.owner_connection(db) is None
