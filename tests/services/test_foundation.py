"""Foundation services: reference tree, scope refusals and the audit chain."""

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from desktop import migrate
from desktop.errors import NotFound, PermissionDenied, ValidationFailed
from desktop.models import AuditEntry, Department, Place
from desktop.models.enums import AuditOutcome, DepartmentLevel, PlaceLevel, Role
from desktop.services import accounts, places, reference, users
from desktop.services.audit import verify_chain


def test_reference_tree_has_the_real_counts(db):
    counts = places.count_by_level(db)
    assert counts == {PlaceLevel.CITY: 1, PlaceLevel.COUNTY: 4, PlaceLevel.TOWNSHIP: 30, PlaceLevel.VILLAGE: 437}
    townships = places.list_places(db, level=PlaceLevel.TOWNSHIP)
    assert {t.code for t in townships} >= {"450503103000", "450502007000"}
    assert places.place_info(db, "450503").name == "银海区"


def test_second_load_changes_nothing(db, system):
    report = reference.load_beihai_tree(db, system)
    assert (report.added, report.updated, report.unchanged) == (0, 0, 472)


def test_migrations_are_at_head_and_match_models(db):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from desktop.models import Base

    assert migrate.current_revision(db) == migrate.head_revision()
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


@pytest.mark.law("Art. 15")
def test_user_of_another_township_is_refused_and_refusal_is_audited(db, system):
    users.add_user(db, system, username="qg_op", display_name="侨港值班员", password="secret-123",
                   role=Role.OPERATOR, scope_code="450503103000")
    actor = users.login(db, "qg_op", "secret-123")
    with pytest.raises(PermissionDenied, match="Art. 15"):
        places.create_grid(db, actor, village_code="450502001003", code="450502001003001", name="越界网格")
    with db.session() as session:
        last = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert last.outcome is AuditOutcome.DENIED
        assert last.action == "places.create_grid" and last.actor == "qg_op"
        assert session.scalar(select(text("count(*)")).select_from(text("places")).where(text("level='grid'"))) == 0
        assert verify_chain(session) == []


def test_a_liaison_must_name_their_department(db, system):
    township = "450503103000"
    with pytest.raises(ValidationFailed, match="联动部门联络员须指定所属联动部门") as refused:
        users.add_user(db, system, username="qg_pcs", display_name="派出所联络员", password="secret-123",
                       role=Role.LIAISON, scope_code=township)
    assert refused.value.field == "department"
    # Named as the desk's form shows it (GrantForm's 所属联动部门), not as the command line's department code.
    assert refused.value.message.startswith("所属联动部门(department):") and "代码" not in refused.value.message
    users.add_user(db, system, username="qg_op", display_name="值班员", password="secret-123",
                   role=Role.OPERATOR, scope_code=township)
    with pytest.raises(ValidationFailed, match="联动部门联络员须指定所属联动部门"):
        accounts.grant_role(db, system, username="qg_op", role=Role.LIAISON, scope_code=township)
    assert [(a.username, [(r.role, r.place_code) for r in a.roles]) for a in accounts.list_accounts(db, system)] == [
        ("qg_op", [(Role.OPERATOR, township)])]

    with db.session() as session:
        police = Department(code="qg-pcs", name="侨港派出所", short_name="派出所", level=DepartmentLevel.TOWNSHIP,
                            place_id=session.scalar(select(Place.id).where(Place.code == township)))
        session.add(police)
        session.commit()
        police_id = police.id
    users.add_user(db, system, username="qg_pcs", display_name="派出所联络员", password="secret-123",
                   role=Role.LIAISON, scope_code=township, department_id=police_id)
    assert users.actor_for(db, "qg_pcs").department_id == police_id


def test_unknown_and_malformed_codes(db):
    with pytest.raises(NotFound, match="450599"):
        places.place_info(db, "450599")
    with pytest.raises(ValidationFailed):
        places.place_info(db, "45x")


def test_bad_password_is_refused_and_audited(db, system):
    with pytest.raises(PermissionDenied, match="还没有可登录的用户账号;请管理员先添加,例如:griddesk-admin users add"):
        users.login(db, "admin", "admin")  # a new database: what to do, not "wrong password"
    users.add_user(db, system, username="a1", display_name="甲", password="right-pass",
                   role=Role.OPERATOR, scope_code="450503103000")
    with pytest.raises(PermissionDenied, match="^用户名或密码错误,或账号已停用$"):
        users.login(db, "a1", "wrong-pass")
    with db.session() as session:
        assert session.scalars(select(AuditEntry.outcome).order_by(AuditEntry.id.desc())).first() is AuditOutcome.DENIED


@pytest.mark.law("Art. 15")
def test_a_stopped_account_is_told_so_once_its_password_is_right(db, system):
    """A stopped user typing the right password was told "wrong password" and tried again and again; a
    wrong password still says no more than before, so that nobody learns which accounts exist."""
    users.add_user(db, system, username="a1", display_name="甲", password="right-pass",
                   role=Role.OPERATOR, scope_code="450503103000")
    users.add_user(db, system, username="a2", display_name="乙", password="other-pass",
                   role=Role.OPERATOR, scope_code="450503103000")
    accounts.set_active(db, system, "a1", False)
    with pytest.raises(PermissionDenied, match="^用户名或密码错误,或账号已停用$"):
        users.login(db, "a1", "wrong-pass")
    with pytest.raises(PermissionDenied, match=r"^账号 a1 已停用;如仍需使用,请联系管理员重新启用\(Art. 15\)$"):
        users.login(db, "a1", "right-pass")
    with db.session() as session:
        last = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert (last.action, last.outcome, last.target) == ("users.login", AuditOutcome.DENIED, "a1")


@pytest.mark.law("Art. 15")
def test_audit_log_is_append_only_and_tamper_evident(db, system):
    users.add_user(db, system, username="a2", display_name="乙", password="right-pass",
                   role=Role.OPERATOR, scope_code="450503103000")
    with db.engine.connect() as conn:
        with pytest.raises(DBAPIError, match="append-only"):
            conn.execute(text("UPDATE audit_log SET message = 'x'"))
        conn.rollback()
        with pytest.raises(DBAPIError, match="append-only"):
            conn.execute(text("DELETE FROM audit_log"))


@pytest.mark.law("Art. 15")
def test_a_login_typed_with_a_character_no_database_keeps_is_refused_as_wrong_and_still_audited(db, system):
    users.add_user(db, system, username="qg_op", display_name="侨港值班员", password="secret-123",
                   role=Role.OPERATOR, scope_code="450503103000")
    with pytest.raises(PermissionDenied, match="用户名或密码错误"):
        users.login(db, "qg_op\x00", "secret-123")
    with db.session() as session:
        last = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert (last.outcome, last.action, last.target) == (AuditOutcome.DENIED, "users.login", "qg_op\\x00")
        assert verify_chain(session) == []


@pytest.mark.law("Art. 15")
def test_a_login_typed_longer_than_any_account_name_is_refused_as_wrong_and_still_audited(db, system):
    users.add_user(db, system, username="qg_op", display_name="侨港值班员", password="secret-123",
                   role=Role.OPERATOR, scope_code="450503103000")
    pasted = "qg_op" + "x" * 95  # a password pasted into the name field, say
    with pytest.raises(PermissionDenied, match="^用户名或密码错误,或账号已停用$"):
        users.login(db, pasted, "secret-123")
    with db.session() as session:
        last = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert (last.outcome, last.action) == (AuditOutcome.DENIED, "users.login")
        assert last.actor == last.target == pasted[:59] + "…"
        assert verify_chain(session) == []
