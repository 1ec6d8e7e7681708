"""``buergerdesk`` without a command: the standalone demo city on first start."""

from __future__ import annotations

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
