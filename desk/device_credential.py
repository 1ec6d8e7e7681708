"""Where an enrolled PC keeps its device credential (DESIGN.md §6: PCs hold no database
credential, only this one).

What is not secret (the central service, the device's id, office and kind) goes to
``device.json`` in the data folder; the token goes to the OS keyring, or, on a PC
without one, into the same file. The file is created readable by its owner alone
(0600, in a 0700 folder) and replaced in one step, so it is never world-readable,
not even for a moment, and never half written.
"""

from __future__ import annotations

import json
import logging
from contextlib import suppress
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import keyring
from keyring.errors import KeyringError

from desk.config import paths
from desk.credentials import SERVICE, keyring_available, stored_password
from desk.domain.errors import RequestRefused
from desk.private_files import private_dir, tighten, write_private

log = logging.getLogger(__name__)

FILE_NAME = "device.json"


@dataclass(frozen=True)
class DeviceCredential:
    """This PC's registration with the central service (``token`` is the secret)."""

    central: str
    device_id: str
    office_id: str
    kind: str
    counter_number: int | None
    token: str
    ca: str | None


def credential_file() -> Path:
    """``device.json`` in the data folder (``BUERGERDESK_DATA_DIR`` moves it)."""
    return paths().data_dir / FILE_NAME


def keyring_name(device_id: str) -> str:
    """The keyring's user name of a device's token: ``device:ID``."""
    return f"device:{device_id}"


def _keep_in_keyring(cred: DeviceCredential) -> bool:
    """Store the token in the keyring; False where there is none, or it refused."""
    if not keyring_available():
        return False
    try:
        keyring.set_password(SERVICE, keyring_name(cred.device_id), cred.token)
    except KeyringError as err:  # e.g. locked: the owner-only file still protects it
        log.warning("keyring refused the device credential: %s", type(err).__name__)
        return False
    return True


def _drop_from_keyring(device_id: str) -> None:
    if not keyring_available():
        return
    with suppress(KeyringError):  # no such entry (PasswordDeleteError), or it is locked
        keyring.delete_password(SERVICE, keyring_name(device_id))


def _write_private(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` readable by its owner only, replacing it in one step."""
    private_dir(path.parent)  # the folder also holds this PC's replica of its office's data
    write_private(path, text.encode("utf-8"))


def _read_file() -> dict[str, Any] | None:
    path = credential_file()
    tighten(path)  # e.g. copied in by hand with wider modes
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as err:
        raise RequestRefused(
            f"Die Geräteanmeldung {path} ist nicht lesbar ({type(err).__name__}): "
            "den PC mit 'buergerdesk enroll' neu anmelden"
        ) from None
    if not isinstance(document, dict):
        raise RequestRefused(
            f"Die Geräteanmeldung {path} ist beschädigt: den PC mit 'buergerdesk enroll' "
            "neu anmelden"
        )
    return document


def save_credential(cred: DeviceCredential) -> None:
    """Keep this PC's credential (replacing an earlier one): the token in the keyring
    if there is one, else in the owner-only file."""
    previous = _read_file_quietly()
    document: dict[str, Any] = asdict(cred)
    if _keep_in_keyring(cred):
        del document["token"]
    _write_private(credential_file(), json.dumps(document, ensure_ascii=False, indent=2))
    if previous is not None and previous.get("device_id") != cred.device_id:
        _drop_from_keyring(str(previous.get("device_id")))


def load_credential() -> DeviceCredential | None:
    """This PC's credential; None if it was never enrolled or its token is gone from
    the keyring. A damaged file is RequestRefused (enroll again)."""
    document = _read_file()
    if document is None:
        return None
    try:
        device_id = str(document["device_id"])
        token = document.get("token") or stored_password(keyring_name(device_id))
        if not token:
            return None
        number = document.get("counter_number")
        return DeviceCredential(
            central=str(document["central"]),
            device_id=device_id,
            office_id=str(document["office_id"]),
            kind=str(document["kind"]),
            counter_number=int(number) if number is not None else None,
            token=str(token),
            ca=str(document["ca"]) if document.get("ca") else None,
        )
    except (KeyError, TypeError, ValueError):
        raise RequestRefused(
            f"Die Geräteanmeldung {credential_file()} ist unvollständig: den PC mit "
            "'buergerdesk enroll' neu anmelden"
        ) from None


def _read_file_quietly() -> dict[str, Any] | None:
    try:
        return _read_file()
    except RequestRefused:
        return None


def forget_credential() -> None:
    """Remove this PC's credential: the keyring entry and the file (if there are any)."""
    previous = _read_file_quietly()
    if previous is not None and previous.get("device_id") is not None:
        _drop_from_keyring(str(previous["device_id"]))
    credential_file().unlink(missing_ok=True)
