"""``buergerdesk config``: path and show (never a password or a device token); there is no
database password to set any more."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.config_support import DeskCommand

CENTRAL = '[central]\nurl = "https://zentrale.example:8443"\nca = "/etc/buergerdesk/ca.pem"\n'
NOT_ENROLLED = (
    "# Geräteanmeldung: nicht angemeldet – 'buergerdesk enroll --central https://HOST:PORT "
    "--code CODE' meldet diesen PC beim zentralen Dienst an"
)


@pytest.fixture
def run(tmp_path: Path) -> DeskCommand:
    return DeskCommand(tmp_path)


@pytest.mark.parametrize("words", [["config"], ["config", "path"], ["config", "show"]])
def test_config_commands_have_help(run, words):
    result = run(*words, "--help")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Aufruf: buergerdesk {' '.join(words)}")


def test_there_is_no_database_password_to_set_any_more(run):
    run.config(CENTRAL)

    result = run("config", "set-password", "--stdin", stdin="Zentral-Geheim 42\n")

    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert line.startswith("buergerdesk config: ")
    assert "'set-password'" in line and "'path', 'show'" in line
    assert result.stdout == ""
    assert run.stored() == {}
    assert "set-password" not in run("config", "--help").stdout


def test_config_path_names_the_file_in_the_data_dir(run, tmp_path):
    result = run("config", "path")
    assert (result.returncode, result.stdout) == (0, f"{tmp_path / 'data' / 'config.toml'}\n")


def test_show_prints_the_settings_in_effect_and_that_the_pc_is_not_enrolled(run):
    path = run.config(f'office = "bb-nord"\n{CENTRAL}')

    result = run("config", "show")

    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0] == f"# Konfigurationsdatei: {path} (vorhanden)"
    assert {'office = "bb-nord"', "# counter = (nicht gesetzt)", 'holidays_state = "ST"'} < set(
        lines
    )
    assert {
        "[central]",
        'url = "https://zentrale.example:8443"',
        'ca = "/etc/buergerdesk/ca.pem"',
        "[display]",
        "chime = true",
    } < set(lines)
    assert lines[-1] == NOT_ENROLLED


def test_show_without_a_file_names_the_defaults_and_no_central_service(run, tmp_path):
    result = run("config", "show", keyring=False)

    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    path = tmp_path / "data" / "config.toml"
    assert lines[0] == f"# Konfigurationsdatei: {path} (fehlt, es gelten die Standardwerte)"
    assert {"[central]", "# url = (nicht gesetzt)", "# ca = (nicht gesetzt)"} < set(lines)
    assert lines[-1] == NOT_ENROLLED


def test_show_never_prints_a_password_written_into_the_file(run):
    path = run.config(f'{CENTRAL}password = "Datei-Geheim 9"\n')

    result = run("config", "show", keyring=False)

    assert result.returncode == 2
    assert "Datei-Geheim" not in result.stdout + result.stderr
    assert result.stderr.startswith(f"buergerdesk: {path}, Zeile 4: central.password: Passwörter")
    assert "password" not in result.stdout
    assert result.stdout.splitlines()[-1] == NOT_ENROLLED


def test_show_names_a_broken_file_and_its_line(run):
    path = run.config('office = "bb-nord"\ncounter = \n')
    result = run("config", "show")
    assert result.returncode == 2
    assert result.stderr.startswith(f"buergerdesk: {path}, Zeile 2: kein gültiges TOML")
    assert "# office = (nicht gesetzt)" in result.stdout.splitlines()
