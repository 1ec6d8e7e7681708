"""Read config.toml: never raises; bad parts get their defaults and a problem naming
the file, the key and its line, so that the app still starts."""

from __future__ import annotations

import logging
import re
import tomllib
from collections.abc import Callable
from dataclasses import fields
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from desk.private_files import tighten
from desk.settings.model import (
    DATABASE_KEYS,
    LANGUAGES,
    PASSWORD_KEYS,
    STATES,
    CentralSettings,
    ConfigProblem,
    DisplaySettings,
    LoadedSettings,
    Settings,
)

log = logging.getLogger(__name__)

Check = Callable[[Any], Any]  # returns the value or raises ValueError(what was expected)

AT_LINE = re.compile(r"\s*\(at line (\d+), column (\d+)\)")
ENROLL = "buergerdesk enroll --central https://HOST:PORT --code CODE"
REFUSED_PASSWORD = (
    "Passwörter gehören nicht in die Konfigurationsdatei: der Eintrag wird ignoriert. "
    "Ein PC braucht kein Datenbankpasswort: er wird einmal mit "
    f"'{ENROLL}' beim zentralen Dienst angemeldet (die Gerätekennung liegt im "
    "Schlüsselbund)"
)
RETIRED_DATABASE_KEY = (
    "ein PC verbindet sich nicht mehr mit der Datenbank, sondern mit dem zentralen Dienst: "
    f"den Eintrag löschen und den PC einmal mit '{ENROLL}' anmelden "
    "(die Adresse des Dienstes dann unter [central] url) – bis dahin startet die App "
    "und arbeitet lokal, ohne Abgleich"
)
#: Where a PC may reach the central service unencrypted (the rules of
#: ``desk.sync.remote.check_central_url``, kept here without its imports: the app loads
#: its settings before the first paint).
LOOPBACK = ("127.0.0.1", "localhost", "::1")
HEADER = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(#.*)?$")


def whole(low: int, high: int) -> Check:
    """An integer in [low, high] (TOML's true/false are not numbers here)."""

    def check(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ValueError(f"erwartet eine ganze Zahl von {low} bis {high}")
        return value

    return check


def text(value: Any) -> str:
    """A non-empty string."""
    if not isinstance(value, str) or not value.strip():
        raise ValueError("erwartet einen Text in Anführungszeichen")
    return value.strip()


def flag(value: Any) -> bool:
    """true or false."""
    if not isinstance(value, bool):
        raise ValueError("erwartet true oder false")
    return value


def service_url(value: Any) -> str:
    """The central service's address: https://HOST[:PORT], plain http only to this
    machine (127.0.0.1, localhost, ::1); never a database URL."""
    address = text(value)
    try:
        parts = urlsplit(address)
        host = parts.hostname
    except ValueError:
        parts, host = None, None
    scheme = parts.scheme if parts is not None else ""
    if scheme.startswith(("postgres", "sqlite")):
        raise ValueError(
            "erwartet die Adresse des zentralen Dienstes (https://HOST:PORT), keine "
            f"Datenbankadresse – den PC mit '{ENROLL}' anmelden"
        )
    if scheme not in ("https", "http") or not host:
        raise ValueError("erwartet die Adresse des zentralen Dienstes, https://HOST:PORT")
    if scheme == "http" and host not in LOOPBACK:
        raise ValueError(
            f"erwartet https://HOST:PORT (unverschlüsselt http nur zu {', '.join(LOOPBACK)}, "
            f"nicht zu {host})"
        )
    return address.rstrip("/")


def choice(options: tuple[str, ...], *, upper: bool = False) -> Check:
    """One of ``options`` (state codes compared in upper case)."""

    def check(value: Any) -> str:
        candidate = value.strip().upper() if upper and isinstance(value, str) else value
        if candidate not in options:
            raise ValueError(f"erwartet einen von {', '.join(options)}")
        return str(candidate)

    return check


TOP: dict[str, Check] = {
    "office": text,
    "counter": whole(1, 999),
    "language": choice(LANGUAGES),
    "local_database": text,
    "retention_days": whole(1, 3650),
    "holidays_state": choice(STATES, upper=True),
    "idle_lock_minutes": whole(0, 1440),
}
TABLES: dict[str, tuple[type, dict[str, Check]]] = {
    "central": (
        CentralSettings,
        {"url": service_url, "ca": text},
    ),
    "display": (
        DisplaySettings,
        {"screen": whole(1, 16), "chime": flag, "speech": flag, "fullscreen": flag},
    ),
}
#: Keys a table no longer has, with what to do instead (reported once each, not read).
RETIRED: dict[str, dict[str, str]] = {
    "central": dict.fromkeys(DATABASE_KEYS, RETIRED_DATABASE_KEY),
}


def load_settings(path: Path) -> LoadedSettings:
    """Settings from ``path`` (missing file: the defaults, no problem)."""
    try:
        source = path.read_bytes().decode("utf-8")
        tighten(path)  # no secrets by design; still the user's alone, like every file
    except FileNotFoundError:
        return LoadedSettings(Settings(), path)
    except (OSError, UnicodeDecodeError) as err:
        return _report(LoadedSettings(Settings(), path, (_unreadable(path, err),)))
    try:
        document = tomllib.loads(source)
    except tomllib.TOMLDecodeError as err:
        return _report(LoadedSettings(Settings(), path, (_syntax(path, err),)))
    reader = _Reader(path, source)
    settings = reader.settings(document)
    return _report(LoadedSettings(settings, path, tuple(reader.problems)))


def _report(loaded: LoadedSettings) -> LoadedSettings:
    for problem in loaded.problems:
        log.warning("config: %s", problem)
    return loaded


def _unreadable(path: Path, err: Exception) -> ConfigProblem:
    reason = "nicht in UTF-8 gespeichert" if isinstance(err, UnicodeDecodeError) else str(err)
    return ConfigProblem(path, f"nicht lesbar ({reason}) – es gelten die Standardwerte")


def _syntax(path: Path, err: tomllib.TOMLDecodeError) -> ConfigProblem:
    message = str(err)
    found = AT_LINE.search(message)
    reason = AT_LINE.sub("", message).strip()
    line = int(found.group(1)) if found else None
    message = (
        f"kein gültiges TOML ({reason}) – die Datei wird ignoriert, es gelten die Standardwerte"
    )
    return ConfigProblem(path, message, line=line)


class _Reader:
    """Checks one parsed document key by key and collects the problems."""

    def __init__(self, path: Path, source: str) -> None:
        self.path = path
        self.lines = source.splitlines()
        self.problems: list[ConfigProblem] = []

    def settings(self, document: dict[str, Any]) -> Settings:
        values: dict[str, Any] = {}
        for key, value in document.items():
            if key in TABLES:
                values[key] = self._table(key, value)
            else:
                self._value(None, key, value, TOP, values)
        return Settings(**values)

    def _table(self, name: str, value: Any) -> Any:
        kind, checks = TABLES[name]
        if not isinstance(value, dict):
            message = f"erwartet eine Tabelle [{name}] – es gelten die Standardwerte"
            self._problem(None, name, message)
            return kind()
        values: dict[str, Any] = {}
        retired = RETIRED.get(name, {})
        for key, item in value.items():
            if key in retired:
                self._problem(name, key, retired[key])
                continue
            self._value(name, key, item, checks, values)
        return kind(**values)

    def _value(
        self, table: str | None, key: str, value: Any, checks: dict[str, Check], out: dict[str, Any]
    ) -> None:
        if key.lower() in PASSWORD_KEYS:
            self._problem(table, key, REFUSED_PASSWORD)
            return
        check = checks.get(key)
        if check is None:
            self._problem(table, key, "unbekannter Schlüssel – wird ignoriert")
            return
        try:
            out[key] = check(value)
        except ValueError as err:
            default = _default_of(table, key)
            self._problem(
                table, key, f"{err}, nicht {as_toml(value)} – es gilt der Standardwert {default}"
            )

    def _problem(self, table: str | None, key: str, message: str) -> None:
        dotted = f"{table}.{key}" if table else key
        self.problems.append(ConfigProblem(self.path, message, dotted, self._line_of(table, key)))

    def _line_of(self, table: str | None, key: str) -> int | None:
        """The line that sets ``key`` in ``[table]`` (or the table's header), by scanning."""
        current: list[str] = []
        for number, line in enumerate(self.lines, start=1):
            header = HEADER.match(line)
            name, sep, _ = line.partition("=")
            if header:
                current = [_bare(part) for part in header.group(1).split(".")]
                parts = current
            elif sep and not line.lstrip().startswith("#"):
                parts = [*current, *(_bare(part) for part in name.split("."))]
            else:
                continue
            wanted = [table, key] if table else [key]
            if parts[: len(wanted)] == wanted:
                return number
        return None


def _bare(name: str) -> str:
    return name.strip().strip("\"'").strip()


def as_toml(value: Any) -> str:
    """A value written as in TOML: "text", 3, true (long values shortened)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    import json  # only for this message: json stays out of the app's start

    shown = json.dumps(value, ensure_ascii=False) if isinstance(value, str) else repr(value)
    return shown if len(shown) <= 40 else shown[:37] + "…"


def _default_of(table: str | None, key: str) -> str:
    kind = TABLES[table][0] if table else Settings
    defaults = {item.name: item.default for item in fields(kind)}
    default = defaults.get(key)
    return "(keiner)" if default is None else as_toml(default)
