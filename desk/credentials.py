"""The OS keyring, where an enrolled PC keeps its device credential's token.

A PC holds no database credential at all (DESIGN.md §6): ``buergerdesk enroll``
stores the device credential through ``desk.device_credential``, its token under
``SERVICE`` in the OS keyring by these helpers. Where no keyring backend exists (a
kiosk, a locked-down PC), the token stays in the owner-only ``device.json`` instead.
Nothing kept here is ever written to config.toml or logged.
"""

from __future__ import annotations

import logging

import keyring
from keyring.backends import fail
from keyring.errors import KeyringError, NoKeyringError

from desk.domain.errors import RequestRefused

log = logging.getLogger(__name__)

SERVICE = "buergerdesk"
NO_KEYRING = (
    "Auf diesem Rechner gibt es keinen Schlüsselbund (keyring): die Gerätekennung dieses "
    "PCs liegt dann in der nur für diesen Benutzer lesbaren Datei device.json im "
    "Datenordner ('buergerdesk enroll' legt sie an)"
)


def keyring_available() -> bool:
    """Whether an OS keyring backend exists (not keyring's "fail" placeholder)."""
    return not isinstance(keyring.get_keyring(), fail.Keyring)


def keyring_name() -> str:
    """The backend's name for people, e.g. "Windows WinVaultKeyring"."""
    backend = keyring.get_keyring()
    return str(getattr(backend, "name", type(backend).__name__))


def store_password(name: str, password: str) -> None:
    """Keep the secret ``password`` in the keyring under ``name``; refused without a
    keyring (NO_KEYRING) or when the keyring does not take it (e.g. locked)."""
    if not keyring_available():
        raise RequestRefused(NO_KEYRING)
    try:
        keyring.set_password(SERVICE, name, password)
    except NoKeyringError:
        raise RequestRefused(NO_KEYRING) from None
    except KeyringError as err:
        raise RequestRefused(
            f"Der Schlüsselbund hat die Gerätekennung nicht gespeichert ({type(err).__name__}): "
            "ist er gesperrt?"
        ) from None


def stored_password(name: str) -> str | None:
    """The keyring's secret for ``name``; None without a keyring or entry."""
    try:
        return keyring.get_password(SERVICE, name)
    except NoKeyringError:
        return None
    except KeyringError as err:  # e.g. locked: the caller says what to do (enroll again)
        log.warning("keyring lookup of the device credential failed: %s", type(err).__name__)
        return None
