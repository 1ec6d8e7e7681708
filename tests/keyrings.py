"""Real keyring backends for tests: in memory (set with ``keyring.set_keyring``) and in a
JSON file (for the ``buergerdesk`` subprocess, chosen by ``PYTHON_KEYRING_BACKEND``).

Neither offers itself when keyring looks for a backend on its own, so the test
session never stores anything in the machine's real keyring by accident.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.compat import properties

FILE_ENV = "BUERGERDESK_TEST_KEYRING"
FILE_BACKEND = "tests.keyrings.FileKeyring"


class MemoryKeyring(KeyringBackend):
    """Passwords in a dict, for one test."""

    @properties.classproperty
    def priority(cls) -> float:
        raise RuntimeError("test backend: only by keyring.set_keyring")

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.passwords.pop((service, username), None)


class FileKeyring(KeyringBackend):
    """Passwords in the JSON file named by ``BUERGERDESK_TEST_KEYRING``."""

    @properties.classproperty
    def priority(cls) -> float:
        if not os.environ.get(FILE_ENV):
            raise RuntimeError(f"test backend: needs {FILE_ENV}")
        return 1

    @staticmethod
    def path() -> Path:
        return Path(os.environ[FILE_ENV])

    def entries(self) -> dict[str, str]:
        return json.loads(self.path().read_text()) if self.path().exists() else {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries().get(f"{service} {username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        entries = self.entries()
        entries[f"{service} {username}"] = password
        self.path().write_text(json.dumps(entries))

    def delete_password(self, service: str, username: str) -> None:
        entries = self.entries()
        entries.pop(f"{service} {username}", None)
        self.path().write_text(json.dumps(entries))
