"""The start-up check of the local database: a damaged SQLite file is repaired before
it is opened (``desk.store.integrity``).

``EarlyCheck`` begins the file check on a thread of its own before the database layer is
imported. SQLite lets go of the interpreter while it reads, so on a large file (a year
of history: ≈0.3 s) the check runs beside those imports (SQLAlchemy and the models,
≈0.4 s) instead of after them. ``check_at_start`` then takes its finding.
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from desk.config import paths
from desk.domain.localtime import BERLIN
from desk.store.file_check import Finding, check_file, sqlite_file

if TYPE_CHECKING:  # imported when checking: it brings SQLAlchemy
    from desk.store.integrity import IntegrityReport

log = logging.getLogger(__name__)


class EarlyCheck:
    """The file check of the SQLite database at ``url``, begun now on its own thread
    (nothing begins for PostgreSQL, an unusual URL or a file not there yet)."""

    def __init__(self, url: str) -> None:
        path = sqlite_file(url)
        self.path = path.resolve() if path is not None and path.is_file() else None
        self._finding: Finding | None = None
        self._done = threading.Event()
        if self.path is None:
            self._done.set()
            return
        threading.Thread(target=self._run, name="start-check", daemon=True).start()

    def _run(self) -> None:
        try:
            if self.path is not None:
                self._finding = check_file(self.path)
        except Exception:  # the regular check runs instead and reports it
            log.exception("early start-up check failed")
        finally:
            self._done.set()

    def finding_for(self, path: Path) -> Finding | None:
        """The finding when this check was of ``path`` (waits for it to end), else None."""
        if self.path is None or path.resolve() != self.path:
            return None
        self._done.wait()
        return self._finding


def check_at_start(
    url: str, *, central: bool, backups: Path | None = None, early: EarlyCheck | None = None
) -> IntegrityReport | None:
    """The start-up check of the SQLite database at ``url`` before it is opened, with the
    repair of a damaged file; None for PostgreSQL. ``early``: the check begun at start."""
    from desk.store.database import parse_url, sqlite_path
    from desk.store.integrity import ensure_intact

    path = sqlite_path(parse_url(url))
    if path is None:
        return None
    finding = early.finding_for(path) if early is not None else None
    report = ensure_intact(
        path, backups or paths().backups_dir, datetime.now(BERLIN), central=central, finding=finding
    )
    if report.repaired:
        log.warning("local database repaired: %s", report.summary().replace("\n", " "))
    return report
