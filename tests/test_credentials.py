"""The central password comes from the OS keyring if there is one, else libpq's files."""

from __future__ import annotations

from collections.abc import Iterator

import keyring
import pytest
from keyring.backends import fail
from sqlalchemy.engine import make_url

from desk.credentials import (
    SERVICE,
    account,
    central_connection_url,
    connection_url,
    keyring_available,
    store_password,
)
from desk.domain.errors import RequestRefused
from tests.keyrings import MemoryKeyring

URL = "postgresql+psycopg://schalter@db.example:6432/buergerdesk"
ACCOUNT = "schalter@db.example:6432/buergerdesk"


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


def test_the_keyring_account_names_user_server_port_and_database():
    assert account("schalter", "db.example", 6432, "buergerdesk") == ACCOUNT
    assert account("schalter", "db.example", None, "buergerdesk").endswith(":5432/buergerdesk")


def test_a_stored_password_is_added_to_the_url(memory_keyring):
    store_password(ACCOUNT, "p@ss:w/rd ü")

    url = make_url(connection_url(URL))

    assert url.password == "p@ss:w/rd ü"
    assert (url.username, url.host, url.port, url.database) == (
        "schalter",
        "db.example",
        6432,
        "buergerdesk",
    )
    assert memory_keyring.passwords == {(SERVICE, ACCOUNT): "p@ss:w/rd ü"}


def test_without_an_entry_the_url_stays_as_it_is_for_libpq_files(memory_keyring):
    store_password("andere@db.example:6432/buergerdesk", "nicht-diese")
    assert connection_url(URL) == URL


@pytest.mark.parametrize(
    "url",
    [
        "postgresql+psycopg://schalter:eigenes@db.example:6432/buergerdesk",  # given: kept
        "postgresql+psycopg:///?service=zentrale",  # the service file has it
        "sqlite:////tmp/schalter.sqlite",
        "kein url",
    ],
)
def test_other_urls_are_left_alone(memory_keyring, url):
    store_password(ACCOUNT, "geheim")
    assert connection_url(url) == url


def test_without_a_keyring_backend_storing_is_refused_and_lookups_fall_back(no_keyring):
    assert not keyring_available()
    with pytest.raises(RequestRefused, match=r"~/\.pgpass.*PGSERVICEFILE"):
        store_password(ACCOUNT, "geheim")
    assert connection_url(URL) == URL


def test_the_central_database_comes_from_the_option_or_the_config_file(
    memory_keyring, tmp_path, monkeypatch
):
    monkeypatch.setenv("BUERGERDESK_DATA_DIR", str(tmp_path))
    with pytest.raises(RequestRefused, match=r"--central URL angeben oder in config\.toml"):
        central_connection_url(None)

    (tmp_path / "config.toml").write_text(
        '[central]\nhost = "db.example"\nport = 6432\ndatabase = "buergerdesk"\nuser = "schalter"\n'
    )
    store_password(ACCOUNT, "aus-dem-schluesselbund")

    assert make_url(central_connection_url(None)).password == "aus-dem-schluesselbund"
    assert central_connection_url("postgresql+psycopg://x@y/z") == "postgresql+psycopg://x@y/z"
