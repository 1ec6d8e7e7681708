"""``buergerdesk`` without a command: the standalone demo city on first start."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path


def test_first_start_creates_and_fills_the_standalone_database(cli, tmp_path):
    first = cli("--smoke", "--now", "2024-03-20T10:30", "--office", "bb-sued", timeout=180)
    assert first.returncode == 0, first.stderr
    database = tmp_path / "data" / "buergerdesk.sqlite"
    assert database.exists()
    with sqlite3.connect(database) as conn:
        offices = {row[0] for row in conn.execute("SELECT id FROM office")}
        appointments = conn.execute("SELECT count(*) FROM appointment").fetchone()[0]
    assert {"bb-mitte", "bb-nord", "bb-sued", "bb-west", "standesamt", "gesundheitsamt"} <= offices
    assert appointments > 1000

    second = cli("--smoke", "--now", "2024-03-20T10:30", timeout=120)
    assert second.returncode == 0, second.stderr
    with sqlite3.connect(database) as conn:
        assert conn.execute("SELECT count(*) FROM appointment").fetchone()[0] == appointments


def test_gui_on_a_database_that_cannot_open_exits_2(cli, tmp_path):
    result = cli("--smoke", "--url", f"sqlite:///{tmp_path}/missing.sqlite")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"buergerdesk: Die Datenbankdatei {tmp_path}/missing.sqlite gibt es nicht: "
        "zuerst 'buergerdesk db upgrade --url URL' ausführen"
    ]


def test_the_garbage_collector_waits_until_the_window_has_painted(demo_sqlite_url, tmp_path):
    code = (
        "import gc, sys\n"
        "import ui.gui\n"
        "from ui.app import main\n"
        "seen = []\n"
        "resume = ui.gui.resume_collection\n"
        "def noting():\n"
        "    seen.append(gc.isenabled())\n"
        "    resume()\n"
        "ui.gui.resume_collection = noting\n"
        "rc = main(sys.argv[1:])\n"
        "print(rc, seen[0], gc.isenabled(), gc.get_freeze_count() > 0)\n"
    )
    env = dict(os.environ, BUERGERDESK_DATA_DIR=str(tmp_path), QT_QPA_PLATFORM="offscreen")
    args = ["--url", demo_sqlite_url, "--now", "2024-03-20T10:30", "--smoke"]
    result = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    # paused at the first paint, running afterwards, the start's objects frozen
    assert result.stdout.split() == ["0", "False", "True", "True"]


def test_headless_commands_do_not_import_qt(tmp_path: Path):
    code = (
        "import sys\n"
        "from ui.app import main\n"
        f"rc = main(['db', 'upgrade', '--url', 'sqlite:///{tmp_path}/h.sqlite'])\n"
        "assert rc == 0, rc\n"
        "qt = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "assert not qt, qt\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
