"""`griddesk --screenshot` through app.main: a PNG of the loaded window, and clean failures."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtGui import QImage
from sqlalchemy import func, select

from desktop import app, paths
from desktop.models import User
from desktop.services import staff


def _url(db) -> str:
    return db.engine.url.render_as_string(hide_password=False)


def test_screenshot_renders_the_main_window(desk_db, tmp_path, qapp):
    target = tmp_path / "window.png"
    assert app.main(["--db", _url(desk_db), "--screenshot", str(target)]) == 0
    image = QImage(str(target))
    assert (image.width(), image.height()) == (1480, 860)  # the designed size, whatever the screen
    # Not a blank canvas: the queue and tree put many distinct colours on screen.
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert len(colours) > 20
    # The window's live-update listener stops with the run: a thread left calling back into a
    # deleted window crashed a later test.
    assert not [t for t in threading.enumerate() if t.name.startswith("griddesk-live")]


def test_screenshot_as_a_named_user_shows_their_place_in_full(desk_db, tmp_path, qapp, monkeypatch):
    """The picture is taken once the loads after the queue's first answer have landed too: the
    user's home place selected in the tree, and its details and roster beside the queue."""
    shown = []
    take = app.take_screenshot

    def and_look(window, target, tasks):
        take(window, target, tasks)
        shown.append((window.tree.current_code(), window.roster.code, window.roster.details))

    monkeypatch.setattr(app, "take_screenshot", and_look)
    details = staff.details

    def slow_details(*args, **kwargs):  # a busy server: the roster lands well after the queue
        time.sleep(0.5)
        return details(*args, **kwargs)

    monkeypatch.setattr(staff, "details", slow_details)
    target = tmp_path / "op.png"
    assert app.main(["--db", _url(desk_db), "--user", "qg_op", "--screenshot", str(target)]) == 0
    assert target.stat().st_size > 0
    [(selected, roster_place, details)] = shown
    assert selected is not None and roster_place == selected and details is not None


def test_a_missing_bundled_font_is_logged_and_the_font_left_as_it_was(qapp, tmp_path, monkeypatch, caplog):
    missing = tmp_path / "wqy-microhei.ttc"
    monkeypatch.setattr(paths, "font_path", lambda: missing)
    before = qapp.font()
    with caplog.at_level("WARNING", logger="desktop"):
        app.install_font(qapp)
    assert qapp.font() == before
    assert caplog.messages == [f"the bundled font {missing} could not be loaded; reinstall GridDesk"]


def test_unknown_user_is_one_line_and_exit_1(desk_db, tmp_path, qapp, capsys):
    assert app.main(["--db", _url(desk_db), "--user", "nobody", "--screenshot", str(tmp_path / "x.png")]) == 1
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "nobody" in err
    assert not (tmp_path / "x.png").exists()


def test_unreachable_database_is_one_line_and_exit_1(tmp_path, qapp, capsys):
    url = "postgresql://postgres@127.0.0.1:1/nowhere"
    assert app.main(["--db", url, "--screenshot", str(tmp_path / "x.png")]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("griddesk: 无法连接数据库") and "\n" not in err and "Traceback" not in err


def test_missing_or_uninitialised_sqlite_file_says_to_run_init(tmp_path, qapp, capsys):
    missing = tmp_path / "none.sqlite"
    assert app.main(["--db", f"sqlite:///{missing}", "--screenshot", str(tmp_path / "x.png")]) == 1
    assert "griddesk-admin" in capsys.readouterr().err and not missing.exists()
    empty = tmp_path / "empty.sqlite"
    empty.touch()
    assert app.main(["--db", f"sqlite:///{empty}", "--screenshot", str(tmp_path / "x.png")]) == 1
    assert "init" in capsys.readouterr().err


def test_bad_url_and_user_without_screenshot(tmp_path, qapp, capsys):
    assert app.main(["--db", "mysql://x/y", "--screenshot", str(tmp_path / "x.png")]) == 1
    assert "SQLite" in capsys.readouterr().err
    import pytest

    with pytest.raises(SystemExit) as exit_:
        app.main(["--user", "qg_op"])
    assert exit_.value.code == 2


def test_the_demo_is_never_seeded_into_a_database_named_with_db(desk_db, tmp_path, capsys):
    """--demo names the demo's own file: given with --db it is refused, before anything is opened,
    so that no real database receives the demo's cases and its published log-ins."""
    with pytest.raises(SystemExit) as exited:
        app.main(["--demo", "--db", _url(desk_db), "--screenshot", str(tmp_path / "x.png")])
    assert exited.value.code == 2 and "参数 --db 不能与 --demo 同时使用" in capsys.readouterr().err
    with desk_db.session() as session:
        assert session.scalar(select(func.count()).select_from(User).where(User.username == "qg_chief")) == 0
