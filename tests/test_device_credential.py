"""A PC's device credential: the token in the OS keyring if there is one, else in an
owner-only device.json in the data folder; never readable by others."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from desk.config import DATA_DIR_ENV
from desk.credentials import SERVICE
from desk.device_credential import (
    DeviceCredential,
    credential_file,
    forget_credential,
    load_credential,
    save_credential,
)
from desk.domain.errors import RequestRefused
from tests.keyrings import MemoryKeyring

CREDENTIAL = DeviceCredential(
    central="https://zentrale.saalfurt.example:8443",
    device_id="3f2a9c1e-0000-4000-8000-000000000001",
    office_id="bb-mitte",
    kind="counter",
    counter_number=3,
    token="geheimes-token-0123456789abcdefghijklmnopqrstuv",
    ca="/etc/buergerdesk/ca.pem",
)
ENTRY = (SERVICE, f"device:{CREDENTIAL.device_id}")

posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "daten"
    monkeypatch.setenv(DATA_DIR_ENV, str(folder))
    return folder


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


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@posix_only
@pytest.mark.parametrize("backend", ["memory_keyring", "no_keyring"])
def test_the_file_is_owner_only_in_an_owner_only_folder(data_dir, backend, request):
    request.getfixturevalue(backend)
    old_umask = os.umask(0)  # even a careless umask does not open it up
    try:
        save_credential(CREDENTIAL)
    finally:
        os.umask(old_umask)

    assert credential_file() == data_dir / "device.json"
    assert mode(data_dir / "device.json") == 0o600
    assert mode(data_dir) == 0o700
    assert [p.name for p in data_dir.iterdir()] == ["device.json"]  # no temporary left


@posix_only
def test_an_existing_wider_file_and_folder_are_narrowed(data_dir, no_keyring):
    data_dir.mkdir(mode=0o755)
    (data_dir / "device.json").write_text("{}")
    os.chmod(data_dir / "device.json", 0o644)

    save_credential(CREDENTIAL)

    assert (mode(data_dir / "device.json"), mode(data_dir)) == (0o600, 0o700)


def test_with_a_keyring_the_token_is_not_in_the_file(data_dir, memory_keyring):
    save_credential(CREDENTIAL)

    text = (data_dir / "device.json").read_text(encoding="utf-8")
    assert CREDENTIAL.token not in text
    assert json.loads(text)["device_id"] == CREDENTIAL.device_id
    assert memory_keyring.passwords == {ENTRY: CREDENTIAL.token}
    assert load_credential() == CREDENTIAL


def test_without_a_keyring_the_token_is_in_the_file(data_dir, no_keyring):
    save_credential(CREDENTIAL)

    assert json.loads((data_dir / "device.json").read_text())["token"] == CREDENTIAL.token
    assert load_credential() == CREDENTIAL


def test_a_token_missing_from_the_keyring_means_no_credential(data_dir, memory_keyring):
    save_credential(CREDENTIAL)
    memory_keyring.passwords.clear()

    assert load_credential() is None


def test_the_data_dir_setting_moves_the_file(tmp_path, monkeypatch, no_keyring):
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "eins"))
    save_credential(CREDENTIAL)
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "zwei"))

    assert load_credential() is None
    save_credential(CREDENTIAL)
    assert (tmp_path / "zwei" / "device.json").is_file()
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "eins"))
    assert load_credential() == CREDENTIAL


def test_forget_removes_the_file_and_the_keyring_entry(data_dir, memory_keyring):
    save_credential(CREDENTIAL)

    forget_credential()
    forget_credential()  # nothing left: no complaint

    assert not (data_dir / "device.json").exists()
    assert memory_keyring.passwords == {}
    assert load_credential() is None


def test_a_new_enrollment_drops_the_old_devices_token(data_dir, memory_keyring):
    save_credential(CREDENTIAL)
    other = DeviceCredential(**{**CREDENTIAL.__dict__, "device_id": "neu", "token": "t2"})

    save_credential(other)

    assert memory_keyring.passwords == {(SERVICE, "device:neu"): "t2"}
    assert load_credential() == other


def test_no_enrollment_is_none_and_a_damaged_file_says_to_enroll_again(data_dir, no_keyring):
    assert load_credential() is None
    data_dir.mkdir()
    (data_dir / "device.json").write_text("{kaputt")

    with pytest.raises(RequestRefused, match="buergerdesk enroll"):
        load_credential()
    forget_credential()
    assert not (data_dir / "device.json").exists()
