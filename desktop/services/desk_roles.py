"""The PostgreSQL role the desktops of a shared database log in with: it reads and writes the data but
cannot change the schema, which only the schema's owner, running `griddesk-admin init`, does (Art. 15:
information security, each account no more rights than its work needs)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text

from ..db import Database
from ..errors import NotFound, PermissionDenied, ValidationFailed
from ..models.places import CITY_CODE
from ..said import Message
from .security import Actor, Permission
from .unit_of_work import unit_of_work

TABLE_RIGHTS = "SELECT, INSERT, UPDATE, DELETE"
SEQUENCE_RIGHTS = "USAGE, SELECT"
# Read only, even by a desk: the schema's revision is the upgrade's to write (migrate.held_revision).
READ_ONLY_TABLES = ("alembic_version",)


@dataclass(frozen=True)
class Granted:
    role: str
    owner: str  # the schema's owner, whose tables made later the role may use as well
    tables: int
    sequences: int
    can_log_in: bool
    schema: str = "public"
    # The role may yet create tables of its own in the schema: PostgreSQL 14 and older let every role
    # (PUBLIC) do so in public, which no grant of ours takes back (the schema is not the owner's to revoke on).
    can_create: bool = False


def revoke_create(schema: str) -> str:
    """What the server's administrator runs so that no role but the owner creates tables in `schema`."""
    return (f"请由数据库管理员运行 REVOKE CREATE ON SCHEMA {schema} FROM PUBLIC"
            "(PostgreSQL 14 及更早的版本默认允许所有用户在 public 中建表)")


_GRANTING_DESK_ROLES = Message("为值班台的数据库用户授权")()  # what was asked, in a refusal (UnitOfWork.require)


def grant_desks(db: Database, actor: Actor, role: str) -> Granted:
    """Grant `role` what a desktop needs on the tables and sequences there are, and, as default privileges of
    the tables' owner, on those a later `init` creates: rows to read and write, no CREATE, no ownership, no
    TRUNCATE. Run as the tables' owner (or a role having its privileges); repeated, it changes nothing."""
    if db.is_sqlite:
        raise ValidationFailed("SQLite 数据库文件没有数据库用户,无从授权:值班台能否读写由该文件及其文件夹的读写权限决定;"
                               "授权只用于共享的 PostgreSQL 数据库", field="role")
    with unit_of_work(db, actor, "db.grant_desks", target=role) as uow:
        uow.require(Permission.MANAGE_USERS, CITY_CODE, action=_GRANTING_DESK_ROLES)
        session = uow.session
        found = session.execute(text("SELECT rolsuper, rolcanlogin FROM pg_roles WHERE rolname = :role"),
                                {"role": role}).one_or_none()
        if found is None:
            raise NotFound(f"数据库服务器上没有名为 {role!r} 的数据库用户(角色);请由数据库管理员先建立它"
                           f"(如 createuser --pwprompt {role}),再运行本命令")
        superuser, can_log_in = found
        schema, owner, me = session.execute(text(
            "SELECT current_schema(), tableowner, current_user FROM pg_tables "
            "WHERE schemaname = current_schema() AND tablename = 'alembic_version'")).one()
        if role == owner:
            raise ValidationFailed(f"数据库用户 {role} 就是数据表的所有者(运行 griddesk-admin init 的用户),无须授权;"
                                   "值班台应另用一个数据库用户连接,本命令为它授权", field="role")
        if superuser:
            raise ValidationFailed(f"数据库用户 {role} 是超级用户,可以做任何事,授权于它无益;"
                                   "请为值班台另建一个普通的数据库用户(createuser --pwprompt NAME)再授权", field="role")
        if not session.scalar(text("SELECT pg_has_role(current_user, :owner, 'USAGE')"), {"owner": owner}):
            raise PermissionDenied(f"数据库用户 {me} 不是数据表的所有者 {owner},不能把表的权限授予他人;"
                                   f"请用 {owner} 的账号(运行 griddesk-admin init 的那个)运行本命令")
        quote = db.engine.dialect.identifier_preparer.quote
        who, owner_q, schema_q = quote(role), quote(owner), quote(schema)
        database = session.scalar(text("SELECT current_database()"))
        for statement in (
                f"GRANT CONNECT ON DATABASE {quote(database)} TO {who}",
                f"GRANT USAGE ON SCHEMA {schema_q} TO {who}",
                f"GRANT {TABLE_RIGHTS} ON ALL TABLES IN SCHEMA {schema_q} TO {who}",
                f"GRANT {SEQUENCE_RIGHTS} ON ALL SEQUENCES IN SCHEMA {schema_q} TO {who}",
                *(f"REVOKE INSERT, UPDATE, DELETE ON {schema_q}.{quote(table)} FROM {who}"
                  for table in READ_ONLY_TABLES),
                f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner_q} IN SCHEMA {schema_q} GRANT {TABLE_RIGHTS} ON TABLES TO {who}",
                f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner_q} IN SCHEMA {schema_q} "
                f"GRANT {SEQUENCE_RIGHTS} ON SEQUENCES TO {who}"):
            session.execute(text(statement))
        tables = session.scalar(text("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()"))
        sequences = session.scalar(text("SELECT count(*) FROM pg_sequences WHERE schemaname = current_schema()"))
        can_create = session.scalar(text("SELECT has_schema_privilege(:role, current_schema(), 'CREATE')"),
                                    {"role": role})
        granted = Granted(role, owner, tables, sequences, can_log_in, schema, can_create)
        login = "" if can_log_in else f";注意:{role} 尚不能登录(NOLOGIN),请由数据库管理员 ALTER ROLE {role} LOGIN"
        if can_create:
            login += f";注意:{role} 仍可在模式 {schema} 中建表,{revoke_create(schema)}"
        uow.audit(f"为值班台的数据库用户 {role} 授予读写数据的权限({tables} 张表、{sequences} 个序列,"
                  f"及 {owner} 以后新建的表){login}", owner=owner, tables=tables, sequences=sequences)
        return granted


@dataclass(frozen=True)
class OwnerConnection:
    """A desk connected as the tables' owner (or a superuser) where the desktops have a role of their own."""

    user: str  # whom this desk connects as
    owner: str  # the tables' owner
    desk_roles: tuple[str, ...]  # the roles granted what a desktop needs (`grant_desks`)


def owner_connection(db: Database) -> OwnerConnection | None:
    """Whether this desk connects as the tables' owner, a member of it or a superuser, although `grant_desks`
    gave the desktops a role of their own (Art. 15: no more rights than the work needs). A set-up that never
    made one (a single desktop on its own server, or one set up by an earlier README) is not told: nothing
    else is at hand. A desktops' role is one granted INSERT on the cases by name, itself or through a group
    (as `grant_desks` does): not every role reached by a grant to PUBLIC or by pg_write_all_data."""
    if db.is_sqlite:
        return None
    with db.session() as session:
        found = session.execute(text(
            "SELECT current_user, tableowner, pg_has_role(current_user, tableowner, 'MEMBER'), "
            "(SELECT rolsuper FROM pg_roles WHERE rolname = current_user) "
            "FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'alembic_version'")).one_or_none()
        if found is None:
            return None
        user, owner, owners_rights, superuser = found
        if not owners_rights and not superuser:
            return None
        desk_roles = session.scalars(text(
            "SELECT r.rolname FROM pg_roles r WHERE r.rolcanlogin AND NOT r.rolsuper "
            "AND NOT pg_has_role(r.oid, :owner, 'MEMBER') "
            "AND EXISTS (SELECT 1 FROM pg_class c, aclexplode(c.relacl) a "
            "WHERE c.oid = to_regclass(quote_ident(current_schema()) || '.cases') "
            "AND a.privilege_type = 'INSERT' AND a.grantee <> 0 AND pg_has_role(r.oid, a.grantee, 'USAGE')) "
            "ORDER BY r.rolname"), {"owner": owner}).all()
    return OwnerConnection(user, owner, tuple(desk_roles)) if desk_roles else None
