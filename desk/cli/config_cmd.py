"""``buergerdesk config``: where config.toml is, what is in effect, the central password."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from typing import Any

from desk.cli.parser import Commands
from desk.config import paths
from desk.credentials import (
    NO_KEYRING,
    account,
    keyring_available,
    keyring_name,
    store_password,
    stored_password,
)
from desk.domain.errors import RequestRefused
from desk.settings import CentralSettings, Settings, load_settings
from desk.settings.model import DisplaySettings


def register(commands: Commands) -> None:
    """Add the ``config`` command group."""
    config = commands.add_parser(
        "config",
        help="Konfigurationsdatei und Passwort der zentralen Datenbank",
        description="Zeigt die Konfiguration (config.toml) und legt das Passwort der "
        "zentralen Datenbank im Schlüsselbund des Betriebssystems ab.",
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
        help="geltende Einstellungen ausgeben (nie ein Passwort)",
        description="Gibt die geltenden Einstellungen als TOML aus: die der Datei, sonst die "
        "Standardwerte. Fehler der Datei stehen auf stderr (dann Exit 2).",
    )
    show.set_defaults(func=show_settings)
    secret = actions.add_parser(
        "set-password",
        help="Passwort der zentralen Datenbank im Schlüsselbund speichern",
        description="Liest das Passwort (verdeckt, oder mit --stdin eine Zeile von der "
        "Standardeingabe) und speichert es im Schlüsselbund unter 'buergerdesk' und "
        "BENUTZER@HOST:PORT/DATENBANK. Ohne Schlüsselbund: ~/.pgpass oder PGSERVICEFILE.",
    )
    secret.add_argument("--user", metavar="U", help="Benutzer (sonst [central] user)")
    secret.add_argument("--host", metavar="H", help="Server (sonst [central] host)")
    secret.add_argument("--port", metavar="P", type=int, help="Port (sonst [central] port)")
    secret.add_argument("--database", metavar="D", help="Datenbank (sonst [central] database)")
    secret.add_argument(
        "--stdin", action="store_true", help="Passwort als eine Zeile von der Standardeingabe"
    )
    secret.set_defaults(func=set_password)


def show_path(_args: argparse.Namespace) -> int:
    """Print where config.toml is (or would be)."""
    print(paths().config_file)
    return 0


def show_settings(_args: argparse.Namespace) -> int:
    """Print the settings in effect as TOML; problems of the file go to stderr."""
    loaded = load_settings(paths().config_file)
    state = "vorhanden" if loaded.file.exists() else "fehlt, es gelten die Standardwerte"
    print(f"# Konfigurationsdatei: {loaded.file} ({state})")
    print(render(loaded.settings))
    print(f"# Passwort der zentralen Datenbank: {_password_state(loaded.settings.central)}")
    for problem in loaded.problems:
        sys.stderr.write(f"buergerdesk: {problem}\n")
    return 2 if loaded.problems else 0


def set_password(args: argparse.Namespace) -> int:
    """Store the central database's password in the OS keyring."""
    central = load_settings(paths().config_file).settings.central
    user = args.user or central.user
    host = args.host or central.host
    database = args.database or central.database
    given = (("--user", user), ("--host", host), ("--database", database))
    missing = [option for option, value in given if not value]
    if missing or user is None or host is None or database is None:
        raise RequestRefused(
            f"Es fehlt {', '.join(missing)}: angeben oder in config.toml unter [central] eintragen"
        )
    if not keyring_available():
        raise RequestRefused(NO_KEYRING)
    name = account(user, host, args.port or central.port, database)
    password = _read_password(name, args.stdin)
    if not password:
        raise RequestRefused("Kein Passwort eingegeben: nichts gespeichert")
    store_password(name, password)
    print(f"Passwort für {name} im Schlüsselbund ({keyring_name()}) gespeichert.")
    return 0


def _read_password(name: str, from_stdin: bool) -> str:
    if from_stdin or not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    try:
        return getpass.getpass(f"Passwort für {name}: ")
    except EOFError:
        return ""


def _password_state(central: CentralSettings) -> str:
    if not keyring_available():
        return "kein Schlüsselbund – libpq liest ~/.pgpass oder die Servicedatei (PGSERVICEFILE)"
    if not (central.user and central.host and central.database):
        return f"Schlüsselbund {keyring_name()}; [central] user, host und database fehlen"
    name = account(central.user, central.host, central.port, central.database)
    if stored_password(name) is None:
        return f"nicht im Schlüsselbund ({name}) – sonst ~/.pgpass oder die Servicedatei"
    return f"im Schlüsselbund gespeichert ({name})"


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
    return json.dumps(str(value), ensure_ascii=False)  # a TOML basic string
