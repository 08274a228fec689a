"""`griddesk`: database → font → translator → log-in → main window.

The database is `--db URL`, else $GRIDDESK_DATABASE_URL, else an SQLite file in the user's
data folder (`--demo`: its own demo file, created and seeded on first start). A database that
cannot be used is reported in one clear sentence (a dialog, or one line on stderr with
`--screenshot`), never with a traceback.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer, qInstallMessageHandler
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from sqlalchemy.exc import DBAPIError

from . import logs, migrate, paths
from .cli import ChineseParser
from . import settings as app_settings
from .db import AT_START, Database, explain_failure, resolve_url
from .errors import DatabaseUnavailable, GridDeskError
from .i18n import LANGUAGES, Translations
from .services.security import Actor
from .tasks import TaskRunner
from .views import faults
from .views.enter_key import enter_presses_focused_buttons

SCREENSHOT_TIMEOUT_MS = 60_000


def build_parser() -> argparse.ArgumentParser:
    # Its usage errors in Chinese, as griddesk-admin's are.
    parser = ChineseParser(prog="griddesk", description="GridDesk 网格指挥台")
    # One or the other: the demo seeded into the database --db names would put its synthetic cases
    # and its published log-ins (a city administrator's among them) into a real database.
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--db", metavar="URL", help="数据库地址 (sqlite:///文件 或 postgresql://用户@主机/库);"
                       "默认 $GRIDDESK_DATABASE_URL 或用户数据文件夹中的 SQLite 文件")
    where.add_argument("--demo", action="store_true", help="打开演示数据库(首次启动时创建并载入示例数据)")
    parser.add_argument("--screenshot", metavar="FILE.png", type=Path,
                        help="载入主窗口,截图保存到文件后退出(不显示登录框)")
    parser.add_argument("--user", metavar="NAME", help="截图时以该用户身份载入(仅与 --screenshot 一起使用)")
    parser.add_argument("--lang", choices=sorted(LANGUAGES), help="界面语言 zh(简体中文,默认)或 en")
    parser.add_argument("--wall", action="store_true", help="值班大屏:全屏、只读(与 --screenshot 一起时截取大屏)")
    return parser


def install_font(app: QApplication) -> None:
    """The bundled CJK font as the application font: Chinese renders without a system CJK font."""
    path = paths.font_path()
    if QFontDatabase.addApplicationFont(str(path)) < 0:
        # The desk still opens, in the system's fonts (Chinese may show as boxes); the log says why.
        logs.log.warning("the bundled font %s could not be loaded; reinstall GridDesk", path)
        return
    app.setFont(QFont(paths.FONT_FAMILY, app.font().pointSize()))


def _sqlite_file(url: str) -> Path | None:
    return Path(url.removeprefix("sqlite:///")).expanduser() if url.startswith("sqlite:///") else None


def _holds_the_demo(db: Database) -> bool:
    from sqlalchemy import exists, select

    from .models import Case

    with db.session() as session:
        return bool(session.scalar(select(exists().where(Case.synthetic.is_(True)))))


def open_demo_database(url: str) -> Database:
    """The demo database, built on first start.

    An SQLite demo file is built under a temporary name and renamed once complete, so a file
    at the newest revision holding the demo's cases is a finished demo: it opens without
    importing the demo generator (shapely and numpy, about half a second of start-up). One that
    `griddesk-admin --demo init` left without them is seeded now.
    """
    path = _sqlite_file(url)
    if path is not None and path.exists():
        db = Database.connect(url)
        if migrate.current_revision(db) == migrate.head_revision() and _holds_the_demo(db):
            return db
        db.dispose()
    from .services.demo import ensure_demo_database

    if path is None or path.exists():
        return ensure_demo_database(url)  # PostgreSQL, or an older demo file to upgrade in place
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)
    ensure_demo_database(f"sqlite:///{partial}").dispose()  # the last close folds the WAL into the file
    os.replace(partial, path)
    return Database.connect(url)


def open_database(url: str, *, demo: bool) -> Database:
    if demo:
        return open_demo_database(url)
    path = _sqlite_file(url)
    if path is not None and not path.exists():
        # Connecting would leave an empty file behind; say what to do instead.
        raise DatabaseUnavailable(f"数据库文件不存在:{path};"
                                  f"请先运行 griddesk-admin --db {url} init,或用 griddesk --demo 打开演示数据库")
    db = Database.connect(url)
    if problem := migrate.schema_problem(db):
        db.dispose()
        raise problem
    return db


def open_window(args: argparse.Namespace, db: Database, actor: Actor, tasks: TaskRunner,
                translations: Translations) -> QWidget:
    """The window this run shows: the main window, or with `--wall` the wall display."""
    if args.wall:
        from .views.wall import WallWindow

        return WallWindow(db, actor, tasks)
    from .views.main_window import MainWindow

    window = MainWindow(db, actor, tasks, translations=translations)
    if args.screenshot is not None:
        window.use_first_size()
    return window


def catch_up_calendar(db: Database, actor: Actor, tasks: TaskRunner) -> None:
    """Recount the deadlines once, off the GUI thread, after an upgrade brought the published holiday
    schedule of more years (the banner and the queue follow through the change feed): the program's
    doing at `actor`'s start-up, not theirs (catch_up_with_published_schedule)."""
    from .services.calendar_admin import catch_up_with_published_schedule

    tasks.submit(catch_up_with_published_schedule, db, actor,
                 on_error=lambda exc: logging.getLogger(__name__).warning("deadlines not recounted: %s", exc))


def take_screenshot(window, target: Path, tasks) -> None:
    """Show the window, wait for its first data and the loads that follow it (the place
    selected in the tree, its roster and details), render it to `target`."""
    loop = QEventLoop()
    window.dataShown.connect(loop.quit)
    failed = window.failed if hasattr(window, "failed") else window.queue_model.failed  # wall / main window
    failed.connect(lambda exc: loop.exit(1))
    QTimer.singleShot(SCREENSHOT_TIMEOUT_MS, lambda: loop.exit(2))
    window.show()
    if loop.exec() != 0:
        raise DatabaseUnavailable(f"主窗口在 {SCREENSHOT_TIMEOUT_MS // 1000} 秒内未能载入数据")
    QApplication.processEvents()
    # An answer may start the next load (a tree level, then the roster): wait until none is
    # left, within the same time limit; a window still loading then gets no half-filled picture.
    deadline = time.monotonic() + SCREENSHOT_TIMEOUT_MS / 1000
    while tasks.pending:
        left_ms = int((deadline - time.monotonic()) * 1000)
        if left_ms <= 0:
            raise DatabaseUnavailable(f"窗口在 {SCREENSHOT_TIMEOUT_MS // 1000} 秒内未能载入全部数据,未截图")
        tasks.wait(left_ms)
        QApplication.processEvents()
    if not window.grab().save(str(target)):
        raise GridDeskError(f"截图无法保存到 {target}:请检查文件夹是否存在、是否可写")


def _report(exc: GridDeskError, screenshot: bool) -> int:
    if screenshot:
        print(f"griddesk: {exc.message}", file=sys.stderr)
    else:
        from .views import dialogs

        dialogs.error(None, QCoreApplication.translate("MainWindow", "网格指挥台"), exc.message)
    return 1


# What the offscreen platform says of every window it draws: it has no window system to pass size
# hints to. Printed several times per screenshot, it reads like an error and is none.
OFFSCREEN_NOISE = "This plugin does not support propagateSizeHints()"


def quiet_offscreen(_mode, _context, message: str) -> None:
    """Qt's messages as Qt prints them, without OFFSCREEN_NOISE."""
    if message != OFFSCREEN_NOISE:
        sys.stderr.write(message + "\n")


SCREENSHOT_SUFFIXES = (".png", ".jpg", ".jpeg", ".bmp")


def no_screen() -> bool:
    """A Linux machine without a display and no platform chosen: Qt would abort the process (a core
    dump, after a page about a missing xcb plug-in) instead of saying so."""
    return (sys.platform.startswith("linux") and not os.environ.get("QT_QPA_PLATFORM")
            and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY")
            and QApplication.instance() is None)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.user and not args.screenshot:
        parser.error("--user 只能与 --screenshot 一起使用;平时请在登录框中登录")
    if args.screenshot is not None and args.screenshot.suffix.lower() not in SCREENSHOT_SUFFIXES:
        # Said before the window loads: Qt picks the image format by the name and saves nothing without one.
        parser.error(f"--screenshot {args.screenshot}:文件名须以 .png 结尾(也可用 .jpg、.bmp)")
    logs.start_logging("griddesk")
    if args.screenshot is not None:
        # A scripted screenshot needs no screen (CI, servers) and flashes no window on a desktop.
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if no_screen():
        print("griddesk: 没有可用的屏幕(未设置 DISPLAY 或 WAYLAND_DISPLAY):无屏幕的机器上请用 --screenshot FILE.png 出图,"
              "或设置 QT_QPA_PLATFORM=offscreen (no display)", file=sys.stderr)
        return 1
    if os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        qInstallMessageHandler(quiet_offscreen)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName("GridDesk")
    app.setOrganizationName("GridDesk")
    app.setWindowIcon(QIcon(str(paths.resources_dir() / "icons" / "griddesk.png")))
    install_font(app)
    enter_presses_focused_buttons(app)
    settings, _ui = app_settings.load()
    translations = Translations(app)
    translations.install(args.lang or settings.language)
    screenshot = args.screenshot is not None
    tasks = TaskRunner(app)
    db = None
    # A fault in a slot no handler catches is shown, not only logged; a scripted screenshot waits on no dialog,
    # and nobody is at the wall display's keyboard to close one.
    restore_hook = None if screenshot or args.wall else faults.install()
    try:
        db = open_database(resolve_url(args.db, demo=args.demo), demo=args.demo)
        logs.log.info("griddesk started on %s", db.describe())
        if screenshot:
            from .services.users import actor_for

            actor = actor_for(db, args.user) if args.user else Actor.system()
        else:
            from .views.login_dialog import LoginDialog

            dialog = LoginDialog(db, tasks)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return 0
            actor = dialog.actor
        window = open_window(args, db, actor, tasks, translations)
        catch_up_calendar(db, actor, tasks)
        if screenshot:
            take_screenshot(window, args.screenshot, tasks)
            # Scripts (and the start-up benchmark) wait for this line; glossed like the admin tool's output.
            print(f"截图已保存到 {args.screenshot} (screenshot saved)", flush=True)
            window.hide()  # not closed: a scripted run leaves the user's window layout alone
            from .views.live_bridge import LiveBridge

            for bridge in window.findChildren(LiveBridge):  # its listener thread must not outlive the window
                bridge.stop()
            # Tasks the window started (e.g. the calendar check) finish and answer it while it
            # still exists: an answer delivered after deleteLater would call into a deleted window.
            tasks.wait()
            QApplication.processEvents()
            window.deleteLater()
            return 0
        if args.wall:
            window.showFullScreen()
        else:
            window.show()
        return app.exec()
    except (GridDeskError, DBAPIError) as exc:
        # A database failing after the first check (while the demo file is built or upgraded) is said in a
        # sentence as that check says it; any other database error is a fault, whose trace support needs.
        failure = explain_failure(exc, AT_START) or exc
        if not isinstance(failure, GridDeskError):
            raise
        logs.log.warning("griddesk did not start: %s", failure, exc_info=None if failure is exc else exc)
        return _report(failure, screenshot)
    finally:
        if restore_hook is not None:
            restore_hook()
        tasks.wait()
        if db is not None:
            db.dispose()


if __name__ == "__main__":  # python -m desktop.app, as well as python -m desktop
    raise SystemExit(main())
