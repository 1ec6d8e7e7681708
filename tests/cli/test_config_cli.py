"""``buergerdesk config``: path, show (never a password) and set-password (OS keyring)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.config_support import DeskCommand

CENTRAL = (
    '[central]\nhost = "db.example"\nport = 6432\ndatabase = "buergerdesk"\nuser = "schalter"\n'
)
ACCOUNT = "schalter@db.example:6432/buergerdesk"


@pytest.fixture
def run(tmp_path: Path) -> DeskCommand:
    return DeskCommand(tmp_path)


@pytest.mark.parametrize("words", [["config"], ["config", "set-password"]])
def test_config_commands_have_help(run, words):
    result = run(*words, "--help")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"usage: buergerdesk {' '.join(words)}")


def test_config_path_names_the_file_in_the_data_dir(run, tmp_path):
    result = run("config", "path")
    assert (result.returncode, result.stdout) == (0, f"{tmp_path / 'data' / 'config.toml'}\n")


def test_set_password_stores_it_in_the_keyring_under_the_central_database(run):
    run.config(CENTRAL)

    result = run("config", "set-password", "--stdin", stdin="Zentral-Geheim 42\n")

    assert result.returncode == 0, result.stderr
    assert (
        result.stdout
        == f"Passwort für {ACCOUNT} im Schlüsselbund (keyrings FileKeyring) gespeichert.\n"
    )
    assert "Zentral-Geheim" not in result.stdout + result.stderr
    assert run.stored() == {f"buergerdesk {ACCOUNT}": "Zentral-Geheim 42"}


def test_set_password_options_name_another_database(run):
    run.config(CENTRAL)
    args = ("--user", "leitung", "--host", "db2.example", "--port", "5432", "--database", "z")

    result = run("config", "set-password", *args, stdin="anderes\n")  # stdin is not a tty

    assert result.returncode == 0, result.stderr
    assert run.stored() == {"buergerdesk leitung@db2.example:5432/z": "anderes"}


def test_without_a_keyring_set_password_says_so_in_one_line_and_exit_2(run):
    run.config(CENTRAL)

    result = run("config", "set-password", "--stdin", stdin="geheim\n", keyring=False)

    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert line.startswith("buergerdesk: Auf diesem Rechner gibt es keinen Schlüsselbund")
    assert "~/.pgpass" in line and "PGSERVICEFILE" in line
    assert result.stdout == ""
    assert run.stored() == {}


def test_set_password_without_a_named_database_is_refused(run):
    run.config('[central]\nhost = "h"\n')
    result = run("config", "set-password", "--stdin", stdin="geheim\n")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "buergerdesk: Es fehlt --user, --database: angeben oder in config.toml unter [central] "
        "eintragen"
    ]


def test_an_empty_password_is_not_stored(run):
    run.config(CENTRAL)
    result = run("config", "set-password", "--stdin", stdin="\n")
    assert result.returncode == 2
    assert run.stored() == {}


def test_show_prints_the_settings_in_effect_and_whether_a_password_is_stored(run):
    path = run.config(f'office = "bb-nord"\n{CENTRAL}')
    assert run("config", "set-password", stdin="Zentral-Geheim 42\n").returncode == 0

    result = run("config", "show")

    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"# Konfigurationsdatei: {path} (vorhanden)"
    assert {'office = "bb-nord"', "# counter = (nicht gesetzt)", 'holidays_state = "ST"'} < set(
        lines
    )
    assert {"[central]", 'host = "db.example"', "port = 6432", "[display]", "chime = true"} < set(
        lines
    )
    assert (
        lines[-1] == f"# Passwort der zentralen Datenbank: im Schlüsselbund gespeichert ({ACCOUNT})"
    )
    assert "Zentral-Geheim" not in result.stdout + result.stderr


def test_show_never_prints_a_password_written_into_the_file(run):
    path = run.config(f'{CENTRAL}password = "Datei-Geheim 9"\n')

    result = run("config", "show", keyring=False)

    assert result.returncode == 2
    assert "Datei-Geheim" not in result.stdout + result.stderr
    assert result.stderr.startswith(f"buergerdesk: {path}, Zeile 6: central.password: Passwörter")
    assert "password" not in result.stdout
    assert result.stdout.splitlines()[-1] == (
        "# Passwort der zentralen Datenbank: kein Schlüsselbund – libpq liest ~/.pgpass "
        "oder die Servicedatei (PGSERVICEFILE)"
    )


def test_show_names_a_broken_file_and_its_line(run):
    path = run.config('office = "bb-nord"\ncounter = \n')
    result = run("config", "show")
    assert result.returncode == 2
    assert result.stderr.startswith(f"buergerdesk: {path}, Zeile 2: kein gültiges TOML")
    assert "# office = (nicht gesetzt)" in result.stdout.splitlines()
