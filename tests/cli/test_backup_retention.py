"""``buergerdesk backup`` and ``buergerdesk retention run``: output and exit codes (the
console script once per command; refusals and help in-process, through the same guard)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from contextlib import closing
from datetime import timedelta
from pathlib import Path
from subprocess import CompletedProcess

import pytest

from desk.cli.main import main
from desk.config import DATA_DIR_ENV
from desk.domain.localtime import parse_now
from desk.services.database import upgrade_database
from desk.store.backup import back_up, list_backups

Cli = Callable[..., CompletedProcess[str]]


@pytest.fixture
def local_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A migrated SQLite file; in-process commands keep data and logs in tmp_path."""
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "data"))
    url = f"sqlite:///{tmp_path / 'local.sqlite'}"
    upgrade_database(url)
    return url


def test_backup_prints_the_file_it_wrote_and_keeps_the_newest_n(
    cli: Cli, tmp_path: Path, local_url: str, capsys: pytest.CaptureFixture[str]
):
    folder, database = tmp_path / "b", tmp_path / "local.sqlite"
    older = [
        back_up(database, folder, parse_now("2024-03-20T10:00") + timedelta(days=d)).path
        for d in range(2)
    ]

    done = cli("backup", "--url", local_url, "--to", str(folder), "--keep", "2")

    assert done.returncode == 0, done.stderr
    written = Path(done.stdout.strip())
    assert list_backups(folder, database) == [written, older[1]]
    assert main(["backup", "--url", local_url]) == 0  # into the data folder's "backups"
    assert Path(capsys.readouterr().out.strip()).parent == tmp_path / "data" / "backups"


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (["--keep", "0"], "mindestens eine Sicherung"),
        (["--url", "postgresql+psycopg://u@localhost/db"], "nur lokale SQLite-Dateien"),
        (["--url", "sqlite:///{tmp}/missing.sqlite"], "gibt es nicht"),
    ],
)
def test_backup_refuses_with_one_line_and_exit_2(
    tmp_path: Path, local_url: str, capsys: pytest.CaptureFixture[str], args: list[str], reason: str
):
    argv = [a.replace("{tmp}", str(tmp_path)) for a in args]
    if "--url" not in argv:
        argv += ["--url", local_url]

    assert main(["backup", *argv]) == 2

    err = capsys.readouterr().err
    assert reason in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_retention_run_anonymises_once_and_says_how_much(
    cli: Cli,
    tmp_path: Path,
    demo_sqlite_url: str,
    local_url: str,
    capsys: pytest.CaptureFixture[str],
):
    target = tmp_path / "demo.sqlite"
    source = demo_sqlite_url.removeprefix("sqlite:///")
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)
    url = f"sqlite:///{target}"
    now = "2024-04-10T09:00"

    first = cli("retention", "run", "--url", url, "--now", now, "--json")

    assert first.returncode == 0, first.stderr
    counts = json.loads(first.stdout)
    assert counts["first_kept_day"] == "2024-03-11" and counts["appointments"] > 1000
    assert counts["now"] == "2024-04-10T09:00:00+02:00"
    assert main(["retention", "run", "--url", url, "--now", now, "--days", "30"]) == 0
    assert capsys.readouterr().out.startswith("Anonymisiert vor dem 11.03.2024: 0 Termine")


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (["--days", "-1"], "ganze Zahl von 0 bis 3650"),
        (["--now", "gestern"], "Ungültige Zeitangabe"),
        (["--days", "viele"], "nicht 'viele'"),
    ],
)
def test_retention_refuses_with_one_line_and_exit_2(
    local_url: str, capsys: pytest.CaptureFixture[str], args: list[str], reason: str
):
    try:
        code = main(["retention", "run", "--url", local_url, *args])
    except SystemExit as exit_:  # the parser's own refusal
        code = int(exit_.code or 0)

    assert code == 2
    err = capsys.readouterr().err
    assert reason in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("words", [["backup"], ["retention"], ["retention", "run"]])
def test_both_commands_have_help(words: list[str], capsys: pytest.CaptureFixture[str]):
    with pytest.raises(SystemExit) as exit_:
        main([*words, "--help"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.startswith(f"Aufruf: buergerdesk {' '.join(words)}")
