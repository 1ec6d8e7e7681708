"""Run the sync in the background of the app: scheduled rounds plus push wake-ups."""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Protocol

from desk.domain.errors import DatabaseUnavailable, DeskError
from desk.jobs.scheduler import SYNC_JOB, add_interval_job, make_scheduler, run_soon
from desk.services.database import DeskDatabase
from desk.services.walkin.tickets import TicketInfo, call_next
from desk.sync.engine import SyncEngine, SyncReport, SyncStatus
from desk.sync.link import CentralLink

log = logging.getLogger(__name__)

MAX_REPEATS = 5


class WakeUps(Protocol):
    """A thread that calls its wake-up whenever the central side tells of a change (the
    service's push stream; in process, a LISTEN connection)."""

    def start(self) -> None:
        """Start listening."""

    def stop(self) -> None:
        """Stop listening."""


class SyncRunner:
    """Owns the scheduler job and the push stream; reports every round through callbacks.

    ``link`` makes the way to the central side (on the scheduler's worker, at the first
    round); ``wake_ups(wake)``, if given, makes the push listener. ``on_report(SyncReport)``
    after a successful round, ``on_status(SyncStatus)`` after a failed one (offline);
    both are called on the scheduler's worker thread.
    """

    def __init__(
        self,
        local: DeskDatabase,
        link: Callable[[], CentralLink],
        now: Callable[[], datetime],
        on_report: Callable[[SyncReport], None],
        on_status: Callable[[SyncStatus], None],
        interval: float = 30.0,
        wake_ups: Callable[[Callable[[], None]], WakeUps] | None = None,
    ) -> None:
        self._local = local
        self._make_link = link
        self._now = now
        self._on_report = on_report
        self._on_status = on_status
        self._interval = interval
        self._engine: SyncEngine | None = None
        self._scheduler = make_scheduler()
        self._make_wake_ups = wake_ups
        self._wake_ups: WakeUps | None = None
        self._wanted = threading.Event()
        self._woken = threading.Event()  # a push asked for the next round

    def start(self) -> None:
        """Start the periodic job (first round now) and the push listener."""
        add_interval_job(
            self._scheduler, SYNC_JOB, self._round, self._interval, self._on_report, self._failed
        )
        self._scheduler.start()
        if self._make_wake_ups is not None:
            self._wake_ups = self._make_wake_ups(self._pushed)
            self._wake_ups.start()

    def sync_now(self) -> None:
        """Ask for a round now; if one is running, it goes round once more when done."""
        self._wanted.set()
        run_soon(self._scheduler, SYNC_JOB)

    def _pushed(self) -> None:
        """The central side told of a change: a round now that may use shared answers."""
        self._woken.set()
        self.sync_now()

    def stop(self) -> None:
        """Stop the listener and the scheduler (waits for a running round)."""
        if self._wake_ups is not None:
            self._wake_ups.stop()
        if self._scheduler.running:
            self._scheduler.shutdown(wait=True)
        if self._engine is not None:
            self._engine.link.close()

    def call_next(
        self,
        office_id: str,
        counter_number: int,
        now: datetime,
        *,
        user_id: uuid.UUID | None = None,
    ) -> TicketInfo:
        """Call the next ticket: claimed centrally while online (exactly once across all
        counters), from this PC's own number block while offline."""
        engine = self._engine
        if engine is None:  # before the first round: the local block, if any
            return call_next(self._local, office_id, counter_number, now, user_id=user_id)
        return engine.call_next(office_id, counter_number, now, user_id=user_id)

    def _round(self) -> SyncReport:
        if self._engine is None:
            self._engine = SyncEngine(self._local, self._make_link())
        pushed = rejected = pulled = 0
        for _ in range(MAX_REPEATS):
            # a wake-up during a round (its job run is skipped) makes this round repeat
            self._wanted.clear()
            woken = self._woken.is_set()
            self._woken.clear()
            report = self._engine.sync_once(self._now(), woken=woken)
            pushed, rejected = pushed + report.pushed, rejected + report.rejected
            pulled += report.pulled
            if not self._wanted.is_set():
                break
        return SyncReport(pushed, rejected, pulled, report.status)

    def _failed(self, error: BaseException) -> None:
        if not isinstance(error, DeskError):
            log.error("sync round failed", exc_info=error)
        if self._engine is None and isinstance(error, DatabaseUnavailable):
            # never connected yet: the status still tells what waits locally
            self._on_status(SyncEngine.offline_status(self._local, self._now()))
        elif self._engine is not None:
            self._on_status(self._engine.status(connected=False))
