"""The stable command line: help, db upgrade, demo, agenda and the exit-code contract."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from desk.store.migrate import head_revision
from tests.conftest import DEMO_NOW_ISO

SUBCOMMANDS = [
    [],
    ["db"],
    ["db", "upgrade"],
    ["demo"],
    ["agenda"],
    ["portal"],
    ["portal", "slots"],
    ["portal", "book"],
    ["portal", "cancel"],
    ["walkin"],
    ["walkin", "issue"],
    ["walkin", "call"],
    ["sync"],
    ["stats"],
    ["backup"],
    ["retention"],
    ["retention", "run"],
    ["config"],
    ["serve"],
    ["device"],
    ["device", "add"],
    ["device", "list"],
    ["device", "revoke"],
    ["enroll"],
]


@pytest.mark.parametrize("words", SUBCOMMANDS, ids=lambda w: " ".join(w) or "top")
def test_every_command_has_help(cli, words):
    result = cli(*words, "--help")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Aufruf: buergerdesk {' '.join(words)}".rstrip())
    assert result.stderr == ""


def test_db_upgrade_creates_then_changes_nothing(cli, db_url):
    first = cli("db", "upgrade", "--url", db_url)
    assert first.returncode == 0, first.stderr
    assert f"migriert: leer → {head_revision()}" in first.stdout
    second = cli("db", "upgrade", "--url", db_url)
    assert second.returncode == 0, second.stderr
    assert f"ist aktuell (Stand {head_revision()})" in second.stdout


def test_db_upgrade_refuses_a_password_in_the_url_without_showing_it(cli, pg_url):
    url = pg_url.replace("postgres@", "postgres:geheim@", 1)
    result = cli("db", "upgrade", "--url", url)
    assert result.returncode == 2, result.stderr  # ~/.pgpass or a service file instead
    assert "geheim" not in result.stdout + result.stderr
    assert "kein Passwort in der URL" in result.stderr


def test_demo_twice_inserts_once(cli, sqlite_url):
    assert cli("db", "upgrade", "--url", sqlite_url).returncode == 0
    first = cli("demo", "--url", sqlite_url, "--now", DEMO_NOW_ISO)
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("Demo-Stadt eingetragen (")
    second = cli("demo", "--url", sqlite_url, "--now", DEMO_NOW_ISO)
    assert second.returncode == 0, second.stderr
    assert second.stdout.strip() == "Demo-Stadt ist bereits vollständig eingetragen."


def test_agenda_json_has_iso_times_with_offset(cli, demo_url):
    result = cli(
        "agenda", "--url", demo_url, "--office", "bb-mitte", "--date", "2024-03-20", "--json"
    )
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["office"] == "bb-mitte"
    assert document["appointments"]
    first = document["appointments"][0]
    assert first["start"].startswith("2024-03-20T") and first["start"].endswith("+01:00")


def test_agenda_uses_now_for_today(cli, demo_sqlite_url):
    result = cli(
        "agenda", "--url", demo_sqlite_url, "--office", "bb-nord", "--now", "2024-03-21T12:00"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.rstrip().endswith("Termine am 21.03.2024 in bb-nord.")


def _not_a_database(tmp_path: Path) -> str:
    path = tmp_path / "garbage.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    return f"sqlite:///{path}"


def _empty_database(tmp_path: Path) -> str:
    path = tmp_path / "empty.sqlite"
    sqlite3.connect(path).close()
    return f"sqlite:///{path}"


BAD = {
    "missing option": (["db", "upgrade"], "fehlende Angaben: --url"),
    "unknown option": (["--bogus"], "unbekannte Angabe: --bogus"),
    "unknown command": (["frobnicate"], "ungültige Auswahl"),
    "unknown option of a command": (
        ["db", "upgrade", "--url", "sqlite:///x.db", "--x"],
        "unbekannte Angabe",
    ),
    "malformed date": (
        ["agenda", "--url", "{demo}", "--office", "bb-mitte", "--date", "2024-02-30"],
        "Ungültiges Datum '2024-02-30'",
    ),
    "malformed now": (
        ["demo", "--url", "{demo}", "--now", "gestern"],
        "Ungültige Zeitangabe 'gestern'",
    ),
    "unknown office": (
        ["agenda", "--url", "{demo}", "--office", "bb-ost"],
        "Unbekannter Standort 'bb-ost' (vorhanden: bb-mitte, ",
    ),
    "unreachable database": (
        ["db", "upgrade", "--url", "postgresql+psycopg://postgres@127.0.0.1:1/nowhere"],
        "nicht erreichbar",
    ),
    "unsupported database": (
        ["db", "upgrade", "--url", "mysql://u@h/db"],
        "wird nicht unterstützt",
    ),
    "garbage url": (["db", "upgrade", "--url", "not a url"], "Ungültige Datenbank-URL"),
    "missing database file": (
        ["agenda", "--url", "sqlite:///{tmp}/none.sqlite", "--office", "bb-mitte"],
        "gibt es nicht",
    ),
    "database not migrated": (
        ["agenda", "--url", "{empty}", "--office", "bb-mitte"],
        "noch nicht eingerichtet",
    ),
    "not a database": (
        ["agenda", "--url", "{garbage}", "--office", "bb-mitte"],
        "nicht erreichbar: file is not a database",
    ),
    "gui option of wrong type": (["--counter", "drei"], "ganze Zahl von 1 bis 999, nicht 'drei'"),
    "gui with bad now": (["--now", "2024-13-01T08:00"], "Ungültige Zeitangabe"),
}


@pytest.mark.parametrize("case", list(BAD), ids=list(BAD))
def test_bad_input_exits_2_with_one_line(cli, case, tmp_path, demo_sqlite_url):
    words, reason = BAD[case]
    values = {
        "demo": demo_sqlite_url,
        "tmp": str(tmp_path),
        "empty": _empty_database(tmp_path),
        "garbage": _not_a_database(tmp_path),
    }
    args = [w.format(**values) for w in words]
    result = cli(*args)
    assert result.returncode == 2, (result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("buergerdesk")
    assert reason in lines[0]
    assert "Traceback" not in result.stderr + result.stdout
