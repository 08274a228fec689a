"""The PyInstaller folder that the Windows installer ships, built from installer/griddesk.spec and run.

Opt-in (`python3 -m pytest -m bundle -s tests/test_bundle.py`, with `pip install pyinstaller`): the
build takes two minutes. It catches what only a frozen copy lacks — a module a library imports by
name at run time, a data file — which the installed-package tests cannot see: reportlab's barcode
package, for one, imports each symbology by name, and the first bundled `griddesk-admin` stopped
at start-up for want of it. Built on Linux it checks the same spec the Windows build uses (the
folder's contents do not depend on the platform; the icon and the installer do). Elsewhere each
test has a data folder of its own; on Windows, where the folder is not moved by environment
variables, the demo steps use the demo database of the user who runs them.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.bundle


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    pytest.importorskip("PyInstaller")
    work = tmp_path_factory.mktemp("pyinstaller")
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                    "--distpath", str(work / "dist"), "--workpath", str(work / "build"),
                    str(ROOT / "installer" / "griddesk.spec")], check=True, cwd=work)
    return work / "dist" / "GridDesk"


@pytest.fixture
def run(bundle, tmp_path):
    """Run one of the bundle's programs as a user with an empty data folder, no screen, no source tree."""
    environment = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "PYTHONHOME")}
    environment |= {"XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "config"),
                    "XDG_STATE_HOME": str(tmp_path / "state"), "QT_QPA_PLATFORM": "offscreen"}

    def run_program(program: str, *arguments: str) -> str:
        done = subprocess.run([str(bundle / program), *arguments], env=environment, cwd=tmp_path,
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, f"{program} {' '.join(arguments)}:\n{done.stdout}\n{done.stderr}"
        return done.stdout
    return run_program


def test_the_command_line_starts_and_sets_up_a_database(run, tmp_path):
    assert "griddesk-admin" in run("griddesk-admin", "--help")
    assert "472" in run("griddesk-admin", "--db", f"sqlite:///{tmp_path / 'new.sqlite'}", "init")


def test_the_desk_the_wall_and_the_printed_forms_work_from_the_bundle(run, tmp_path):
    run("griddesk", "--demo", "--user", "qg_chief", "--screenshot", str(tmp_path / "desk.png"))
    run("griddesk", "--demo", "--wall", "--lang", "en", "--screenshot", str(tmp_path / "wall.png"))
    assert (tmp_path / "desk.png").stat().st_size > 50_000 and (tmp_path / "wall.png").stat().st_size > 20_000

    run("griddesk-admin", "--demo", "--as", "qg_chief", "print", "bulletin", "1", "-o", str(tmp_path / "b.pdf"))
    run("griddesk-admin", "--demo", "--as", "qg_admin", "print", "notice-sheets", "-o", str(tmp_path / "n.pdf"))
    for pdf in ("b.pdf", "n.pdf"):
        assert b"WenQuanYiMicroHei" in (tmp_path / pdf).read_bytes(), f"{pdf} does not embed the CJK font"

    run("griddesk-admin", "--demo", "--as", "qg_chief", "cases", "export", str(tmp_path / "q.xlsx"), "--format", "xlsx")
    assert (tmp_path / "q.xlsx").read_bytes()[:2] == b"PK"
