"""`griddesk-admin cases rules`: the callback and clock rules, shown and set city-wide (Art. 20)."""

import io

from desktop.cli import main


def _run(db, *argv) -> tuple[int, str]:
    out = io.StringIO()
    code = main(["--db", db.engine.url.render_as_string(hide_password=False), *argv], out=out)
    return code, out.getvalue()


def test_case_rules_are_shown_and_set_from_the_command_line(demo_db, capsys):
    code, out = _run(demo_db, "cases", "rules")
    assert code == 0 and out.splitlines()[0] == "after_close_working_days=3\t结案后回访:3 个工作日内"
    code, out = _run(demo_db, "cases", "rules", "--set", "on_hold_every_days=14", "pause_while_deciding=yes")
    assert code == 0 and "on_hold_every_days=14" in out and "pause_while_deciding=yes" in out
    capsys.readouterr()
    assert _run(demo_db, "cases", "rules", "--set", "pause_while_deciding=sometimes")[0] == 1
    assert "应为是或否" in capsys.readouterr().err
    assert _run(demo_db, "--as", "qg_admin", "cases", "rules", "--set", "on_hold_every_days=7")[0] == 1
