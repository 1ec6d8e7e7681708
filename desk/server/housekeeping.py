"""The service's own nightly work, by the server's clock: retention (personal data of
what is over and older than the period is anonymised) and pruning the change log.
Several instances may run it: both steps are idempotent, pruning takes an advisory
lock, and retention only ever anonymises what is already due."""

from __future__ import annotations

import logging

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger

from desk.domain.localtime import BERLIN, now_local
from desk.jobs.scheduler import make_scheduler
from desk.services.database import DeskDatabase
from desk.services.retention import anonymise_expired
from desk.sync.horizon import prune_change_log

log = logging.getLogger(__name__)

NIGHTLY = "service-housekeeping"


def nightly(central: DeskDatabase, retention_days: int) -> None:
    """One round: retention, then the change log (each logged, neither stops the other)."""
    now = now_local()
    try:
        report = anonymise_expired(central, now, retention_days)
        log.info("retention: %d appointments anonymised", report.appointments)
    except Exception:
        log.exception("retention failed")
    try:
        log.info("change log pruned: %d rows", prune_change_log(central.pool, now))
    except Exception:
        log.exception("pruning the change log failed")


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
