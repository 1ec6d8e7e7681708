"""Run ``buergerdesk`` with its data (and config.toml) in a temporary folder and a test
keyring kept in a file (tests.keyrings.FileKeyring), or with no keyring at all."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

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
        """What the test keyring holds: {"buergerdesk ACCOUNT": password}."""
        os.environ[FILE_ENV] = str(self.keyring_file)
        try:
            return FileKeyring().entries()
        finally:
            del os.environ[FILE_ENV]

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
        for name in ("PGPASSFILE", "PGSERVICEFILE", "PGSERVICE", "PGPASSWORD"):
            if name not in env:
                environment.pop(name, None)
        environment.setdefault("PGPASSFILE", str(self.data / "no-pgpass"))  # not ~/.pgpass
        return subprocess.run(
            [str(SCRIPT), *args],
            input=stdin,
            capture_output=True,
            text=True,
            env=environment,
            timeout=120,
            check=False,
        )
