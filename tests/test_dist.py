"""build.spec builds a program that starts: a fresh data folder is migrated, the demo city
seeded, the main window opened and painted, and the program exits 0 (``--smoke``)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import desk
from desk.config import DATA_DIR_ENV
from desk.store.migrate import HEAD

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.dist


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The onedir build of build.spec in a temporary folder (not the checkout's dist/)."""
    where = tmp_path_factory.mktemp("pyinstaller")
    done = subprocess.run(
        [
            sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
            "--distpath", str(where / "dist"), "--workpath", str(where / "build"),
            str(ROOT / "build.spec"),
        ],
        capture_output=True, text=True, timeout=600, cwd=ROOT,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    return where / "dist" / "buergerdesk"


def start(program: Path, data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env[DATA_DIR_ENV] = str(data)
    return subprocess.run(
        [str(program / "buergerdesk"), *args], capture_output=True, text=True, env=env, timeout=120
    )


def test_the_built_program_opens_its_window_on_a_fresh_database_and_exits_0(built, tmp_path):
    data = tmp_path / "daten"
    done = start(built, data, "--smoke")
    assert done.returncode == 0, done.stderr
    assert (data / "buergerdesk.sqlite").stat().st_size > 0
    log = (data / "logs" / "buergerdesk.log").read_text(encoding="utf-8")
    assert "Running upgrade" in log and f"-> {HEAD}" in log  # the packaged migrations ran
    assert "level=ERROR" not in log


def test_the_package_holds_translations_sounds_and_migrations(built):
    inside = built / "_internal"  # sys._MEIPASS: modules find ../resources from there
    for part in (
        "resources/i18n/buergerdesk_en.qm",
        "resources/sounds/gong.wav",
        "desk/store/migrations/env.py",
        f"desk/store/migrations/versions/{HEAD}",
    ):
        assert list(inside.glob(part + "*")), part
    # no Python bindings of WebEngine, Quick, Qml or Pdf; no QtPdf library at all
    bindings = {path.name.split(".")[0] for path in (inside / "PySide6").glob("Qt*.so")}
    assert {"QtCore", "QtWidgets", "QtMultimedia"} <= bindings
    assert not bindings & {"QtWebEngineCore", "QtQuick", "QtQml", "QtPdf"}
    assert not [p for p in inside.rglob("*") if "WebEngine" in p.name or "Qt6Pdf" in p.name]


def test_the_built_program_reports_the_package_version(built, tmp_path):
    done = start(built, tmp_path, "--version")
    assert done.returncode == 0
    assert done.stdout.strip() == f"buergerdesk {desk.__version__}"
