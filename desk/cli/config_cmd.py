"""``buergerdesk config``: where config.toml is, what is in effect, whether this PC is
enrolled with the central service (a PC holds no database password: see ``enroll``)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from desk.cli.parser import Commands
from desk.cli.url_password import masked
from desk.config import paths
from desk.credentials import keyring_available, keyring_name, stored_password
from desk.device_credential import keyring_name as token_name
from desk.device_credential import load_credential
from desk.domain.errors import RequestRefused
from desk.settings import CentralSettings, Settings, load_settings
from desk.settings.model import DisplaySettings

NOT_ENROLLED = (
    "nicht angemeldet – 'buergerdesk enroll --central https://HOST:PORT --code CODE' "
    "meldet diesen PC beim zentralen Dienst an"
)


def register(commands: Commands) -> None:
    """Add the ``config`` command group."""
    config = commands.add_parser(
        "config",
        help="Konfigurationsdatei und Anmeldung dieses PCs anzeigen",
        description="Zeigt die Konfiguration (config.toml) und ob dieser PC beim zentralen "
        "Dienst angemeldet ist. Ein PC hat kein Datenbankpasswort: er wird einmal mit "
        "'buergerdesk enroll' angemeldet.",
    )
    actions = config.add_subparsers(dest="config_command", metavar="BEFEHL", required=True)
    path = actions.add_parser(
        "path",
        help="Pfad der Konfigurationsdatei ausgeben",
        description="Gibt den Pfad von config.toml aus (auch wenn es sie noch nicht gibt).",
    )
    path.set_defaults(func=show_path)
    show = actions.add_parser(
        "show",
        help="geltende Einstellungen und Geräteanmeldung ausgeben (nie eine Kennung)",
        description="Gibt die geltenden Einstellungen als TOML aus: die der Datei, sonst die "
        "Standardwerte, dazu ob dieser PC angemeldet ist (Gerät, Standort, Art, Dienst; nie "
        "die geheime Gerätekennung). Fehler der Datei stehen auf stderr (dann Exit 2).",
    )
    show.set_defaults(func=show_settings)


def show_path(_args: argparse.Namespace) -> int:
    """Print where config.toml is (or would be)."""
    print(paths().config_file)
    return 0


def show_settings(_args: argparse.Namespace) -> int:
    """Print the settings in effect as TOML and this PC's enrolment; problems of the
    file (or of the stored enrolment) go to stderr."""
    loaded = load_settings(paths().config_file)
    state = "vorhanden" if loaded.file.exists() else "fehlt, es gelten die Standardwerte"
    print(f"# Konfigurationsdatei: {loaded.file} ({state})")
    print(render(loaded.settings))
    problems = [str(problem) for problem in loaded.problems]
    try:
        enrolment = _enrolment()
    except RequestRefused as err:
        enrolment = "nicht lesbar (siehe stderr)"
        problems.append(str(err))
    print(f"# Geräteanmeldung: {enrolment}")
    for problem in problems:
        sys.stderr.write(f"buergerdesk: {problem}\n")
    return 2 if problems else 0


def _enrolment() -> str:
    """Whether and how this PC is enrolled: never its token."""
    cred = load_credential()
    if cred is None:
        return NOT_ENROLLED
    from desk.services.admin.devices import KIND_LABELS_DE

    kind = KIND_LABELS_DE.get(cred.kind, cred.kind)
    counter = f", Schalter {cred.counter_number}" if cred.counter_number is not None else ""
    in_keyring = keyring_available() and stored_password(token_name(cred.device_id)) is not None
    kept = f"im Schlüsselbund {keyring_name()}" if in_keyring else "in der Datei device.json"
    ca = f", CA {cred.ca}" if cred.ca else ""
    return (
        f"angemeldet als Gerät {cred.device_id[:8]} ({kind}{counter}) in {cred.office_id} "
        f"beim Dienst {cred.central}{ca}; Kennung {kept}"
    )


def render(settings: Settings) -> str:
    """The settings as TOML; unset keys as comments."""
    lines = _lines(settings, skip=frozenset({"central", "display"}))
    for table, values in (("central", settings.central), ("display", settings.display)):
        lines += ["", f"[{table}]", *_lines(values)]
    return "\n".join(lines)


def _lines(
    values: Settings | CentralSettings | DisplaySettings, skip: frozenset[str] = frozenset()
) -> list[str]:
    out = []
    for key, value in vars(values).items():
        if key in skip:
            continue
        out.append(f"# {key} = (nicht gesetzt)" if value is None else f"{key} = {_toml(value)}")
    return out


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return json.dumps(masked(str(value)), ensure_ascii=False)  # a TOML basic string
