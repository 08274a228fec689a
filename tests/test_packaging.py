"""What an installed copy needs: every package in the wheel, and the resources found in a source
checkout, in an installed wheel and in the PyInstaller bundle; and every source file in the source
distribution."""

from __future__ import annotations

import runpy
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path, PurePosixPath

import pytest
import setuptools

import desktop
from desktop import paths
from desktop.i18n import translations_dir

ROOT = Path(__file__).resolve().parent.parent


def _package_at(monkeypatch, folder: Path) -> Path:
    """desktop.paths as if its package were `folder`/desktop."""
    package = folder / "desktop"
    package.mkdir(parents=True)
    monkeypatch.setattr(paths, "__file__", str(package / "paths.py"))
    monkeypatch.delattr(sys, "_MEIPASS", raising=False)
    return package


def test_a_source_checkout_uses_resources_beside_the_package(tmp_path, monkeypatch):
    _package_at(monkeypatch, tmp_path)
    assert paths.resources_dir() == tmp_path / "resources"


def test_an_installed_wheel_uses_the_resources_inside_the_package(tmp_path, monkeypatch):
    package = _package_at(monkeypatch, tmp_path / "site-packages")
    (package / paths.INSTALLED_RESOURCES).mkdir()
    assert paths.resources_dir() == package / paths.INSTALLED_RESOURCES
    assert paths.font_path() == package / paths.INSTALLED_RESOURCES / "fonts" / "wqy-microhei.ttc"


def test_a_pyinstaller_bundle_uses_its_own_folder(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.resources_dir() == tmp_path / "resources"


def test_the_wheel_carries_every_resource_the_program_opens():
    opened = [paths.font_path(), paths.resources_dir() / "icons" / "griddesk.png",
              translations_dir() / "griddesk_en.qm"]
    packaged = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))[
        "tool"]["setuptools"]["package-data"]["desktop._resources"]
    for path in opened:
        assert path.is_file(), path
        relative = PurePosixPath(path.relative_to(paths.resources_dir()).as_posix())
        assert any(relative.match(pattern) for pattern in packaged), f"{relative} is left out of the wheel"


def test_the_wheel_carries_every_package(monkeypatch):
    """A folder without __init__.py (desktop/services) is a package too; leaving it out broke every import."""
    build = {}
    monkeypatch.setattr(setuptools, "setup", lambda **options: build.update(options))
    monkeypatch.chdir(ROOT)
    runpy.run_path(str(ROOT / "setup.py"))
    package_root = Path(desktop.__file__).parent
    with_modules = {".".join(("desktop", *folder.relative_to(package_root).parts))
                    for folder in {module.parent for module in package_root.rglob("*.py")}}
    assert with_modules - set(build["packages"]) == set()


def test_the_source_distribution_carries_every_tracked_file(tmp_path):
    """An sdist had carried the top-level test files only, without the conftest files and the folders
    beside them (pytest failed in an unpacked one), and without the translations' source."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout: no list of tracked files to compare with")
    subprocess.run([sys.executable, "setup.py", "-q", "egg_info", "--egg-base", str(tmp_path)], cwd=ROOT, check=True,
                   capture_output=True)
    listed = set((tmp_path / "griddesk.egg-info" / "SOURCES.txt").read_text(encoding="utf-8").splitlines())
    # -z: the names as they are (git quotes a name with Chinese characters otherwise).
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, check=True, capture_output=True, text=True).stdout
    # What only the repository needs: its CI script and its list of files git leaves alone.
    assert set(tracked.split("\0")) - {""} - listed == {".ci/run", ".gitignore"}
