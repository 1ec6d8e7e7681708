"""``buergerdesk user``: the IT adds users, sets passwords, locks and unlocks, on a copy
of the demo city (the console script for the stdin path; the rest in-process, through
the same guard). A password is never an option and never printed."""

from __future__ import annotations

import io
import json
import sqlite3
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from desk.cli.main import main
from desk.config import DATA_DIR_ENV
from desk.domain.errors import RequestRefused
from desk.services.admin.auth import authenticate
from desk.services.database import open_database
from tests.cli.config_support import DeskCommand

NOW = ["--now", "2024-03-20T10:30"]
SECRET = "Rathaus-Schalter 7"


@pytest.fixture
def url(demo_sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A private copy of the demo city; in-process commands keep their logs in tmp_path."""
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "data"))
    target = tmp_path / "users.sqlite"
    source = demo_sqlite_url.removeprefix("sqlite:///")
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)
    return f"sqlite:///{target}"


def signs_in(url: str, username: str, password: str) -> bool:
    db = open_database(url)
    try:
        authenticate(db, username, password)
        return True
    except RequestRefused:
        return False
    finally:
        db.dispose()


def run(argv: list[str], monkeypatch: pytest.MonkeyPatch, stdin: str = "") -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return main(argv)


@pytest.mark.parametrize(
    "words", [[], ["list"], ["add"], ["passwd"], ["disable"], ["enable"], ["unlock"]]
)
def test_each_user_command_has_help(words, capsys):
    with pytest.raises(SystemExit) as done:
        main(["user", *words, "--help"])
    assert done.value.code == 0
    assert capsys.readouterr().out.startswith(f"Aufruf: buergerdesk user {' '.join(words)}".strip())


def test_no_command_takes_a_password_as_an_option(capsys):
    for words in (["add"], ["passwd"]):
        with pytest.raises(SystemExit):
            main(["user", *words, "--help"])
        assert "--password" not in capsys.readouterr().out


def test_a_user_added_with_the_password_piped_in_signs_in(url, tmp_path):
    add = ("user", "add", "--url", url, *NOW, "--username", "sb.ost", "--display-name",
           "Sachbearbeitung Ost", "--role", "clerk", "--office", "bb-nord", "--stdin")  # fmt: skip

    done = DeskCommand(tmp_path)(*add, stdin=f"{SECRET}\n")

    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == "Benutzer sb.ost angelegt (Sachbearbeitung).\n"
    assert signs_in(url, "sb.ost", SECRET)
    assert not signs_in(url, "sb.ost", f"{SECRET}\n")


def test_list_shows_every_user_with_role_office_and_state(url, monkeypatch, capsys):
    assert run(["user", "disable", "--url", url, *NOW, "--username", "sb.west"], monkeypatch) == 0
    assert capsys.readouterr().out == "Benutzer sb.west gesperrt.\n"

    assert run(["user", "list", "--url", url], monkeypatch) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Benutzername\tName\tRolle\tStandort\tStatus"
    assert "sb.mitte1\tSachbearbeitung Mitte 1\tSachbearbeitung\tbb-mitte\taktiv" in lines
    assert "sb.west\tSachbearbeitung West\tSachbearbeitung\tbb-west\tgesperrt" in lines
    assert "teamleitung\tTeamleitung Bürgerservice\tTeamleitung\t–\taktiv" in lines
    assert run(["user", "list", "--url", url, "--json"], monkeypatch) == 0
    listed = {u["username"]: u for u in json.loads(capsys.readouterr().out)}
    assert listed["sb.west"] == {
        "username": "sb.west", "display_name": "Sachbearbeitung West", "role": "clerk",
        "office": "bb-west", "active": False, "locked_until": None,
    }  # fmt: skip


def test_passwd_disable_and_enable_change_who_signs_in(url, monkeypatch, capsys):
    name = ["--url", url, *NOW, "--username", "sb.nord"]

    assert run(["user", "passwd", *name], monkeypatch, stdin="Neues Passwort 1\n") == 0
    assert signs_in(url, "sb.nord", "Neues Passwort 1") and not signs_in(url, "sb.nord", "demo")
    assert run(["user", "disable", *name], monkeypatch) == 0
    assert not signs_in(url, "sb.nord", "Neues Passwort 1")
    assert run(["user", "enable", *name], monkeypatch) == 0
    assert signs_in(url, "sb.nord", "Neues Passwort 1")
    assert capsys.readouterr().out.splitlines() == [
        "Passwort von sb.nord gesetzt.",
        "Benutzer sb.nord gesperrt.",
        "Benutzer sb.nord entsperrt.",
    ]


ADD = ["user", "add", "--display-name", "Neu", "--role", "clerk"]


@pytest.mark.parametrize(
    ("argv", "stdin", "reason"),
    [
        ([*ADD, "--username", "sb.neu"], "kurz\n", "Passwort: mindestens 10 Zeichen nötig"),
        ([*ADD, "--username", "sb.neu"], "\n", "Kein Passwort eingegeben: nichts geändert"),
        ([*ADD, "--username", "sb.mitte1"], f"{SECRET}\n", "'sb.mitte1' ist schon vergeben"),
        ([*ADD, "--username", "sb.neu", "--office", "rathaus"], f"{SECRET}\n", "Standort:"),
        (["user", "passwd", "--username", "niemand"], f"{SECRET}\n", "Unbekannter Benutzer"),
        (["user", "disable", "--username", "teamleitung"], "", "letzte aktive Teamleitung"),
        (["user", "add", "--username", "x"], "", "fehlende Angaben"),
        ([*ADD, "--username", "sb.neu", "--role", "admin"], "", "ungültige Auswahl 'admin'"),
    ],
)
def test_a_refusal_is_one_line_and_exit_2_and_changes_nothing(
    url, monkeypatch, capsys, argv, stdin, reason
):
    try:
        code = run([*argv, "--url", url, *NOW], monkeypatch, stdin=stdin)
    except SystemExit as stopped:  # argparse refuses before the guard
        code = int(stopped.code or 0)

    assert code == 2
    err = capsys.readouterr().err
    assert reason in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert SECRET not in err
    assert not signs_in(url, "sb.neu", SECRET) and signs_in(url, "teamleitung", "demo")


def test_unlock_lifts_the_lock_after_failed_sign_ins(url, monkeypatch, capsys):
    db = open_database(url)
    for attempt in range(5):  # a minute ago, seconds apart: past the back-off
        at = datetime.now(UTC) - timedelta(seconds=60 - 5 * attempt)
        with pytest.raises(RequestRefused):
            authenticate(db, "sb.nord", "falsch geraten", now=at)
    db.dispose()
    assert not signs_in(url, "sb.nord", "demo")  # the right one is refused while locked
    assert run(["user", "list", "--url", url], monkeypatch) == 0
    [line] = [x for x in capsys.readouterr().out.splitlines() if x.startswith("sb.nord\t")]
    assert "aktiv, Anmeldung nach Fehlversuchen gesperrt bis" in line

    assert run(["user", "unlock", "--url", url, *NOW, "--username", "sb.nord"], monkeypatch) == 0
    assert capsys.readouterr().out == "Anmeldesperre von sb.nord aufgehoben.\n"
    assert signs_in(url, "sb.nord", "demo")
