"""griddesk-admin: the administrator's command line.

Each module in this package that defines ``register(cli)`` adds its commands; commands that
share a group (``print …``, ``cases …``) ask for it with ``cli.group(name, help)``.
A command handler takes ``(ctx, args)`` and returns an exit code (None means 0).
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import re
import shlex
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from .. import migrate
from ..db import AT_THE_PROMPT, Database, explain_failure, normalise_url, resolve_url
from ..errors import DatabaseUnavailable, GridDeskError, NotFound, PermissionDenied, ValidationFailed
from ..logs import log, start_logging
from ..models.places import CITY_CODE
from ..services.clock import parse_day
from ..services.security import Actor, Permission

Handler = Callable[["Context", argparse.Namespace], int | None]


@dataclass
class Context:
    """What a command needs: the database (connected on first use) and the acting user."""

    url: str
    as_user: str | None = None
    out: object = field(default_factory=lambda: sys.stdout)
    demo: bool = False  # --demo: the database `griddesk --demo` makes

    @cached_property
    def db(self) -> Database:
        return Database.connect(self.url)

    @cached_property
    def actor(self) -> Actor:
        """The built-in administrator (with the OS user's name), or `--as USER`."""
        system = Actor.system()
        if self.as_user:
            from ..services.users import actor_for

            if migrate.current_revision(self.db) is None:
                raise NotFound(f"没有名为 {self.as_user!r} 的有效用户:数据库尚未初始化,"
                               "请先不带 --as 运行 griddesk-admin init")
            return actor_for(self.db, self.as_user, os_user=system.os_user)
        return system

    def own_area(self, permission: Permission) -> str:
        """Where a command given no --under/--place works: the place of the acting user's grant carrying
        `permission`, the city for the built-in administrator; refused for a user without one, and for a
        user holding it over several places, who names one (the command might otherwise act on another)."""
        grants = self.actor.scopes(permission)
        if grants is None:
            return CITY_CODE
        if not grants:
            raise PermissionDenied(f"用户“{self.actor.display_name}”没有{permission.label}的权限;"
                                   "请由具有该地区相应角色的用户办理", article="Art. 15")
        places = sorted({grant.place_code for grant in grants})
        if len(places) > 1:
            raise ValidationFailed(f"用户“{self.actor.display_name}”在 {'、'.join(places)} 都有{permission.label}的权限;"
                                   "请用 --place 或 --under 指明在哪里办理", field="place")
        return places[0]

    def print(self, *parts, **kwargs) -> None:
        print(*parts, file=self.out, **kwargs)

    def require_schema(self) -> None:
        """Every command but `init` needs a set-up database: say so, rather than create an empty
        SQLite file or fail on a missing table."""
        from .setup import require_current_schema

        url = make_url(normalise_url(self.url))
        database = url.database
        if url.get_backend_name() == "sqlite" and database not in (None, "", ":memory:") and not os.path.exists(database):
            if self.demo:
                raise DatabaseUnavailable(f"演示数据库 {database} 还没有建立;请先运行一次 griddesk --demo"
                                          "(它建好演示数据库并打开桌面;无屏幕的机器上运行 "
                                          "griddesk --demo --screenshot demo.png),再用 griddesk-admin --demo")
            raise DatabaseUnavailable(f"数据库文件 {database} 不存在;请先运行 griddesk-admin --db {url} init 创建,"
                                      f"或用 --db 指定已有的数据库(演示数据库用 --demo)")
        require_current_schema(self.db)


def terminal_counter(stream, *, every: int = 1, saying: str = "") -> Callable[[int, int, str], None] | None:
    """A long command's `progress(done, total, what)`: "{saying}done/total" rewritten in place on a terminal,
    every `every` and at the end; None where `stream` is a file or a pipe (a task scheduler's log, read for
    the command's answer alone)."""
    if not getattr(stream, "isatty", lambda: False)():
        return None

    def report(done: int, total: int, what: str) -> None:
        if done == total or done % every == 0:
            print(f"\r{saying}{done}/{total}", end="\n" if done == total else "", file=stream, flush=True)
    return report


def iso_date(text: str) -> date:
    """Every date option's type: a day that does not exist is said so, not taken for a badly written one."""
    try:
        return parse_day(text)
    except ValueError as wrong:
        raise argparse.ArgumentTypeError(str(wrong)) from None


# argparse's usage errors, said in Chinese like every other message of the tool.
_TYPES = {"float": "数字", "int": "整数", "minutes": "不小于 0 的分钟数(可为小数)"}
_USAGE_ERRORS = [
    (re.compile(r"the following arguments are required: (.+)"), lambda m: f"缺少参数 {m[1]}"),
    (re.compile(r"argument (\S+): invalid (\w+) value: (.+)"),
     lambda m: f"参数 {m[1]} 应为{_TYPES.get(m[2], m[2])},不是 {m[3]}"),
    (re.compile(r"argument (\S+): invalid choice: (.+?) \(choose from (.+)\)"),
     lambda m: f"参数 {m[1]} 不能取 {m[2]},可选:{m[3]}"),
    (re.compile(r"argument (\S+): expected one argument"), lambda m: f"参数 {m[1]} 后面缺少取值"),
    # An option's type that says what is wrong in Chinese itself (iso_date).
    (re.compile(r"argument (\S+): ([^\x00-\x7f].*)"), lambda m: f"参数 {m[1]} {m[2]}"),
    (re.compile(r"unrecognized arguments: (.+)"), lambda m: f"无法识别的参数 {m[1]}"),
    (re.compile(r"argument (\S+): not allowed with argument (\S+)"), lambda m: f"参数 {m[1]} 不能与 {m[2]} 同时使用"),
    (re.compile(r"one of the arguments (.+) is required"), lambda m: f"须给出参数 {' 或 '.join(m[1].split())} 之一"),
]


def chinese_usage_error(message: str) -> str:
    for pattern, say in _USAGE_ERRORS:
        match = pattern.fullmatch(message)
        if match:
            return say(match)
    return message


# The tool's own options, and how many values each takes: a command's parser leaves them over.
_GLOBAL_OPTIONS = {"--db": 1, "--demo": 0, "--as": 1}


def misplaced_options_hint(argv: list[str], left_over: list[str]) -> str:
    """How to write the tool's own options found after the command, e.g.
    ";--demo 须写在命令之前:griddesk-admin --demo check"; empty when there are none."""
    misplaced, names, i = [], [], 0
    while i < len(left_over):
        name, given_with_value = left_over[i].split("=", 1)[0], "=" in left_over[i]
        if name not in _GLOBAL_OPTIONS:
            i += 1
            continue
        taken = 1 + (0 if given_with_value else _GLOBAL_OPTIONS[name])
        misplaced += left_over[i:i + taken]
        names.append(name)
        i += taken
    if not misplaced:
        return ""
    rest, j = [], len(misplaced) - 1
    for token in reversed(argv):  # the misplaced ones are the last of their kind: the command's own came first
        if j >= 0 and token == misplaced[j]:
            j -= 1
        else:
            rest.insert(0, token)
    return f";{'、'.join(dict.fromkeys(names))} 须写在命令之前:griddesk-admin {shlex.join(misplaced + rest)}"


class ChineseParser(argparse.ArgumentParser):
    """Says its usage errors in Chinese (exit 2, as argparse does); its subcommands' parsers too."""

    def parse_args(self, args=None, namespace=None):
        argv = sys.argv[1:] if args is None else list(args)
        parsed, left_over = self.parse_known_args(argv, namespace)
        if left_over:
            self.refuse(chinese_usage_error(f"unrecognized arguments: {' '.join(left_over)}")
                        + misplaced_options_hint(argv, left_over))
        return parsed

    def error(self, message: str):
        self.refuse(chinese_usage_error(message))

    def refuse(self, said: str):
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}:错误:{said}(用 -h 查看用法)\n")


class Cli:
    """The parser under construction; modules add commands and groups to it."""

    def __init__(self) -> None:
        self.parser = ChineseParser(
            prog="griddesk-admin",
            description="GridDesk 网格指挥台 管理命令 (administration commands)",
        )
        where = self.parser.add_mutually_exclusive_group()
        where.add_argument("--db", metavar="URL", help="数据库地址 database URL (sqlite:///file or postgresql://…); "
                           "默认 $GRIDDESK_DATABASE_URL 或用户数据文件夹中的 SQLite 文件")
        where.add_argument("--demo", action="store_true",
                           help="使用 griddesk --demo 的演示数据库 the demo database of griddesk --demo")
        self.parser.add_argument("--as", dest="as_user", metavar="USER", help="以该用户身份操作 act as this user")
        self._top = self.parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
        self._groups: dict[str, argparse._SubParsersAction] = {}

    def command(self, name: str, help: str, handler: Handler, group: str | None = None, *,
                needs_schema: bool = True, epilog: str | None = None) -> argparse.ArgumentParser:
        """`needs_schema`: refused on a database that `init` has not set up (all but `init` and what reads no database).
        `epilog`: what the command's --help says below the options (a file's format), with its line breaks kept."""
        parent = self._groups[group] if group else self._top
        sub = parent.add_parser(name, help=help, description=help, epilog=epilog,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
        sub.set_defaults(handler=handler, needs_schema=needs_schema, command_parser=sub)
        return sub

    def group(self, name: str, help: str) -> str:
        if name not in self._groups:
            sub = self._top.add_parser(name, help=help, description=help)
            self._groups[name] = sub.add_subparsers(dest=f"{name}_command", metavar="COMMAND", required=True)
        return name


def _spelt(field: str) -> str:
    return "--" + field.replace("_", "-")


def _field_option(parser: argparse.ArgumentParser, field: str) -> argparse.Action | None:
    """The command's option giving a field: spelt as it (late_reason → --late-reason), or storing it under
    another name (`--at` with dest="done_at")."""
    return next((a for a in parser._actions
                 if a.option_strings and (_spelt(field) in a.option_strings or a.dest == field)), None)


def said_on_the_command_line(exc: GridDeskError, args: argparse.Namespace) -> str:
    """A refusal as the command line says it: a field the services name after its label ("报送时间(done_at)") is
    named by the command's option that gives it, where that is spelt otherwise ("报送时间(--at)"); then
    `option_hint`."""
    said = str(exc)
    parser = getattr(args, "command_parser", None)
    if parser is not None:
        for action in parser._actions:
            if action.option_strings and _spelt(action.dest) not in action.option_strings:
                said = re.sub(rf"(?<=[\u4e00-\u9fff])\({re.escape(action.dest)}\)",
                              f"({max(action.option_strings, key=len)})", said)
    return said + option_hint(exc, args, said)


def option_hint(exc: GridDeskError, args: argparse.Namespace, said: str) -> str:
    """Where a refusal (`said` as shown) names a field the command takes as an option (late_reason →
    --late-reason) that was left out, how to give it: ";用 --late-reason 给出"; empty when the command
    has no such option, the message names it already (by any of its spellings, -o as well as --output),
    or it was given: then its value is what was refused (a --department given with an operator's role is
    to be left out, not given)."""
    parser = getattr(args, "command_parser", None)
    if not exc.field or parser is None:
        return ""
    action = _field_option(parser, exc.field)
    if action is None or any(re.search(rf"(?<![A-Za-z0-9_-]){re.escape(spelling)}(?![A-Za-z0-9_-])", said)
                             for spelling in action.option_strings):
        return ""
    given = getattr(args, action.dest, None)
    # Left at its default, or given blank, the option is as good as left out.
    left_out = given is None or given == action.default or not str(given).strip()
    return f";用 {max(action.option_strings, key=len)} 给出" if left_out else ""


def build_parser() -> argparse.ArgumentParser:
    cli = Cli()
    # Set-up commands (init, seed-demo, check) first in the help, the rest alphabetically.
    for module in sorted(pkgutil.iter_modules(__path__), key=lambda m: (m.name != "setup", m.name)):
        if not module.name.startswith("_"):
            register = getattr(importlib.import_module(f"{__name__}.{module.name}"), "register", None)
            if register:
                register(cli)
    return cli.parser


def main(argv: list[str] | None = None, out=None) -> int:
    args = build_parser().parse_args(argv)
    start_logging("griddesk-admin")
    ctx = Context(resolve_url(args.db, demo=args.demo), as_user=args.as_user, out=out or sys.stdout,
                  demo=args.demo)
    try:
        if args.needs_schema:
            ctx.require_schema()
        if args.as_user:
            ctx.actor  # an unknown --as user is refused by every command, before it changes anything
        return args.handler(ctx, args) or 0
    except GridDeskError as exc:
        print(f"griddesk-admin: {said_on_the_command_line(exc, args)}", file=sys.stderr)
        # Run by the task scheduler at night (evaluation keep), its standard error is read by nobody.
        log.warning("griddesk-admin %s refused: %s", args.command, exc)
        return 1
    except DBAPIError as exc:
        unavailable = explain_failure(exc, AT_THE_PROMPT)
        if unavailable is None:  # a fault of the program: its trace is what support needs
            raise
        print(f"griddesk-admin: {unavailable}", file=sys.stderr)
        log.warning("griddesk-admin %s: %s", args.command, unavailable, exc_info=exc)
        return 1
    except KeyboardInterrupt:
        print("griddesk-admin: 已中断", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`… | head`): stop quietly, as command-line tools do.
        sys.stdout = open(os.devnull, "w")
        return 0
    finally:
        if "db" in ctx.__dict__:
            ctx.db.dispose()


if __name__ == "__main__":
    sys.exit(main())
