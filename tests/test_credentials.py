"""The OS keyring helpers the device credential's token goes through; a PC has no
database password any more, so there is nothing to add to a database URL."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import keyring
import pytest
from keyring.backends import fail
from keyring.errors import KeyringLocked

import desk.credentials
from desk.credentials import (
    NO_KEYRING,
    SERVICE,
    keyring_available,
    keyring_name,
    store_password,
    stored_password,
)
from desk.domain.errors import RequestRefused
from tests.keyrings import MemoryKeyring

NAME = "device:3f2a9c1e-0000-4000-8000-000000000001"
TOKEN = "geheimes-token-0123456789abcdefghijklmnopqrstuv"


class LockedKeyring(MemoryKeyring):
    """A keyring that is there but refuses every access (a locked session)."""

    def get_password(self, service: str, username: str) -> str | None:
        raise KeyringLocked("gesperrt")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise KeyringLocked("gesperrt")


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    before = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(before)


@pytest.fixture
def no_keyring() -> Iterator[None]:
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(before)


@pytest.fixture
def locked_keyring() -> Iterator[LockedKeyring]:
    before = keyring.get_keyring()
    backend = LockedKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(before)


def test_a_secret_is_kept_under_the_apps_service_name(memory_keyring):
    assert keyring_available()
    assert keyring_name() == "keyrings MemoryKeyring"

    store_password(NAME, TOKEN)

    assert memory_keyring.passwords == {(SERVICE, NAME): TOKEN}
    assert SERVICE == "buergerdesk"
    assert stored_password(NAME) == TOKEN
    assert stored_password("device:anderes") is None


def test_without_a_keyring_backend_storing_is_refused_and_lookups_find_nothing(no_keyring):
    assert not keyring_available()
    with pytest.raises(RequestRefused) as refused:
        store_password(NAME, TOKEN)
    assert str(refused.value) == NO_KEYRING
    assert NO_KEYRING.startswith("Auf diesem Rechner gibt es keinen Schlüsselbund")
    assert "device.json" in NO_KEYRING and "buergerdesk enroll" in NO_KEYRING
    assert ".pgpass" not in NO_KEYRING and "PGSERVICEFILE" not in NO_KEYRING
    assert stored_password(NAME) is None


def test_a_locked_keyring_is_refused_in_one_line_and_logged_without_the_secret(
    locked_keyring, caplog
):
    with pytest.raises(RequestRefused, match=r"\(KeyringLocked\): ist er gesperrt\?$"):
        store_password(NAME, TOKEN)

    with caplog.at_level(logging.WARNING, logger="desk.credentials"):
        assert stored_password(NAME) is None

    [record] = caplog.records
    assert record.getMessage() == "keyring lookup of the device credential failed: KeyringLocked"
    assert TOKEN not in caplog.text


@pytest.mark.parametrize(
    "name", ["account", "connection_url", "central_connection_url", "DEFAULT_PORT"]
)
def test_nothing_is_left_that_would_build_a_database_credential(name):
    assert not hasattr(desk.credentials, name)
