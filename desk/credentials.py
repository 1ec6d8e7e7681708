"""The central database's password: in the OS keyring, else in libpq's own files.

The password is never written to config.toml and never logged. Where no keyring
backend exists (a headless server, a locked-down PC), libpq reads a password file
(``~/.pgpass``, ``PGPASSFILE``) or a service file (``PGSERVICEFILE``) by itself.
"""

from __future__ import annotations

import logging

import keyring
from keyring.backends import fail
from keyring.errors import KeyringError, NoKeyringError
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from desk.domain.errors import RequestRefused

log = logging.getLogger(__name__)

SERVICE = "buergerdesk"
DEFAULT_PORT = 5432
NO_KEYRING = (
    "Auf diesem Rechner gibt es keinen Schlüsselbund (keyring): das Passwort der zentralen "
    "Datenbank stattdessen in eine libpq-Passwortdatei (~/.pgpass, unter Windows "
    "%APPDATA%\\postgresql\\pgpass.conf) oder eine Servicedatei (PGSERVICEFILE) eintragen – "
    "libpq liest beide selbst"
)


def account(user: str, host: str, port: int | None, database: str) -> str:
    """The keyring's user name for one central database: ``user@host:port/database``."""
    return f"{user}@{host}:{port or DEFAULT_PORT}/{database}"


def keyring_available() -> bool:
    """Whether an OS keyring backend exists (not keyring's "fail" placeholder)."""
    return not isinstance(keyring.get_keyring(), fail.Keyring)


def keyring_name() -> str:
    """The backend's name for people, e.g. "Windows WinVaultKeyring"."""
    backend = keyring.get_keyring()
    return str(getattr(backend, "name", type(backend).__name__))


def store_password(name: str, password: str) -> None:
    """Keep ``password`` in the keyring under ``name``; refused without a keyring."""
    if not keyring_available():
        raise RequestRefused(NO_KEYRING)
    try:
        keyring.set_password(SERVICE, name, password)
    except NoKeyringError:
        raise RequestRefused(NO_KEYRING) from None
    except KeyringError as err:
        raise RequestRefused(
            f"Der Schlüsselbund hat das Passwort nicht gespeichert ({type(err).__name__}): "
            "ist er gesperrt?"
        ) from None


def stored_password(name: str) -> str | None:
    """The keyring's password for ``name``; None without a keyring or entry."""
    try:
        return keyring.get_password(SERVICE, name)
    except NoKeyringError:
        return None
    except KeyringError as err:  # e.g. locked: libpq's files may still have it
        log.warning("keyring lookup for the central database failed: %s", type(err).__name__)
        return None


def connection_url(url: str) -> str:
    """The URL to connect to the central database with: a PostgreSQL URL without a
    password gets the keyring's, if one is stored; otherwise it is returned as it is
    and libpq finds the password in ~/.pgpass or the service file. Never log the result."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return url  # parse_url names the mistake when the URL is opened
    if parsed.get_backend_name() != "postgresql" or parsed.password is not None:
        return url
    if not (parsed.username and parsed.host and parsed.database):
        return url
    password = stored_password(account(parsed.username, parsed.host, parsed.port, parsed.database))
    if password is None:
        return url
    return parsed.set(password=password).render_as_string(hide_password=False)


def central_connection_url(option: str | None) -> str:
    """The central database to connect to: ``--central`` if given, else [central] of
    config.toml, with the keyring's password added (see ``connection_url``)."""
    from desk.config import paths
    from desk.settings import load_settings
    from desk.settings.options import central_url

    url = option or central_url(load_settings(paths().config_file).settings.central)
    if not url:
        raise RequestRefused(
            "Keine zentrale Datenbank: --central URL angeben oder in config.toml unter "
            "[central] host und database eintragen (siehe 'buergerdesk config path')"
        )
    return connection_url(url)
