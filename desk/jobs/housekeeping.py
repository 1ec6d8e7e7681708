"""Keeping the local data safe: the start-up check, and the daily job that writes a
checked backup of the local database and then runs the DSGVO retention.

The job runs on its own background scheduler (one worker, Europe/Berlin cron time). A
counter PC is often off at night, so the job also runs soon after the start
when the newest backup is older than a day. Results and errors go to callbacks
on the worker thread; ui/ forwards them through a signal.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from pathlib import Path

from apscheduler.triggers.cron import CronTrigger

from desk.config import paths
from desk.domain.errors import DatabaseUnavailable
from desk.domain.localtime import BERLIN
from desk.jobs.scheduler import make_scheduler
from desk.services.admin.retention import DEFAULT_DAYS, RetentionReport, anonymise_expired
from desk.services.database import open_database
from desk.store.backup import DEFAULT_KEEP, BackupResult, back_up, list_backups
from desk.store.database import parse_url, sqlite_path
from desk.store.kept_aside import clear_kept_aside

log = logging.getLogger(__name__)

HOUSEKEEPING_JOB = "housekeeping"
DAILY_AT = time(12, 30)  # counters are staffed, the walk-in hour is over
CATCH_UP_AFTER = timedelta(minutes=2)  # the first run after a start, when one is due


def backups_folder() -> Path:
    """Where backups go unless told otherwise: ``backups`` in the data folder."""
    return paths().backups_dir


@dataclass(frozen=True)
class HousekeepingReport:
    """What one run did: the backup written (None for a PostgreSQL ``url``), the
    retention counts locally and centrally (None when not run or not reachable) and the
    damaged copies and exports past the retention period that were deleted."""

    backup: BackupResult | None
    local: RetentionReport
    central: RetentionReport | None
    cleared: tuple[Path, ...] = ()


def run_housekeeping(
    url: str,
    backups: Path,
    now: datetime,
    *,
    keep: int = DEFAULT_KEEP,
    days: int = DEFAULT_DAYS,
    central_url: str | None = None,
) -> HousekeepingReport:
    """Back up the database at ``url`` (if SQLite) and anonymise expired personal data in it
    and, when given, in the central database (an unreachable one is retried next day)."""
    path = sqlite_path(parse_url(url))
    written = back_up(path, backups, datetime.now(BERLIN), keep) if path is not None else None
    local = _retention(url, now, days)
    cleared = tuple(clear_kept_aside(path, now, days)) if path is not None else ()
    if cleared:
        log.info("retention: %d damaged copies and exports deleted", len(cleared))
    central = None
    if central_url:
        try:
            central = _retention(central_url, now, days)
        except DatabaseUnavailable as err:
            log.warning("retention on the central database skipped: %s", err)
    return HousekeepingReport(written, local, central, cleared)


def _retention(url: str, now: datetime, days: int) -> RetentionReport:
    db = open_database(url)
    try:
        report = anonymise_expired(db, now, days)
    finally:
        db.dispose()
    log.info(
        "retention on %s: %d appointments, %d events, %d outbox ops, %d conflicts anonymised",
        db.display_url,
        report.appointments,
        report.events,
        report.outbox_ops,
        report.conflicts,
    )
    return report


def backup_due(url: str, backups: Path, clock: datetime) -> bool:
    """Whether the newest backup of the SQLite database at ``url`` is older than a day."""
    path = sqlite_path(parse_url(url))
    if path is None:
        return False
    newest = next(iter(list_backups(backups, path)), None)
    if newest is None:
        return True
    written = datetime.fromtimestamp(newest.stat().st_mtime, BERLIN)
    return clock - written > timedelta(days=1)


class Housekeeping:
    """Owns the scheduler of the daily job; ``start()`` after the window is up, ``stop()``
    on close (waits for a running job). ``central_url`` may be a callable, called on the
    worker thread at each run (a keyring lookup may block)."""

    def __init__(
        self,
        url: str,
        backups: Path,
        now: Callable[[], datetime],
        on_result: Callable[[HousekeepingReport], None],
        on_error: Callable[[BaseException], None],
        *,
        keep: int = DEFAULT_KEEP,
        days: int = DEFAULT_DAYS,
        central_url: str | Callable[[], str] | None = None,
        at: time = DAILY_AT,
    ) -> None:
        self._url = url
        self._backups = backups
        self._now = now
        self._on_result = on_result
        self._on_error = on_error
        self._keep = keep
        self._days = days
        self._central_url = central_url
        self._at = at
        self._scheduler = make_scheduler()

    def start(self) -> None:
        """Schedule the daily run (and a catch-up run soon, when a backup is due)."""
        clock = datetime.now(BERLIN)
        first = clock + CATCH_UP_AFTER if backup_due(self._url, self._backups, clock) else None
        trigger = CronTrigger(hour=self._at.hour, minute=self._at.minute, timezone=BERLIN)
        self._scheduler.add_job(
            self.run_once,
            trigger,
            id=HOUSEKEEPING_JOB,
            replace_existing=True,
            misfire_grace_time=3600,
            **({"next_run_time": first} if first is not None else {}),
        )
        self._scheduler.start()

    def next_run(self) -> datetime | None:
        """When the job runs next (None when not scheduled)."""
        job = self._scheduler.get_job(HOUSEKEEPING_JOB)
        return job.next_run_time if job is not None else None

    def run_once(self) -> None:
        """One run; the result or the error goes to the callbacks (never lost in the pool)."""
        try:
            central = self._central_url
            report = run_housekeeping(
                self._url,
                self._backups,
                self._now(),
                keep=self._keep,
                days=self._days,
                central_url=central() if callable(central) else central,
            )
        except Exception as err:
            log.error("housekeeping failed", exc_info=err)
            self._on_error(err)
            return
        self._on_result(report)

    def stop(self) -> None:
        """Stop the scheduler; a running job finishes first."""
        if self._scheduler.running:
            self._scheduler.shutdown(wait=True)
