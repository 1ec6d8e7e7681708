"""Where Bürgerdesk keeps its files (platformdirs), overridable for tests and kiosks."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_config_path, user_data_path, user_log_path

APP_NAME = "buergerdesk"
DATA_DIR_ENV = "BUERGERDESK_DATA_DIR"


@dataclass(frozen=True)
class Paths:
    """The folders and the standalone database of this installation."""

    data_dir: Path
    log_dir: Path
    config_dir: Path

    @property
    def standalone_db(self) -> Path:
        """The embedded standalone database (demo city on first start)."""
        return self.data_dir / "buergerdesk.sqlite"

    @property
    def standalone_url(self) -> str:
        """SQLAlchemy URL of the standalone database."""
        return f"sqlite:///{self.standalone_db}"

    @property
    def backups_dir(self) -> Path:
        """Where the daily backups go: ``backups`` in the data folder."""
        return self.data_dir / "backups"

    @property
    def log_file(self) -> Path:
        """The log file; tracebacks go here, never to the user."""
        return self.log_dir / "buergerdesk.log"

    @property
    def config_file(self) -> Path:
        """The installation's settings (config.toml; never a password)."""
        return self.config_dir / "config.toml"


def paths() -> Paths:
    """The paths for this user; ``BUERGERDESK_DATA_DIR`` moves everything into one folder."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        base = Path(override)
        return Paths(data_dir=base, log_dir=base / "logs", config_dir=base)
    return Paths(
        data_dir=user_data_path(APP_NAME),
        log_dir=user_log_path(APP_NAME),
        config_dir=user_config_path(APP_NAME),
    )
