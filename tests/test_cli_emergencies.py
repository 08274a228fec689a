"""`griddesk-admin emergencies acknowledge ID`: the wall's takeover confirmed from the command line,
audited as from the wall (Art. 21)."""

import io

import pytest
from sqlalchemy import select

from desktop.cli import main
from desktop.models import AuditEntry
from desktop.services import emergencies


def _run(db, *argv) -> tuple[int, str]:
    out = io.StringIO()
    code = main(["--db", db.engine.url.render_as_string(hide_password=False), *argv], out=out)
    return code, out.getvalue()


@pytest.mark.law("Art. 21")
def test_acknowledge_an_alarm_once(demo_db, system, capsys):
    waiting = emergencies.unacknowledged(demo_db, system)
    assert waiting, "the demo holds an unacknowledged report"
    report = waiting[0]
    code, out = _run(demo_db, "emergencies", "list")
    assert code == 0 and out.splitlines()[0].startswith("序号\t编号") and "未确认" in out

    capsys.readouterr()
    assert _run(demo_db, "emergencies", "acknowledge", str(report.id)) == (1, "")  # not the built-in admin
    assert "须由值班长以本人账号确认" in capsys.readouterr().err
    code, out = _run(demo_db, "--as", "qg_chief", "emergencies", "acknowledge", str(report.id))
    assert code == 0 and report.number in out
    assert report.id not in [r.id for r in emergencies.unacknowledged(demo_db, system)]
    with demo_db.session() as session:
        entry = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert entry.action == "emergencies.acknowledge" and report.number in entry.message and entry.actor == "qg_chief"

    capsys.readouterr()
    code, _ = _run(demo_db, "--as", "qg_chief", "emergencies", "acknowledge", str(report.id))
    assert code == 1 and "已由" in capsys.readouterr().err
    assert _run(demo_db, "--as", "qg_chief", "emergencies", "acknowledge", "999999")[0] == 1
