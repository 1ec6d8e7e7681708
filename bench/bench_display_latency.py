"""Benchmark: a call at a counter → shown on a display connected to the same central
PostgreSQL. Target: p95 ≤ 300 ms over 200 calls.

Run: ``.venv/bin/python bench/bench_display_latency.py``. Uses PostgreSQL on 127.0.0.1:5432
(user postgres), or the admin URL in ``BUERGERDESK_TEST_PG``, or ``--pg-admin``, in a
database of its own, migrated here and dropped at the end. Qt runs offscreen.

The display is a ``DisplayWindow`` in this process, set up as ``buergerdesk display``
sets it up: polling at its default (2 s) and woken by the NOTIFY listener of
``ui.display.run._listen``. The counter is a spawned process with its own connection that
calls ``desk.services.walkin.tickets.call_next`` every 100–200 ms (random). Each call is timed
from just before its COMMIT (a SQLAlchemy ``commit`` event in the counter process) until
the display's ``updated`` signal first shows its code (as the newest call or in the
list); both sides read CLOCK_MONOTONIC (``time.monotonic``), which Linux shares between
processes.

Cases:

- ``notify + poll``: as run_display runs it (the target applies here);
- ``poll only``: the listener left out (NOTIFY cut); the calls come every 300–700 ms, so
  that each lands at a random phase of the 2 s poll and none leaves the board's list
  before a poll could show it.

Floors in the same run: a ``SELECT 1`` round trip, and one ``display_board`` read (what
each display update costs the central). Exits 1 only if a call never showed.
"""

from __future__ import annotations

import argparse
import logging
import os
import queue
import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from PySide6.QtCore import QEventLoop, QTimer
from sqlalchemy import event

from desk.domain.localtime import BERLIN, parse_now
from desk.services.database import DeskDatabase, open_database
from desk.services.walkin.display import display_board
from desk.services.walkin.tickets import call_next
from ui.display.run import _listen
from ui.display.window import DisplayWindow
from ui.gui import make_application, route_qt_messages_to_log
from ui.ops import Ops

from support.db import PG_ADMIN_URL, scratch_database, select_one, server_version
from support.office import add_ticket_queue
from support.stats import percentile, percentiles, timed_ms, verdict
from support.workers import spawn_context

NOW = parse_now("2024-03-20T10:30")  # a Wednesday, as in the tests
DAY = NOW.astimezone(BERLIN).date()
COUNTERS = 6
TARGET_P95_MS = 300.0
POLL_MS = 2000  # DisplayWindow's and `buergerdesk display`'s default
TIMEOUT = 120.0
CPUS = os.cpu_count() or 1


# ------------------------------------------------------------------ databases


def add_queue(db: DeskDatabase, office_id: str, tickets: int) -> None:
    """An office with COUNTERS counters and ``tickets`` waiting tickets for DAY."""
    add_ticket_queue(db, office_id, counters=COUNTERS, tickets=tickets, now=NOW, day=DAY)


# ------------------------------------------------------------ the counter process


def counter_process(
    url: str, office_id: str, calls: int, spacing: tuple[float, float], results: Any
) -> None:
    """Call ``calls`` tickets at the office's counters, a random ``spacing`` apart; put
    (code, monotonic time just before COMMIT) per call, then None (or an error text)."""
    db = open_database(url)
    last_commit = [0.0]
    event.listen(db.engine, "commit", lambda _conn: last_commit.__setitem__(0, time.monotonic()))
    rng = random.Random(7)
    try:
        call_next(db, office_id, 1, NOW)  # warm the connection and the statement
        results.put(("warm-up", last_commit[0]))
        for i in range(calls):
            time.sleep(rng.uniform(*spacing))
            called = call_next(db, office_id, 1 + i % COUNTERS, NOW + timedelta(seconds=i + 1))
            results.put((called.code, last_commit[0]))
        results.put(None)
    except Exception as err:
        results.put(repr(err))
    finally:
        db.dispose()


# ------------------------------------------------------------------ measuring


@dataclass
class Case:
    """What one case measured: latencies in ms, and the calls that never showed."""

    label: str
    latencies: list[float]
    missed: list[str]


def codes_shown(window: DisplayWindow) -> list[str]:
    """The call codes on the board right now, newest first."""
    codes = [window.current_code.text()]
    codes += [label.text().split()[0] for label in window.previous if label.text()]
    return [code for code in codes if code and code != "–"]


def run_case(
    url: str,
    ops: Ops,
    office_id: str,
    calls: int,
    spacing: tuple[float, float],
    listen: bool,
    label: str,
) -> Case:
    """One display (with or without the listener) watching one counter's calls."""

    def opener() -> DeskDatabase:
        return open_database(url)

    window = DisplayWindow(ops, opener, office_id, lambda: NOW, sound=False, speech=False)
    window.resize(1280, 720)
    window.show()
    first_seen: dict[str, float] = {}

    def seen() -> None:
        at = time.monotonic()
        for code in codes_shown(window):
            first_seen.setdefault(code, at)

    window.updated.connect(seen)
    loop = QEventLoop()

    def wait(until: Callable[[], bool], seconds: float) -> None:
        deadline = time.monotonic() + seconds
        timer = QTimer()
        timer.setInterval(20)
        timer.timeout.connect(lambda: (until() or time.monotonic() > deadline) and loop.quit())
        timer.start()
        loop.exec()
        timer.stop()

    listener = _listen(url, office_id, window) if listen else None
    if listener is not None and not listener.connected.wait(10):
        raise RuntimeError("the NOTIFY listener did not connect")
    updates = [0]
    window.updated.connect(lambda: updates.__setitem__(0, updates[0] + 1))
    window.start()
    wait(lambda: updates[0] > 0, 10)  # the first board (empty)

    ctx = spawn_context()
    results = ctx.Queue()
    process = ctx.Process(target=counter_process, args=(url, office_id, calls, spacing, results))
    process.start()
    committed: dict[str, float] = {}
    errors: list[str] = []
    finished = [False]

    def drain() -> bool:
        while True:
            try:
                item = results.get_nowait()
            except queue.Empty:
                break
            if item is None:
                finished[0] = True
            elif isinstance(item, str):
                errors.append(item)
                finished[0] = True
            else:
                committed[item[0]] = item[1]
        return finished[0]

    wait(drain, TIMEOUT + calls * spacing[1])
    committed.pop("warm-up", None)
    # the last calls: give them a poll interval and a bit to show (before joining the
    # counter process, which would hold up the event loop while that process exits)
    wait(lambda: all(code in first_seen for code in committed), POLL_MS / 1000 + 1)
    process.join(timeout=10)
    window.stop()
    if listener is not None:
        listener.stop()
        listener.join(timeout=5)
    wait(lambda: ops.pending == 0, 10)
    db = window._db
    window.close()
    window.deleteLater()
    if db is not None:
        db.dispose()
    if errors:
        raise RuntimeError(f"the counter process failed: {errors[0]}")
    latencies = [
        (first_seen[code] - at) * 1000 for code, at in committed.items() if code in first_seen
    ]
    missed = [code for code in committed if code not in first_seen]
    return Case(label, latencies, missed)


def floors(db: DeskDatabase, office_id: str, rounds: int) -> tuple[list[float], list[float]]:
    """SELECT 1 round trips and display_board reads, in ms."""
    round_trips, board = [], []
    select_one(db)
    display_board(db, office_id, NOW)
    for _ in range(rounds):
        round_trips.append(timed_ms(lambda: select_one(db)))
        board.append(timed_ms(lambda: display_board(db, office_id, NOW)))
    return round_trips, board


# ------------------------------------------------------------------ reporting


def line(label: str, values: list[float], extra: str = "") -> str:
    """One report line: p50, p95, p99 and max in ms."""
    if not values:
        return f"  {label:<30} no values {extra}"
    p50, p95, p99 = percentiles(values, 0.50, 0.95, 0.99)
    return (
        f"  {label:<30} p50 {p50:7.1f}  p95 {p95:7.1f}  p99 {p99:7.1f}  max {max(values):7.1f} ms"
        f"  n={len(values)}{extra}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--pg-admin", default=PG_ADMIN_URL, metavar="URL")
    parser.add_argument("--calls", type=int, default=200, help="calls with the listener on")
    parser.add_argument("--poll-calls", type=int, default=80, help="calls with polling only")
    args = parser.parse_args(argv)

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    route_qt_messages_to_log()  # as run_display: Qt's own messages go to the log
    logging.getLogger("qt").addFilter(lambda r: "propagateSizeHints" not in r.getMessage())
    make_application()
    ops = Ops()
    try:
        with scratch_database(args.pg_admin, "bd_bench_display_") as url:
            db = open_database(url)
            try:
                add_queue(db, "bb-display-notify", args.calls + 10)
                add_queue(db, "bb-display-poll", args.poll_calls + 10)
                version = server_version(db)
                round_trips, board = floors(db, "bb-display-notify", 200)
            finally:
                db.dispose()
            print(
                f"Display latency: call_next at a counter → shown on the display"
                f" (PostgreSQL {version}, {CPUS} CPUs, load {os.getloadavg()[0]:.1f},"
                f" display poll {POLL_MS / 1000:.0f} s)"
            )
            notify = run_case(
                url, ops, "bb-display-notify", args.calls, (0.1, 0.2), True, "notify + poll"
            )
            poll = run_case(
                url, ops, "bb-display-poll", args.poll_calls, (0.3, 0.7), False, "poll only"
            )
    finally:
        ops.shutdown()

    print(line("floor SELECT 1", round_trips))
    print(line("floor display_board read", board))
    for case in (notify, poll):
        print(line(case.label, case.latencies, f", never shown: {len(case.missed)}"))
    p95 = percentile(notify.latencies, 0.95) if notify.latencies else float("inf")
    met = verdict(p95 <= TARGET_P95_MS and not notify.missed)
    print(f"  target: notify + poll p95 ≤ {TARGET_P95_MS:.0f} ms: {p95:.1f} ms, {met}")
    slow = sorted(notify.latencies)[-3:]
    print(f"  slowest with notify: {', '.join(f'{v:.0f}' for v in slow)} ms")
    return 1 if notify.missed or poll.missed else 0


if __name__ == "__main__":
    sys.exit(main())
