"""The typed settings of one installation (config.toml), with safe defaults.

No password or token is ever part of these objects: a PC holds no database
credential at all, only its device credential from ``buergerdesk enroll`` (see
``desk.device_credential``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

#: The German states that ``holidays`` knows (ISO 3166-2:DE without the "DE-").
STATES = (
    "BB", "BE", "BW", "BY", "HB", "HE", "HH", "MV",
    "NI", "NW", "RP", "SH", "SL", "SN", "ST", "TH",
)  # fmt: skip
LANGUAGES = ("de", "en")
PASSWORD_KEYS = frozenset({"password", "passwort", "passwd", "pwd", "pass"})


#: Keys [central] had while a PC connected to the central database itself.
DATABASE_KEYS = ("host", "port", "database", "user", "service")


@dataclass(frozen=True)
class CentralSettings:
    """The central service this PC syncs through (never a credential): its URL,
    https://HOST:PORT, and the CA file its certificate is checked against (None: the
    system's CAs)."""

    url: str | None = None
    ca: str | None = None

    @property
    def configured(self) -> bool:
        """Whether a central service is named at all."""
        return bool(self.url)


@dataclass(frozen=True)
class DisplaySettings:
    """Options of the call display in the waiting room."""

    screen: int | None = None  # 1, 2, …; None: the second screen if there is one
    chime: bool = True
    speech: bool = True
    fullscreen: bool = True


@dataclass(frozen=True)
class Settings:
    """Everything config.toml can set; the defaults are the safe standalone start."""

    office: str | None = None
    counter: int | None = None
    language: str | None = None
    local_database: str | None = None
    retention_days: int = 30
    holidays_state: str = "ST"
    idle_lock_minutes: int = 10  # the desk locks after this long without input; 0: never
    central: CentralSettings = field(default_factory=CentralSettings)
    display: DisplaySettings = field(default_factory=DisplaySettings)


@dataclass(frozen=True)
class ConfigProblem:
    """Something wrong in the config file: where, and what happens instead."""

    file: Path
    message: str
    key: str | None = None  # dotted: "central.url"
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.file}, Zeile {self.line}" if self.line else str(self.file)
        return f"{where}: {self.key}: {self.message}" if self.key else f"{where}: {self.message}"


@dataclass(frozen=True)
class LoadedSettings:
    """The settings to use, the file they came from and what was wrong in it."""

    settings: Settings
    file: Path
    problems: tuple[ConfigProblem, ...] = ()
