"""Run ``buergerdesk`` with its data (config.toml, device.json) in a temporary folder and a
test keyring kept in a file (tests.keyrings.FileKeyring), or with no keyring at all."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import keyring as keyrings
from keyring.backends import fail

from desk.config import DATA_DIR_ENV
from desk.device_credential import DeviceCredential, save_credential
from tests.cli.conftest import SCRIPT
from tests.keyrings import FILE_BACKEND, FILE_ENV, FileKeyring

ROOT = Path(__file__).resolve().parents[2]
NO_KEYRING = "keyring.backends.fail.Keyring"


class DeskCommand:
    """``buergerdesk ARGS`` for one test folder (``data/`` holds config.toml)."""

    def __init__(self, folder: Path) -> None:
        self.data = folder / "data"
        self.data.mkdir(exist_ok=True)
        self.keyring_file = folder / "keyring.json"

    def config(self, text: str) -> Path:
        path = self.data / "config.toml"
        path.write_text(text, encoding="utf-8")
        return path

    def stored(self) -> dict[str, str]:
        """What the test keyring holds: {"buergerdesk device:ID": token}."""
        os.environ[FILE_ENV] = str(self.keyring_file)
        try:
            return FileKeyring().entries()
        finally:
            del os.environ[FILE_ENV]

    def enrol(self, cred: DeviceCredential, *, keyring: bool = True) -> None:
        """Keep ``cred`` as 'buergerdesk enroll' does (desk.device_credential), in this
        folder's data and test keyring (``keyring=False``: none, the token in the file)."""
        saved = {name: os.environ.get(name) for name in (DATA_DIR_ENV, FILE_ENV)}
        before = keyrings.get_keyring()
        os.environ[DATA_DIR_ENV] = str(self.data)
        os.environ[FILE_ENV] = str(self.keyring_file)
        keyrings.set_keyring(FileKeyring() if keyring else fail.Keyring())
        try:
            save_credential(cred)
        finally:
            keyrings.set_keyring(before)
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value

    def __call__(
        self, *args: str, stdin: str = "", keyring: bool = True, **env: str
    ) -> subprocess.CompletedProcess[str]:
        environment = dict(
            os.environ,
            BUERGERDESK_DATA_DIR=str(self.data),
            PYTHONPATH=str(ROOT),
            PYTHON_KEYRING_BACKEND=FILE_BACKEND if keyring else NO_KEYRING,
            **env,
        )
        environment[FILE_ENV] = str(self.keyring_file)
        return subprocess.run(
            [str(SCRIPT), *args],
            input=stdin,
            capture_output=True,
            text=True,
            env=environment,
            timeout=120,
            check=False,
        )
