"""The service's own nightly work, by the server's clock: retention (personal data of
what is over and older than the period is anonymised) and pruning what would grow
without end (applied operations, ticket leases, sessions, the change log).
Several instances may run it: both steps are idempotent, pruning the change log takes
an advisory lock, and retention only ever anonymises what is already due."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger

from desk.domain.localtime import BERLIN, now_local
from desk.jobs.scheduler import make_scheduler
from desk.server.pruning import PruneReport, prune_central
from desk.services.admin.retention import RetentionReport, anonymise_expired
from desk.services.database import DeskDatabase

log = logging.getLogger(__name__)

NIGHTLY = "service-housekeeping"


@dataclass(frozen=True)
class NightlyReport:
    """What one round did (None: that step failed; the log says why)."""

    retention: RetentionReport | None
    pruned: PruneReport | None


def nightly(
    central: DeskDatabase, retention_days: int, now: datetime | None = None
) -> NightlyReport:
    """One round: retention, then pruning (desk/server/pruning.py); each step is logged
    and neither stops the other. ``now``: the server's clock unless given (tests)."""
    now = now or now_local()
    retention = pruned = None
    try:
        retention = anonymise_expired(central, now, retention_days)
        log.info("retention: %d appointments anonymised", retention.appointments)
    except Exception:
        log.exception("retention failed")
    try:
        pruned = prune_central(central.pool, now)
        log.info("pruned: %s", pruned)
    except Exception:
        log.exception("pruning failed")
    return NightlyReport(retention, pruned)


def start_housekeeping(central: DeskDatabase, retention_days: int) -> BackgroundScheduler:
    """Run ``nightly`` at 02:30 local time (Europe/Berlin, DST-correct)."""
    scheduler = make_scheduler()
    scheduler.add_job(
        nightly,
        CronTrigger(hour=2, minute=30, timezone=BERLIN),
        args=(central, retention_days),
        id=NIGHTLY,
    )
    scheduler.start()
    return scheduler
