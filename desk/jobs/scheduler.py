"""The job scheduler: one worker thread, coalesced runs, Europe/Berlin time.

Jobs return what they did; the caller's callback gets it on the worker thread
and forwards it (ui/ does so through a Qt signal). Trigger instances, not names,
so that frozen builds need no entry points.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.interval import IntervalTrigger

from desk.domain.localtime import BERLIN

log = logging.getLogger(__name__)

SYNC_JOB = "sync"


def make_scheduler() -> BackgroundScheduler:
    """A scheduler with one worker, coalescing and at most one instance per job."""
    return BackgroundScheduler(
        jobstores={"default": MemoryJobStore()},
        executors={"default": ThreadPoolExecutor(max_workers=1)},
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 30},
        timezone=BERLIN,
    )


def add_interval_job(
    scheduler: BackgroundScheduler,
    job_id: str,
    work: Callable[[], Any],
    seconds: float,
    on_result: Callable[[Any], None],
    on_error: Callable[[BaseException], None],
) -> None:
    """Run ``work`` now and every ``seconds``; results and errors go to the callbacks."""

    def run() -> None:
        try:
            result = work()
        except Exception as err:  # reported to the caller, never lost in the pool
            on_error(err)
            return
        on_result(result)

    scheduler.add_job(
        run,
        IntervalTrigger(seconds=seconds, timezone=BERLIN),
        id=job_id,
        next_run_time=datetime.now(BERLIN),
        replace_existing=True,
    )


def run_soon(scheduler: BackgroundScheduler, job_id: str) -> None:
    """Pull a job's next run forward to now (e.g. on a NOTIFY wake-up)."""
    try:
        scheduler.modify_job(job_id, next_run_time=datetime.now(BERLIN))
    except Exception:  # the job may be gone while shutting down
        log.debug("could not wake job %s", job_id)
