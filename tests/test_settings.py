"""config.toml: typed settings, clear problems with file and line, options win over it."""

from __future__ import annotations

import argparse
import re
from dataclasses import fields
from pathlib import Path

import pytest

from desk.config import paths
from desk.domain.errors import RequestRefused
from desk.settings import CentralSettings, DisplaySettings, Settings, load_settings
from desk.settings.options import central_url, fill_app_options, fill_display_options
from desk.sync.remote import check_central_url
from ui.app import gui_parser
from ui.display.command import add_display_command

FULL = """\
# a counter PC in the Bürgerbüro Mitte
office = "bb-mitte"
counter = 3
language = "en"
local_database = "sqlite:///C:/Buergerdesk/schalter.sqlite"
retention_days = 45
holidays_state = "sn"

[central]
url = "https://zentrale.stadt.example:8443"
ca = "C:/Buergerdesk/zentrale-ca.pem"

[display]
screen = 2
chime = false
speech = false
fullscreen = true
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_complete_file_sets_every_setting(tmp_path):
    loaded = load_settings(write(tmp_path, FULL))

    assert loaded.problems == ()
    assert loaded.settings == Settings(
        office="bb-mitte",
        counter=3,
        language="en",
        local_database="sqlite:///C:/Buergerdesk/schalter.sqlite",
        retention_days=45,
        holidays_state="SN",
        central=CentralSettings(
            "https://zentrale.stadt.example:8443", "C:/Buergerdesk/zentrale-ca.pem"
        ),
        display=DisplaySettings(screen=2, chime=False, speech=False, fullscreen=True),
    )


def test_a_missing_file_gives_the_standalone_defaults_without_a_problem(tmp_path):
    loaded = load_settings(tmp_path / "config.toml")

    assert loaded.problems == ()
    assert loaded.settings == Settings()
    assert (loaded.settings.retention_days, loaded.settings.holidays_state) == (30, "ST")
    assert not loaded.settings.central.configured


def test_the_config_file_moves_with_the_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("BUERGERDESK_DATA_DIR", str(tmp_path / "kiosk"))
    assert paths().config_file == tmp_path / "kiosk" / "config.toml"


def test_a_syntax_error_names_the_file_and_line_and_keeps_the_defaults(tmp_path):
    path = write(tmp_path, 'office = "bb-nord"\n\n[central]\nurl = zentrale.example\n')

    loaded = load_settings(path)

    assert loaded.settings == Settings()
    [problem] = loaded.problems
    assert (problem.file, problem.line) == (path, 4)
    assert str(problem).startswith(f"{path}, Zeile 4: kein gültiges TOML (")


@pytest.mark.parametrize(
    ("text", "key", "line", "expected"),
    [
        ('office = "bb-nord"\n[central]\nurl = "https://h"\nca = 8443\n', "central.ca", 4, "8443"),
        ('office = "bb-nord"\n[central]\nurl = "h:8443"\n', "central.url", 3, "https://HOST"),
        ('counter = "drei"\noffice = "bb-nord"\n', "counter", 1, "eine ganze Zahl"),
        ('office = "bb-nord"\nlanguage = "fr"\n', "language", 2, "de, en"),
        ('office = "bb-nord"\nholidays_state = "XX"\n', "holidays_state", 2, "ST"),
        ('office = "bb-nord"\n\n[display]\n  "chime" = "ja"\n', "display.chime", 4, "true oder"),
        ('office = "bb-nord"\ndisplay.screen = 0\n', "display.screen", 2, "von 1 bis"),
        ('office = "bb-nord"\nretention_days = true\n', "retention_days", 2, "3650"),
        ('office = "bb-nord"\ncentral = "db.example"\n', "central", 2, "Tabelle [central]"),
    ],
)
def test_a_wrong_value_names_file_key_and_line_and_only_that_key_falls_back(
    tmp_path, text, key, line, expected
):
    path = write(tmp_path, text)

    loaded = load_settings(path)

    [problem] = loaded.problems
    assert (problem.file, problem.key, problem.line) == (path, key, line)
    assert str(problem).startswith(f"{path}, Zeile {line}: {key}: ")
    assert expected in problem.message
    assert loaded.settings.office == "bb-nord"  # the good keys still count
    defaults = Settings()
    assert loaded.settings.retention_days == defaults.retention_days
    assert loaded.settings.central.ca is None
    assert loaded.settings.display == defaults.display


def test_an_unknown_key_is_reported_with_its_line_and_ignored(tmp_path):
    path = write(tmp_path, '[central]\nurl = "https://h"\nurll = "https://h2"\n')

    [problem] = load_settings(path).problems

    assert (problem.key, problem.line) == ("central.urll", 3)
    assert "unbekannter Schlüssel" in problem.message


@pytest.mark.parametrize("key", ["password", "Passwort"])
def test_a_password_in_the_file_is_refused_never_repeated_and_ignored(tmp_path, key):
    path = write(tmp_path, f'[central]\nurl = "https://h"\nca = "c.pem"\n{key} = "Geheim-7781"\n')

    loaded = load_settings(path)

    [problem] = loaded.problems
    assert (problem.key, problem.line) == (f"central.{key}", 4)
    assert problem.message.startswith("Passwörter gehören nicht in die Konfigurationsdatei")
    assert "'buergerdesk enroll --central https://HOST:PORT --code CODE'" in problem.message
    assert "set-password" not in problem.message and ".pgpass" not in problem.message
    assert "Geheim-7781" not in str(problem)
    assert "Geheim-7781" not in repr(loaded.settings)
    assert loaded.settings.central == CentralSettings(url="https://h", ca="c.pem")


OLD_CENTRAL = """\
office = "bb-nord"
[central]
host = "db.stadt.example"
port = 6432
database = "buergerdesk"
user = "schalter"
service = "zentrale"
"""


def test_the_old_database_keys_are_not_read_each_is_one_problem_saying_to_enrol(tmp_path):
    path = write(tmp_path, OLD_CENTRAL)

    loaded = load_settings(path)

    keys = ["central.host", "central.port", "central.database", "central.user", "central.service"]
    assert [(p.file, p.key, p.line) for p in loaded.problems] == [
        (path, key, line) for line, key in enumerate(keys, start=3)
    ]
    for problem in loaded.problems:
        assert problem.message.startswith(
            "ein PC verbindet sich nicht mehr mit der Datenbank, sondern mit dem zentralen Dienst"
        )
        assert "'buergerdesk enroll --central https://HOST:PORT --code CODE'" in problem.message
        assert "lokal, ohne Abgleich" in problem.message
        assert "unbekannter Schlüssel" not in problem.message
        assert "db.stadt.example" not in problem.message and "schalter" not in problem.message
    assert loaded.settings == Settings(office="bb-nord")  # the rest still counts
    assert not loaded.settings.central.configured


def test_the_old_keys_next_to_a_service_url_leave_the_url_in_effect(tmp_path):
    path = write(tmp_path, '[central]\nurl = "https://zentrale.example:8443"\nhost = "db"\n')

    loaded = load_settings(path)

    [problem] = loaded.problems
    assert (problem.key, problem.line) == ("central.host", 3)
    assert loaded.settings.central == CentralSettings(url="https://zentrale.example:8443")


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://zentrale.example:8443", "https://zentrale.example:8443"),
        ("  https://zentrale.example:8443/ ", "https://zentrale.example:8443"),
        ("https://[2001:db8::1]:8443", "https://[2001:db8::1]:8443"),
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
        ("http://localhost:8080", "http://localhost:8080"),
        ("http://[::1]:8080", "http://[::1]:8080"),
        ("http://10.0.0.1:8443", None),
        ("http://zentrale.example", None),
        ("postgresql+psycopg://schalter@db.example:5432/buergerdesk", None),
        ("postgresql://db.example/buergerdesk", None),
        ("sqlite:///C:/Buergerdesk/schalter.sqlite", None),
        ("ftp://zentrale.example", None),
        ("zentrale.example:8443", None),
        ("https://", None),
        ("https://[::1", None),
    ],
)
def test_the_service_url_follows_the_sync_commands_rules(tmp_path, url, kept):
    path = write(tmp_path, f'office = "bb-nord"\n[central]\nurl = "{url}"\n')

    loaded = load_settings(path)

    assert loaded.settings.central.url == kept
    assert loaded.settings.office == "bb-nord"
    if kept is not None:
        assert loaded.problems == ()
        assert check_central_url(url) == kept  # the same as 'sync --central' and the app
        return
    [problem] = loaded.problems
    assert (problem.key, problem.line) == ("central.url", 3)
    assert problem.message.startswith("erwartet ")
    assert problem.message.endswith(" – es gilt der Standardwert (keiner)")
    try:
        check_central_url(url)
    except (RequestRefused, ValueError):
        pass  # refused there as well
    else:
        pytest.fail(f"check_central_url accepts {url!r}")


def test_a_database_url_as_the_service_says_to_enrol(tmp_path):
    path = write(tmp_path, '[central]\nurl = "postgresql+psycopg://schalter@db/buergerdesk"\n')

    [problem] = load_settings(path).problems

    assert "keine Datenbankadresse" in problem.message
    assert "'buergerdesk enroll --central https://HOST:PORT --code CODE'" in problem.message


def test_a_file_that_is_not_utf8_is_a_problem_not_a_crash(tmp_path):
    path = tmp_path / "config.toml"
    path.write_bytes('office = "Bürgerbüro"\n'.encode("latin-1"))

    loaded = load_settings(path)

    assert loaded.settings == Settings()
    assert "UTF-8" in str(loaded.problems[0])


def test_command_line_options_win_over_the_file(tmp_path):
    loaded = load_settings(write(tmp_path, FULL))
    args = gui_parser().parse_args(["--office", "bb-sued", "--url", "sqlite:///x.sqlite"])

    problems = fill_app_options(args, loaded)

    assert problems == []
    assert (args.office, args.counter, args.language) == ("bb-sued", 3, "en")
    assert args.url == "sqlite:///x.sqlite"
    assert args.central == "https://zentrale.stadt.example:8443"


def test_an_explicit_central_option_wins_over_the_file(tmp_path):
    loaded = load_settings(write(tmp_path, FULL))
    args = gui_parser().parse_args(["--central", "https://andere.example:9443"])

    fill_app_options(args, loaded)

    assert args.central == "https://andere.example:9443"


def test_a_central_service_without_a_local_database_starts_standalone_with_a_notice(tmp_path):
    path = write(tmp_path, '[central]\nurl = "https://zentrale.example:8443"\n')
    args = gui_parser().parse_args([])

    [problem] = fill_app_options(args, load_settings(path))

    assert (args.url, args.central) == (None, None)
    assert problem.key == "central"
    assert "eigenständig" in problem.message


def test_the_central_url_is_the_services_and_nothing_else():
    central = CentralSettings(url="https://zentrale.example:8443", ca="/etc/buergerdesk/ca.pem")
    assert central_url(central) == "https://zentrale.example:8443"
    assert central.configured
    assert central_url(CentralSettings(ca="/etc/buergerdesk/ca.pem")) is None  # no url: none
    assert not CentralSettings(ca="/etc/buergerdesk/ca.pem").configured
    assert central_url(CentralSettings()) is None


def test_the_documented_example_loads_cleanly_and_names_every_key():
    example = Path(__file__).resolve().parents[1] / "docs" / "config.example.toml"

    loaded = load_settings(example)

    assert loaded.problems == ()
    assert loaded.settings.central.configured
    text = example.read_text(encoding="utf-8")
    for kind in (Settings, CentralSettings, DisplaySettings):
        for item in fields(kind):
            assert re.search(rf"^(# )?\[?{item.name}\]? *=?", text, re.MULTILINE), item.name


def display_args(*words: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_display_command(parser.add_subparsers())
    return parser.parse_args(["display", "--url", "sqlite:///x.sqlite", *words])


def test_the_display_takes_screen_sound_and_window_from_the_file(tmp_path):
    path = write(tmp_path, 'office = "bb-west"\n[display]\nscreen = 2\nchime = false\n')

    args = display_args("--office", "bb-nord", "--no-speech")
    fill_display_options(args, load_settings(path))

    assert (args.office, args.screen) == ("bb-nord", 2)
    assert (args.no_sound, args.no_speech, args.window) == (True, True, False)
    plain = display_args("--office", "bb-sued", "--screen", "1")
    fill_display_options(plain, load_settings(path))
    assert (plain.screen, plain.no_sound, plain.no_speech) == (1, True, False)
    unnamed = argparse.Namespace(office=None)  # should --office become optional
    fill_display_options(unnamed, load_settings(path))
    assert unnamed.office == "bb-west"


def test_a_config_path_that_cannot_be_read_is_a_problem_not_a_crash(tmp_path):
    (tmp_path / "config.toml").mkdir()
    loaded = load_settings(tmp_path / "config.toml")
    assert loaded.settings == Settings()
    assert str(loaded.problems[0]).startswith(f"{tmp_path / 'config.toml'}: nicht lesbar (")
