"""User accounts kept by administrators (Art. 15): roles granted in one's own subtree, an
administrator's at its own level, an auditor's only by the system administrator; never on one's
own account, a wider administrator's or an auditor's; accounts disabled, roles revoked, passwords
reset and changed — all audited, and a disabled or demoted desk stopped at its next step."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select

from desktop.errors import Conflict, InvalidTransition, PermissionDenied, ValidationFailed
from desktop.models import AuditEntry
from desktop.models.enums import AuditOutcome, Role
from desktop.services import accounts, users

pytestmark = pytest.mark.law("Art. 15")

YINHAI, QIAOGANG, HAICHENG = "450503000000", "450503103000", "450502000000"
PASSWORD = "secret-123"


@pytest.fixture
def admins(db, system):
    for name, role, scope in (("yh_admin", Role.COUNTY_ADMIN, YINHAI), ("qg_admin", Role.TOWNSHIP_ADMIN, QIAOGANG),
                              ("qg_op", Role.OPERATOR, QIAOGANG), ("hc_admin", Role.COUNTY_ADMIN, HAICHENG)):
        users.add_user(db, system, username=name, display_name=name, password=PASSWORD, role=role, scope_code=scope)
    return {name: users.login(db, name, PASSWORD) for name in ("yh_admin", "qg_admin", "qg_op", "hc_admin")}


def test_an_administrator_grants_only_its_own_level_and_below_in_its_own_subtree(db, admins):
    township, county = admins["qg_admin"], admins["yh_admin"]
    with pytest.raises(PermissionDenied, match="管理用户的权限.*Art. 15"):  # the county's role is the county's
        accounts.grant_role(db, township, username="qg_op", role=Role.COUNTY_ADMIN, scope_code=YINHAI)
    with pytest.raises(PermissionDenied, match="Art. 15"):  # another township
        accounts.grant_role(db, township, username="qg_op", role=Role.OPERATOR, scope_code="450503101000")
    with pytest.raises(PermissionDenied, match="只能由系统管理员.*授予"):
        users.add_user(db, county, username="yh_audit", display_name=None, password=PASSWORD, role=Role.AUDITOR,
                       scope_code=YINHAI)
    with pytest.raises(ValidationFailed, match="乡镇\\(街道\\)管理员的权限范围须是乡镇\\(街道\\)"):
        accounts.grant_role(db, county, username="qg_op", role=Role.TOWNSHIP_ADMIN, scope_code=YINHAI)
    with pytest.raises(ValidationFailed, match="须是市、县\\(区\\)或乡镇\\(街道\\)"):
        accounts.grant_role(db, county, username="qg_op", role=Role.OPERATOR, scope_code="450503103001")
    accounts.grant_role(db, county, username="qg_op", role=Role.TOWNSHIP_ADMIN, scope_code=QIAOGANG)
    with pytest.raises(Conflict, match="已有乡镇\\(街道\\)管理员"):
        accounts.grant_role(db, county, username="qg_op", role=Role.TOWNSHIP_ADMIN, scope_code=QIAOGANG)
    roles, places = accounts.grantable(db, township)
    assert set(roles) == {Role.OPERATOR, Role.SUPERVISOR, Role.LIAISON, Role.TOWNSHIP_ADMIN}
    assert [code for code, _, _ in places] == [QIAOGANG]
    roles, places = accounts.grantable(db, county)
    assert Role.COUNTY_ADMIN in roles and Role.CITY_ADMIN not in roles and Role.AUDITOR not in roles
    assert places[0][0] == YINHAI and QIAOGANG in [c for c, _, _ in places] and len(places) == 1 + 4  # 银海区 and its four townships


def test_accounts_are_listed_within_the_administrators_subtree(db, admins):
    assert [a.username for a in accounts.list_accounts(db, admins["qg_admin"])] == ["qg_admin", "qg_op"]
    listed = {a.username: a for a in accounts.list_accounts(db, admins["yh_admin"])}
    assert set(listed) == {"qg_admin", "qg_op", "yh_admin"}
    assert listed["qg_op"].roles[0].place_name == "侨港" and listed["qg_op"].last_login_at is not None
    with pytest.raises(PermissionDenied, match="只有管理员"):
        accounts.list_accounts(db, admins["qg_op"])


def test_five_wrong_passwords_in_a_row_close_the_name_to_log_ins_for_a_while(db, admins):
    """Log-in failure handling (Art. 15): after 5 wrong passwords in a row the right one is refused too,
    saying until when and what to do; an administrator's reset, or the time running out, opens it
    again. A name no account has is locked the same way, so that a lock tells nobody it exists."""
    from datetime import timedelta

    from desktop.models import utcnow

    for _ in range(4):
        with pytest.raises(PermissionDenied, match="用户名或密码错误"):
            users.login(db, "qg_op", "not-it-123")
    assert users.login(db, "qg_op", PASSWORD).username == "qg_op"  # a good one starts the count afresh
    for _ in range(users.LOCK_AFTER_FAILURES):
        with pytest.raises(PermissionDenied, match="用户名或密码错误"):
            users.login(db, "qg_op", "not-it-123")
    for typed in (PASSWORD, "not-it-123"):
        with pytest.raises(PermissionDenied, match="qg_op 连续 5 次密码错误,已暂停登录和修改密码至 \\d\\d:\\d\\d;"
                                                   "请届时再试,或请管理员重置密码后登录.*Art. 15"):
            users.login(db, "qg_op", typed)
    later = utcnow() + timedelta(minutes=users.LOCK_MINUTES, seconds=1)
    assert users.login(db, "qg_op", PASSWORD, now=later).username == "qg_op"  # tries while locked add nothing
    for _ in range(users.LOCK_AFTER_FAILURES):
        with pytest.raises(PermissionDenied, match="用户名或密码错误"):
            users.login(db, "qg_op", "not-it-123")
    accounts.reset_password(db, admins["qg_admin"], "qg_op", "given-in-person")
    assert users.login(db, "qg_op", "given-in-person").must_change_password
    for _ in range(users.LOCK_AFTER_FAILURES):
        with pytest.raises(PermissionDenied, match="用户名或密码错误"):
            users.login(db, "no_such_user", "not-it-123")
    with pytest.raises(PermissionDenied, match="no_such_user 连续 5 次密码错误"):
        users.login(db, "no_such_user", "not-it-123")
    with db.session() as session:
        refused = session.scalars(select(AuditEntry.message).where(
            AuditEntry.action == "users.login", AuditEntry.outcome == AuditOutcome.DENIED,
            AuditEntry.message.contains("暂停登录"))).all()
    assert len(refused) == 3  # each refusal while locked is on record


def test_guessing_the_old_password_at_a_desk_left_open_counts_towards_the_lock(db, admins):
    """The desk's 修改本人密码 asks for the old password: guessed at a desk left open, it was tried
    without limit. Its wrong tries count with the log-in's, and the lock closes both."""
    operator = users.login(db, "qg_op", PASSWORD)
    for _ in range(users.LOCK_AFTER_FAILURES):
        with pytest.raises(PermissionDenied, match="原密码不正确"):
            accounts.change_password(db, operator, "not-it-123", "New-secret-456")
    for change in (lambda: accounts.change_password(db, operator, PASSWORD, "New-secret-456"),
                   lambda: users.login(db, "qg_op", PASSWORD)):
        with pytest.raises(PermissionDenied, match="qg_op 连续 5 次密码错误,已暂停登录和修改密码至.*Art. 15"):
            change()


def test_an_auditor_reads_the_accounts_and_roles_of_its_scope_on_record_and_changes_none(db, admins, system):
    """The auditor was refused the list ("只有管理员可以查看和管理用户账号"), though who holds which role is
    what it checks. It reads the accounts within its grants, each reading on record where it reads for the
    auditors over that place, as its reading of the audit log is; every change stays refused, saying whose it is."""
    users.add_user(db, system, username="yh_audit", display_name=None, password=PASSWORD, role=Role.AUDITOR,
                   scope_code=YINHAI)
    auditor = users.login(db, "yh_audit", PASSWORD)
    listed = {a.username: a for a in accounts.list_accounts(db, auditor)}
    assert set(listed) == {"qg_admin", "qg_op", "yh_admin", "yh_audit"}  # not 海城区's administrator
    assert [(r.role, r.place_code) for r in listed["qg_admin"].roles] == [(Role.TOWNSHIP_ADMIN, QIAOGANG)]
    assert not accounts.may_manage(auditor) and accounts.may_manage(admins["qg_admin"])
    assert {a.refusal for a in listed.values()} == {accounts.READ_ONLY}
    assert accounts.grantable(db, auditor) == ([], []) and accounts.appointable_departments(db, auditor) == []
    for change in (lambda: accounts.set_active(db, auditor, "qg_op", False),
                   lambda: accounts.reset_password(db, auditor, "qg_op", "given-in-person"),
                   lambda: accounts.check_resettable(db, auditor, "qg_op")):
        with pytest.raises(PermissionDenied, match="审计员只查看账号与角色,不能更改;.*管理员办理.*Art. 15"):
            change()
    for change in (lambda: accounts.grant_role(db, auditor, username="qg_op", role=Role.SUPERVISOR, scope_code=QIAOGANG),
                   lambda: accounts.revoke_role(db, auditor, "qg_op", Role.OPERATOR, QIAOGANG),
                   lambda: users.add_user(db, auditor, username="qg_op2", display_name=None, password=PASSWORD,
                                          role=Role.OPERATOR, scope_code=QIAOGANG)):
        with pytest.raises(PermissionDenied, match="管理用户的权限.*Art. 15"):
            change()
    assert users.login(db, "qg_op", PASSWORD).roles == {Role.OPERATOR}
    with db.session() as session:
        reads = session.execute(select(AuditEntry.actor, AuditEntry.place_code, AuditEntry.message)
                                .where(AuditEntry.action == "users.read")).all()
    assert reads == [("yh_audit", YINHAI, "查阅用户账号与角色(4 个账号)")]
    # An administrator's own screen, reloaded with each change it makes, is not a reading on record.
    accounts.list_accounts(db, admins["yh_admin"])
    with db.session() as session:
        assert session.scalar(select(func.count()).where(AuditEntry.action == "users.read")) == 1
    with pytest.raises(PermissionDenied, match="只有管理员和审计员可以查看用户账号"):
        accounts.list_accounts(db, admins["qg_op"])


def test_an_account_disabled_or_reset_is_on_record_where_it_works_for_that_places_auditor(db, admins):
    """Who disabled an operator or reset their password is read by the county's auditor, not only the city's."""
    from desktop.models.enums import PlaceLevel
    from desktop.services import audit_log
    from desktop.services.security import Actor, Grant

    accounts.reset_password(db, admins["qg_admin"], "qg_op", "given-in-person")
    accounts.set_active(db, admins["yh_admin"], "qg_op", False)
    auditor = Actor(username="yh_audit", display_name="银海区审计员", grants=(Grant(Role.AUDITOR, YINHAI, PlaceLevel.COUNTY),))
    read = audit_log.entries(db, auditor, audit_log.AuditFilter(action="users."))
    assert [(r.message, r.place_code) for r in read if r.target == "qg_op"][:2] == [
        ("停用账号 qg_op", QIAOGANG), ("重置 qg_op 的密码", QIAOGANG)]


def test_changing_ones_password_and_reading_the_log_are_on_record_where_the_user_works(db, admins):
    """Both were placeless, read by the city's auditor alone (Art. 15)."""
    from desktop.models.enums import PlaceLevel
    from desktop.services import audit_log
    from desktop.services.security import Actor, Grant

    operator = users.login(db, "qg_op", PASSWORD)
    accounts.change_password(db, operator, PASSWORD, "New-secret-456")
    township_auditor = Actor(username="qg_audit", display_name="侨港审计员",
                             grants=(Grant(Role.AUDITOR, QIAOGANG, PlaceLevel.TOWNSHIP),))
    audit_log.entries(db, township_auditor, audit_log.AuditFilter(action="users."))
    county_auditor = Actor(username="yh_audit", display_name="银海区审计员",
                           grants=(Grant(Role.AUDITOR, YINHAI, PlaceLevel.COUNTY),))
    read = audit_log.entries(db, county_auditor, audit_log.AuditFilter())
    assert ("users.change_password", "qg_op", QIAOGANG) in [(r.action, r.target, r.place_code) for r in read]
    assert ("audit.read", "qg_audit", QIAOGANG) in [(r.action, r.actor, r.place_code) for r in read]


def test_a_disabled_account_cannot_log_in_until_enabled(db, admins):
    township = admins["qg_admin"]
    accounts.set_active(db, township, "qg_op", False)
    with pytest.raises(PermissionDenied, match="已停用"):
        users.login(db, "qg_op", PASSWORD)
    with pytest.raises(InvalidTransition, match="已停用"):
        accounts.set_active(db, township, "qg_op", False)
    with pytest.raises(PermissionDenied, match="管辖范围以外的角色\\(县\\(区\\)管理员 @ 银海\\)"):  # the county's to disable
        accounts.set_active(db, township, "yh_admin", False)
    with pytest.raises(PermissionDenied, match="不能修改自己的账号"):
        accounts.set_active(db, township, "qg_admin", False)
    accounts.set_active(db, township, "qg_op", True)
    assert users.login(db, "qg_op", PASSWORD).username == "qg_op"
    with db.session() as session:
        assert session.scalars(select(AuditEntry.message).where(AuditEntry.action.in_(
            ["users.disable", "users.enable"]), AuditEntry.outcome == AuditOutcome.OK).order_by(AuditEntry.id)
        ).all() == ["停用账号 qg_op", "启用账号 qg_op"]


def test_a_role_is_revoked_but_never_the_last(db, admins):
    county = admins["yh_admin"]
    accounts.grant_role(db, county, username="qg_op", role=Role.SUPERVISOR, scope_code=QIAOGANG)
    accounts.revoke_role(db, county, "qg_op", Role.OPERATOR, QIAOGANG)
    assert [r.role for r in next(a for a in accounts.list_accounts(db, county) if a.username == "qg_op").roles] == [
        Role.SUPERVISOR]
    with pytest.raises(InvalidTransition, match="仅有的角色;不再使用的账号请停用"):
        accounts.revoke_role(db, county, "qg_op", Role.SUPERVISOR, QIAOGANG)
    with pytest.raises(PermissionDenied):
        accounts.revoke_role(db, admins["hc_admin"], "qg_op", Role.SUPERVISOR, QIAOGANG)


def test_passwords_are_reset_by_an_administrator_and_changed_by_their_owner(db, admins, system):
    accounts.reset_password(db, admins["qg_admin"], "qg_op", "given-in-person")
    operator = users.login(db, "qg_op", "given-in-person")
    with pytest.raises(PermissionDenied, match="原密码不正确"):
        accounts.change_password(db, operator, "wrong-one", "my-own-secret")
    with pytest.raises(ValidationFailed, match="至少 8 位"):
        accounts.change_password(db, operator, "given-in-person", "short")
    accounts.change_password(db, operator, "given-in-person", "my-own-secret")
    assert users.login(db, "qg_op", "my-own-secret").username == "qg_op"
    with pytest.raises(PermissionDenied, match="不能修改自己的账号"):
        accounts.reset_password(db, admins["qg_admin"], "qg_admin", "another-one")
    with pytest.raises(InvalidTransition, match="系统管理员没有登录密码"):
        accounts.change_password(db, system, "x", "another-one")
    with db.session() as session:
        entries = session.scalars(select(AuditEntry).where(AuditEntry.action.like("users.%"))).all()
    logged = " ".join(f"{e.message} {e.target} {e.detail}" for e in entries)
    assert "given-in-person" not in logged and "my-own-secret" not in logged and "wrong-one" not in logged
    assert "重置 qg_op 的密码" in logged and "修改本人密码" in logged
    assert any(e.action == "users.change_password" and e.outcome is AuditOutcome.DENIED for e in entries)


def test_an_administrator_neither_raises_itself_nor_touches_a_wider_or_an_auditors_account(db, admins, system):
    county, township = admins["yh_admin"], admins["qg_admin"]
    with pytest.raises(PermissionDenied, match="不能修改自己的账号"):  # a county admin making itself a township's too
        accounts.grant_role(db, county, username="yh_admin", role=Role.TOWNSHIP_ADMIN, scope_code=QIAOGANG)
    accounts.grant_role(db, system, username="yh_admin", role=Role.OPERATOR, scope_code=QIAOGANG)
    assert "yh_admin" in [a.username for a in accounts.list_accounts(db, township)]  # listed, not changeable:
    assert not next(a for a in accounts.list_accounts(db, township) if a.username == "yh_admin").manageable
    for step in (lambda: accounts.reset_password(db, township, "yh_admin", "taken-over-1"),
                 lambda: accounts.set_active(db, township, "yh_admin", False),
                 lambda: accounts.grant_role(db, township, username="yh_admin", role=Role.SUPERVISOR,
                                             scope_code=QIAOGANG)):
        with pytest.raises(PermissionDenied, match="县\\(区\\)管理员 @ 银海"):
            step()
    users.add_user(db, system, username="yh_audit", display_name=None, password=PASSWORD, role=Role.AUDITOR,
                   scope_code=YINHAI)
    for step in (lambda: accounts.reset_password(db, county, "yh_audit", "taken-over-1"),
                 lambda: accounts.set_active(db, county, "yh_audit", False),
                 lambda: accounts.grant_role(db, county, username="yh_audit", role=Role.OPERATOR,
                                             scope_code=YINHAI)):
        with pytest.raises(PermissionDenied, match="审计员账号只能由系统管理员"):
            step()


def test_a_disabled_or_demoted_desk_is_stopped_at_its_next_step(db, admins, system):
    from desktop.services.cases import intake
    from desktop.models.enums import Channel, MatterCategory

    operator = admins["qg_op"]  # logged in before the changes below
    accounts.grant_role(db, system, username="qg_op", role=Role.SUPERVISOR, scope_code=QIAOGANG)
    accounts.revoke_role(db, admins["qg_admin"], "qg_op", Role.OPERATOR, QIAOGANG)
    with pytest.raises(PermissionDenied, match="角色已被管理员调整,请重新登录"):
        intake.take_in(db, operator, channel=Channel.WALK_IN, title="路灯不亮", description="侨北路路灯不亮",
                       category=MatterCategory.LIVELIHOOD)
    supervisor = users.login(db, "qg_op", PASSWORD)
    accounts.set_active(db, admins["yh_admin"], "qg_admin", False)
    with pytest.raises(PermissionDenied, match="账号已被停用"):  # the disabled admin's open desk
        accounts.set_active(db, admins["qg_admin"], "qg_op", False)
    assert users.login(db, "qg_op", PASSWORD).username == supervisor.username  # nothing it tried took effect


def test_two_administrators_disabling_each_other_at_once_leave_one_standing(db, admins, system, backend):
    if backend == "sqlite":
        pytest.skip("a single-desktop SQLite file serialises writers; the race is a PostgreSQL matter")
    users.add_user(db, system, username="qg_admin2", display_name=None, password=PASSWORD, role=Role.TOWNSHIP_ADMIN,
                   scope_code=QIAOGANG)
    second = users.login(db, "qg_admin2", PASSWORD)
    barrier, outcomes = threading.Barrier(2), {}

    def desk(actor, other):
        barrier.wait()
        try:
            accounts.set_active(db, actor, other, False)
            outcomes[actor.username] = "disabled " + other
        except PermissionDenied as exc:
            outcomes[actor.username] = exc.message

    threads = [threading.Thread(target=desk, args=(admins["qg_admin"], "qg_admin2")),
               threading.Thread(target=desk, args=(second, "qg_admin"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    assert sorted(o.startswith("disabled") for o in outcomes.values()) == [False, True]
    assert any("账号已被停用" in o for o in outcomes.values())
    assert sum(a.active for a in accounts.list_accounts(db, system) if a.username.startswith("qg_admin")) == 1


def test_a_liaison_role_is_granted_with_the_accounts_department_and_non_administrators_are_told_so(db, admins,
                                                                                                   system):
    from desktop.services import departments
    from desktop.services.departments import DepartmentDraft

    office = departments.add_department(db, system, code="QG-PCS", place_code=QIAOGANG,
                                        draft=DepartmentDraft("侨港派出所"))
    with pytest.raises(ValidationFailed, match="须指定所属联动部门"):
        accounts.grant_role(db, admins["qg_admin"], username="qg_op", role=Role.LIAISON, scope_code=QIAOGANG)
    accounts.grant_role(db, admins["qg_admin"], username="qg_op", role=Role.LIAISON, scope_code=QIAOGANG,
                        department_id=office.id)
    assert users.login(db, "qg_op", PASSWORD).department_id == office.id
    with pytest.raises(PermissionDenied, match=r"只有管理员可以管理用户账号;.*请找本乡镇\(街道\)或县\(区\)的管理员办理"):
        accounts.set_active(db, admins["qg_op"], "qg_admin", False)


def test_an_administrator_names_liaisons_only_of_the_departments_of_its_own_subtree(db, admins, system):
    """A liaison acts for its department (Art. 19): the township cannot name someone to act for
    the county's bureau, from a new account or a grant; the county, whose department it is, can."""
    from desktop.services import departments
    from desktop.services.departments import DepartmentDraft

    bureau = departments.add_department(db, system, code="YH-ZJJ", place_code=YINHAI,
                                        draft=DepartmentDraft("银海区住房和城乡建设局"))
    office = departments.add_department(db, system, code="QG-PCS", place_code=QIAOGANG,
                                        draft=DepartmentDraft("侨港派出所"))
    township, county = admins["qg_admin"], admins["yh_admin"]
    with pytest.raises(PermissionDenied, match="银海区住房和城乡建设局是银海的联动部门.*银海或上级的管理员指定.*Art. 15"):
        users.add_user(db, township, username="qg_zjj", display_name=None, password=PASSWORD, role=Role.LIAISON,
                       scope_code=QIAOGANG, department_id=bureau.id)
    with pytest.raises(PermissionDenied, match="银海区住房和城乡建设局是银海的联动部门"):
        accounts.grant_role(db, township, username="qg_op", role=Role.LIAISON, scope_code=QIAOGANG,
                            department_id=bureau.id)
    assert users.login(db, "qg_op", PASSWORD).department_id is None
    with db.session() as session:
        refused = session.scalars(select(AuditEntry).where(AuditEntry.action.in_(["users.add", "users.grant"]),
                                                           AuditEntry.outcome == AuditOutcome.DENIED)).all()
    assert [(e.actor, e.target) for e in refused] == [("qg_admin", "qg_zjj"), ("qg_admin", "qg_op")]
    assert [d.code for d in accounts.appointable_departments(db, township)] == ["QG-PCS"]
    assert [d.code for d in accounts.appointable_departments(db, county)] == ["QG-PCS", "YH-ZJJ"]
    users.add_user(db, county, username="qg_zjj", display_name=None, password=PASSWORD, role=Role.LIAISON,
                   scope_code=QIAOGANG, department_id=bureau.id)
    accounts.grant_role(db, township, username="qg_op", role=Role.LIAISON, scope_code=QIAOGANG,
                        department_id=office.id)


@pytest.mark.law("Art. 19")
def test_a_liaisons_scope_is_on_its_departments_line_not_beside_it(db, admins, system):
    """A liaison of 侨港派出所 scoped to 福成镇 saw none of the station's cases, and nothing said so: the scope
    holds the department's territory (银海, 侨港) or lies within it, from a new account or a grant."""
    from desktop.services import departments
    from desktop.services.departments import DepartmentDraft

    office = departments.add_department(db, system, code="QG-PCS", place_code=QIAOGANG,
                                        draft=DepartmentDraft("侨港派出所"))
    bureau = departments.add_department(db, system, code="YH-SCJ", place_code=YINHAI,
                                        draft=DepartmentDraft("银海区市场监督管理局"))
    county, fucheng = admins["yh_admin"], "450503100000"
    beside = r"侨港派出所是侨港的联动部门,其联络员的权限范围须是侨港、其上级或其下辖的地方;福成不在其中.*\(Art\. 19\)"
    with pytest.raises(ValidationFailed, match=beside) as refused:
        users.add_user(db, county, username="fc_pcs", display_name=None, password=PASSWORD, role=Role.LIAISON,
                       scope_code=fucheng, department_id=office.id)
    assert refused.value.field == "scope"
    users.add_user(db, county, username="fc_pcs", display_name=None, password=PASSWORD, role=Role.OPERATOR,
                   scope_code=fucheng)
    with pytest.raises(ValidationFailed, match=beside):
        accounts.grant_role(db, county, username="fc_pcs", role=Role.LIAISON, scope_code=fucheng,
                            department_id=office.id)
    assert users.login(db, "fc_pcs", PASSWORD).department_id is None
    for username, scope, department in (("yh_pcs", YINHAI, office), ("qg_pcs", QIAOGANG, office),
                                        ("qg_scj", QIAOGANG, bureau), ("yh_scj", YINHAI, bureau)):
        users.add_user(db, county, username=username, display_name=None, password=PASSWORD, role=Role.LIAISON,
                       scope_code=scope, department_id=department.id)
        assert users.login(db, username, PASSWORD).department_id == department.id


def test_a_name_longer_than_an_account_keeps_is_refused_before_it_is_written(db, admins):
    with pytest.raises(ValidationFailed, match="用户名最多 40 个字符,“qg_aaaaaaaaa…”有 41 个;请改短"):
        users.add_user(db, admins["qg_admin"], username="qg_" + "a" * 38, display_name=None, password=PASSWORD,
                       role=Role.OPERATOR, scope_code=QIAOGANG)
    with pytest.raises(ValidationFailed, match="显示名最多 60 个字符.*有 61 个"):
        users.add_user(db, admins["qg_admin"], username="qg_op2", display_name="侨" * 61, password=PASSWORD,
                       role=Role.OPERATOR, scope_code=QIAOGANG)
    users.add_user(db, admins["qg_admin"], username="qg_" + "a" * 37, display_name="侨" * 60, password=PASSWORD,
                   role=Role.OPERATOR, scope_code=QIAOGANG)
    assert [len(a.username) for a in accounts.list_accounts(db, admins["qg_admin"])] == [40, 8, 5]


def test_a_department_is_named_only_with_a_liaisons_role(db, admins, system):
    """An account of a department counts as the department's: a township administrator given one
    by a slip of the form could no longer propose grids (Art. 6(3))."""
    from desktop.services import departments
    from desktop.services.departments import DepartmentDraft

    office = departments.add_department(db, system, code="QG-PCS", place_code=QIAOGANG,
                                        draft=DepartmentDraft("侨港派出所"))
    with pytest.raises(ValidationFailed, match="所属联动部门只随联络员角色填写;乡镇\\(街道\\)管理员不属于联动部门"):
        users.add_user(db, admins["yh_admin"], username="qg_admin2", display_name=None, password=PASSWORD,
                       role=Role.TOWNSHIP_ADMIN, scope_code=QIAOGANG, department_id=office.id)
    with pytest.raises(ValidationFailed, match="值班长不属于联动部门"):
        accounts.grant_role(db, admins["qg_admin"], username="qg_op", role=Role.SUPERVISOR, scope_code=QIAOGANG,
                            department_id=office.id)
    assert users.login(db, "qg_op", PASSWORD).department_id is None
    assert "qg_admin2" not in [a.username for a in accounts.list_accounts(db, system)]


@pytest.mark.law("Art. 15")
@pytest.mark.parametrize(("password", "said"), [
    ("        ", "不能全是空格或同一个字符"), ("aaaaaaaaaa", "不能全是空格或同一个字符"),
    ("abcdefghij", "须含字母、数字、符号中的至少两类"), ("1234567890", "须含字母、数字、符号中的至少两类"),
    ("QG_op-2026", "不能包含用户名 qg_op"), ("ab-1", "至少 8 位"),
])
def test_a_password_easy_to_guess_is_refused_wherever_it_is_set(db, admins, system, password, said):
    """Eight spaces, or the log-in name itself, had been taken: only the length was checked."""
    for step in (lambda: accounts.reset_password(db, admins["qg_admin"], "qg_op", password),
                 lambda: accounts.change_password(db, admins["qg_op"], PASSWORD, password),
                 lambda: users.add_user(db, system, username="qg_op", display_name=None, password=password,
                                        role=Role.OPERATOR, scope_code=QIAOGANG)):
        with pytest.raises(ValidationFailed, match=said):
            step()
    assert users.login(db, "qg_op", PASSWORD).username == "qg_op"  # unchanged


@pytest.mark.law("Art. 15")
def test_a_user_name_is_plain_ascii_and_not_another_one_in_other_case(db, admins, system):
    """A full-width ｑｇ_op, or QG_OP, would pass for qg_op in a list of accounts and in the audit log."""
    for name, said in (("ｑｇ_op2", "只能用英文字母、数字、下划线和点"), ("侨港值班员", "只能用英文字母"),
                       ("QG_OP", "与已有的 qg_op 只差大小写")):
        with pytest.raises((ValidationFailed, Conflict), match=said):
            users.add_user(db, system, username=name, display_name=None, password=PASSWORD, role=Role.OPERATOR,
                           scope_code=QIAOGANG)
    users.add_user(db, system, username="qg.op_2", display_name=None, password=PASSWORD, role=Role.OPERATOR,
                   scope_code=QIAOGANG)


@pytest.mark.law("Art. 15")
def test_a_password_an_administrator_chose_is_changed_by_its_owner_at_the_next_log_in(db, admins, system):
    """A reset or a new account's password is known to the administrator who typed it: its owner sets
    their own before working. The command line's first accounts (set up by their owners) are not marked."""
    assert not users.login(db, "qg_op", PASSWORD).must_change_password  # added from the command line
    accounts.reset_password(db, admins["qg_admin"], "qg_op", "given-in-person")
    operator = users.login(db, "qg_op", "given-in-person")
    assert operator.must_change_password
    accounts.change_password(db, operator, "given-in-person", "my-own-secret-1")
    assert not users.login(db, "qg_op", "my-own-secret-1").must_change_password
    users.add_user(db, admins["qg_admin"], username="qg_op9", display_name=None, password="first-one-9",
                   role=Role.OPERATOR, scope_code=QIAOGANG)  # at the desk
    assert users.login(db, "qg_op9", "first-one-9").must_change_password


def _password_set_days_ago(db, username: str, days: float) -> None:
    from datetime import timedelta

    from desktop.models import User, utcnow
    with db.session() as session:
        session.scalar(select(User).where(User.username == username)).password_changed_at = (
            utcnow() - timedelta(days=days))
        session.commit()


@pytest.mark.law("Art. 15")
def test_a_password_older_than_the_city_allows_is_replaced_at_the_next_log_in(db, admins):
    """Passwords are changed periodically (Art. 15, information security): past the city's maximum age
    (90 days unless set) the password still logs in, and the desk asks for a new one; a new one, or
    one set by an administrator, counts afresh."""
    from desktop.services import password_policy

    assert password_policy.load_max_age_days(db) == password_policy.DEFAULT_MAX_AGE_DAYS == 90
    assert not users.login(db, "qg_op", PASSWORD).password_expired
    _password_set_days_ago(db, "qg_op", 89.9)
    assert not users.login(db, "qg_op", PASSWORD).password_expired
    _password_set_days_ago(db, "qg_op", 90.1)
    operator = users.login(db, "qg_op", PASSWORD)
    assert operator.password_expired and not operator.must_change_password
    accounts.change_password(db, operator, PASSWORD, "my-own-secret-1")
    assert not users.login(db, "qg_op", "my-own-secret-1").password_expired
    _password_set_days_ago(db, "qg_op", 400)
    accounts.reset_password(db, admins["qg_admin"], "qg_op", "given-in-person")
    reset = users.login(db, "qg_op", "given-in-person")
    assert reset.must_change_password and not reset.password_expired


@pytest.mark.law("Art. 15")
def test_the_maximum_password_age_is_the_citys_to_set(db, admins, system):
    from desktop.services import password_policy

    with pytest.raises(PermissionDenied, match="设定密码最长使用天数.*Art. 15"):
        password_policy.set_max_age_days(db, admins["yh_admin"], 30)
    for wrong in (-1, 3651, "30", True):
        with pytest.raises(ValidationFailed, match="0 至 3650 的整数"):
            password_policy.set_max_age_days(db, system, wrong)
    assert password_policy.load_max_age_days(db) == 90
    users.add_user(db, system, username="bh_admin", display_name=None, password=PASSWORD, role=Role.CITY_ADMIN,
                   scope_code="450500000000")
    city = users.login(db, "bh_admin", PASSWORD)
    password_policy.set_max_age_days(db, city, 30)
    _password_set_days_ago(db, "qg_op", 31)
    assert users.login(db, "qg_op", PASSWORD).password_expired
    password_policy.set_max_age_days(db, city, 0)  # passwords do not expire
    assert not users.login(db, "qg_op", PASSWORD).password_expired
    with db.session() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "users.password_policy")
                                .order_by(AuditEntry.id.desc())).first()
        assert entry.actor == "bh_admin" and entry.message == "密码最长使用天数由 30 天 改为 不限"


def test_upgrading_counts_the_passwords_in_use_from_the_upgrade(db, admins):
    """Migration 0021: no one is asked for a new password on the day the maximum age comes in."""
    from datetime import timedelta

    from alembic import command

    from desktop import migrate
    from desktop.models import User, utcnow

    _password_set_days_ago(db, "qg_op", 400)
    with db.engine.begin() as conn:
        command.downgrade(migrate._config(conn), "0020")
    migrate.upgrade(db)
    assert not users.login(db, "qg_op", PASSWORD).password_expired
    with db.session() as session:
        changed = session.scalar(select(User.password_changed_at).where(User.username == "qg_op"))
        assert utcnow() - changed < timedelta(minutes=5)


def test_a_log_in_records_the_operating_system_account_of_the_desk(db, admins, monkeypatch):
    """Who did what from where: on a duty-room PC shared by shifts, the Windows account tells who sat at it."""
    monkeypatch.setattr("getpass.getuser", lambda: "duty_room_li")
    operator = users.login(db, "qg_op", PASSWORD, desktop="DUTY-PC")
    assert (operator.os_user, operator.desktop) == ("duty_room_li", "DUTY-PC")
    with pytest.raises(PermissionDenied):
        users.login(db, "qg_op", "not-it-123", desktop="DUTY-PC")

    def nameless():
        raise OSError("no user name")

    monkeypatch.setattr("getpass.getuser", nameless)  # a machine without a user name still logs in
    assert users.login(db, "qg_op", PASSWORD, desktop="DUTY-PC").os_user is None
    with db.session() as session:
        recorded = session.execute(select(AuditEntry.outcome, AuditEntry.os_user, AuditEntry.desktop).where(
            AuditEntry.action == "users.login", AuditEntry.desktop == "DUTY-PC").order_by(AuditEntry.id)).all()
    assert recorded == [(AuditOutcome.OK, "duty_room_li", "DUTY-PC"), (AuditOutcome.DENIED, "duty_room_li", "DUTY-PC"),
                        (AuditOutcome.OK, None, "DUTY-PC")]
