"""The app's start takes config.toml: its office is chosen when no option names one, and
a wrong entry (also [central]'s old database keys) is logged while the app still starts."""

from __future__ import annotations

import configparser
import shutil
from pathlib import Path


def test_the_config_files_office_is_chosen_when_no_option_names_one(
    cli, tmp_path, monkeypatch, demo_sqlite_url
):
    copy = tmp_path / "schalter.sqlite"
    shutil.copyfile(Path(demo_sqlite_url.removeprefix("sqlite:///")), copy)
    data = tmp_path / "data"
    data.mkdir()
    (data / "config.toml").write_text(
        f'office = "bb-nord"\ncounter = "drei"\nlocal_database = "sqlite:///{copy}"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))  # Qt's own settings

    result = cli("--smoke", "--now", "2024-03-20T10:30")

    assert result.returncode == 0, result.stderr
    qt_settings = configparser.ConfigParser()
    qt_settings.read(tmp_path / "xdg" / "Buergerdesk" / "Bürgerdesk.conf", encoding="utf-8")
    assert qt_settings["General"]["office"] == "bb-nord"  # the window chose it and saved it
    log = (data / "logs" / "buergerdesk.log").read_text(encoding="utf-8")
    assert f"{data / 'config.toml'}, Zeile 2: counter: erwartet eine ganze Zahl" in log


def test_the_old_central_database_keys_are_logged_and_the_app_starts_working_locally(
    cli, tmp_path, monkeypatch, demo_sqlite_url
):
    copy = tmp_path / "schalter.sqlite"
    shutil.copyfile(Path(demo_sqlite_url.removeprefix("sqlite:///")), copy)
    data = tmp_path / "data"
    data.mkdir()
    (data / "config.toml").write_text(
        f'office = "bb-nord"\nlocal_database = "sqlite:///{copy}"\n\n'
        '[central]\nhost = "db.stadt.example"\ndatabase = "buergerdesk"\nuser = "schalter"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))  # Qt's own settings

    result = cli("--smoke", "--now", "2024-03-20T10:30")

    assert result.returncode == 0, result.stderr
    log = (data / "logs" / "buergerdesk.log").read_text(encoding="utf-8")
    for line, key in ((5, "host"), (6, "database"), (7, "user")):
        problem = f"{data / 'config.toml'}, Zeile {line}: central.{key}: ein PC verbindet sich"
        assert log.count(problem) == 1, key
    assert "buergerdesk enroll --central https://HOST:PORT --code CODE" in log
    assert "db.stadt.example" not in log  # not read, not tried
