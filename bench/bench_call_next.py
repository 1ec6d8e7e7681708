"""Benchmark P7: call-next latency with 1 and with 12 concurrent counters on the central.

Run: ``.venv/bin/python bench/bench_call_next.py``. Uses PostgreSQL on 127.0.0.1:5432 (user
postgres), or the admin URL in ``BUERGERDESK_TEST_PG``, or ``--pg-admin``, in a database of
its own, migrated here and dropped at the end.

Each counter is a spawned process with its own connection calling
``desk.services.walkin.tickets.call_next`` on an office of 12 counters and a queue of waiting
tickets (one office per case, so every case starts from the same queue). Cases:

- ``1 counter``: one process calls back to back;
- ``12 counters, burst``: twelve processes press "call" at the same instant each round
  (a barrier per round), so twelve claims collide on the head of the queue every time;
- ``12 counters, saturated``: twelve processes call back to back with no pause (a stress
  figure: on a small machine it measures CPU sharing more than the claim).

Floors in the same run: a ``SELECT 1`` round trip through the same engine, alone and
under the same concurrency. Targets: p95 ≤ 50 ms in each case and the 12-counter p95 at
most 2× the 1-counter p95. Exits 1 only if a ticket was called twice.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from desk.domain.localtime import BERLIN, parse_now
from desk.domain.status import TicketReason
from desk.services.database import DeskDatabase, open_database
from desk.services.walkin.tickets import call_next
from desk.store.models import Call
from desk.store.uow import UnitOfWork

from support.db import PG_ADMIN_URL, scratch_database, select_one, server_version
from support.office import add_ticket_queue
from support.stats import percentiles, verdict
from support.workers import closing_queues, spawn_context, spawned

NOW = parse_now("2024-03-20T10:30")  # a Wednesday, as in the tests
DAY = NOW.astimezone(BERLIN).date()
COUNTERS = 12
TARGET_P95_MS = 50.0
TARGET_RATIO = 2.0
WARMUP = 3
TIMEOUT = 120.0
CPUS = os.cpu_count() or 1
#: Lost documents are called first: one ticket in five.
REASONS = (TicketReason.LOST_OR_STOLEN, *[TicketReason.OTHER] * 3, TicketReason.REGISTRATION)


# ------------------------------------------------------------------ databases


def add_queue(db: DeskDatabase, office_id: str, tickets: int) -> None:
    """An office with COUNTERS counters and ``tickets`` waiting tickets for DAY (one in
    five a lost document, called first), filled as ``issue_ticket`` fills them."""
    add_ticket_queue(
        db, office_id, counters=COUNTERS, tickets=tickets, now=NOW, day=DAY, reasons=REASONS
    )


def double_calls(db: DeskDatabase) -> int:
    """Calls beyond the first of any ticket (0 when every ticket was called once)."""
    with UnitOfWork(db.engine) as uow:
        calls = uow.session.scalar(select(func.count()).select_from(Call)) or 0
        tickets = uow.session.scalar(select(func.count(func.distinct(Call.ticket_id)))) or 0
    return calls - tickets


# ------------------------------------------------------------ counter processes


def action_for(db: DeskDatabase, operation: str, office_id: str, counter: int) -> Callable[[], Any]:
    """What one timed step does: the floor or one call of the next ticket."""
    if operation == "select1":
        return lambda: select_one(db)
    return lambda: call_next(db, office_id, counter, NOW)


def counter_process(url: str, counter: int, barrier: Any, commands: Any, results: Any) -> None:
    """One counter PC. Per command (operation, office, steps, burst): warm up, meet the
    others, time ``steps`` steps (with ``burst`` all start each step together) and report
    (counter, step times in ms, seconds and client CPU seconds for all steps) or
    (counter, error, 0, 0)."""
    db = open_database(url)
    try:
        while (command := commands.get()) is not None:
            operation, office_id, steps, burst = command
            try:
                action = action_for(db, operation, office_id, counter)
                for _ in range(WARMUP):
                    action()
                barrier.wait(timeout=TIMEOUT)
                times = []
                began, cpu = time.perf_counter(), time.process_time()
                for _ in range(steps):
                    if burst:
                        barrier.wait(timeout=TIMEOUT)
                    started = time.perf_counter()
                    action()
                    times.append((time.perf_counter() - started) * 1000)
                took = time.perf_counter() - began, time.process_time() - cpu
                results.put((counter, times, *took))
            except Exception as err:
                results.put((counter, repr(err), 0.0, 0.0))
    finally:
        db.dispose()


@dataclass
class Counters:
    """Spawned counter processes that run timed steps together."""

    processes: list[Any]
    commands: list[Any]
    results: Any

    def run(self, operation: str, office_id: str, steps: int, burst: bool) -> Figures:
        """All processes time ``steps`` steps of ``operation`` together."""
        for queue in self.commands:
            queue.put((operation, office_id, steps, burst))
        outcome = [self.results.get(timeout=TIMEOUT * 2) for _ in self.processes]
        errors = [what for _, what, _, _ in outcome if isinstance(what, str)]
        if errors:
            raise RuntimeError(f"{len(errors)} counter processes failed: {errors[0]}")
        return Figures.of(
            [t for _, times, _, _ in outcome for t in times],
            max(seconds for _, _, seconds, _ in outcome),
            sum(cpu for _, _, _, cpu in outcome),
        )


@contextmanager
def counters(url: str, n: int) -> Iterator[Counters]:
    """``n`` spawned counter processes (numbers 1..n), each with its own connection."""
    ctx = spawn_context()
    barrier = ctx.Barrier(n)
    results = ctx.Queue()
    commands = [ctx.Queue() for _ in range(n)]
    arguments = [(url, i + 1, barrier, commands[i], results) for i in range(n)]
    with (
        closing_queues([*commands, results]),
        spawned(ctx, counter_process, arguments, TIMEOUT) as processes,
    ):
        try:
            yield Counters(processes, commands, results)
        finally:
            for queue in commands:
                queue.put(None)


# ------------------------------------------------------------------ reporting


@dataclass(frozen=True)
class Figures:
    """Percentiles of one case in ms, how many steps, steps per second and the client
    processes' CPU time per step in ms."""

    p50: float
    p95: float
    p99: float
    steps: int
    per_second: float
    client_cpu: float

    @classmethod
    def of(cls, times: list[float], seconds: float, cpu_seconds: float) -> Figures:
        """The figures of step times measured over ``seconds`` of wall time."""
        p50, p95, p99 = percentiles(times, 0.50, 0.95, 0.99)
        steps = len(times)
        return cls(p50, p95, p99, steps, steps / seconds, cpu_seconds * 1000 / steps)

    def line(self, label: str, floor: Figures | None = None) -> str:
        """One report line; with a floor, the p95 ratio to it."""
        text = (
            f"  {label:<34} p50 {self.p50:7.2f}  p95 {self.p95:7.2f}  p99 {self.p99:7.2f} ms"
            f"  {self.steps} steps {self.per_second:5.0f}/s cpu {self.client_cpu:5.2f} ms"
        )
        if floor is not None:
            text += f"  p95/floor {self.p95 / floor.p95:5.0f}"
        return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--pg-admin", default=PG_ADMIN_URL, metavar="URL")
    parser.add_argument("--single", type=int, default=800, help="timed calls of one counter")
    parser.add_argument("--rounds", type=int, default=60, help="timed calls of each of 12")
    args = parser.parse_args(argv)
    tickets = max(args.single, COUNTERS * args.rounds) + COUNTERS * WARMUP + 100

    with scratch_database(args.pg_admin, "bd_bench_call_") as url:
        db = open_database(url)
        try:
            for office_id in ("bb-p7-one", "bb-p7-burst", "bb-p7-load"):
                add_queue(db, office_id, tickets)
            version = server_version(db)
            print(
                f"P7: call_next on the central (PostgreSQL {version}, {CPUS} CPUs shared with"
                f" the counter processes, load before {os.getloadavg()[0]:.1f}),"
                f" {tickets} tickets a case"
            )
            with counters(url, 1) as one:
                floor_1 = one.run("select1", "", args.single, False)
                call_1 = one.run("call", "bb-p7-one", args.single, False)
            with counters(url, COUNTERS) as twelve:
                floor_b = twelve.run("select1", "", args.rounds, True)
                call_b = twelve.run("call", "bb-p7-burst", args.rounds, True)
                floor_s = twelve.run("select1", "", args.rounds, False)
                call_s = twelve.run("call", "bb-p7-load", args.rounds, False)
            doubled = double_calls(db)
        finally:
            db.dispose()

    print(floor_1.line("floor SELECT 1, 1 process"))
    print(call_1.line("call_next, 1 counter", floor_1))
    print(floor_b.line(f"floor SELECT 1, {COUNTERS} in a burst"))
    print(call_b.line(f"call_next, {COUNTERS} counters, burst", floor_1))
    print(floor_s.line(f"floor SELECT 1, {COUNTERS} saturated"))
    print(call_s.line(f"call_next, {COUNTERS} counters, saturated", floor_1))
    print(
        f"  targets: p95 ≤ {TARGET_P95_MS:.0f} ms, {COUNTERS}-counter p95"
        f" ≤ {TARGET_RATIO:.0f}× 1-counter p95"
    )
    print(
        f"    1 counter            p95 {call_1.p95:7.2f} ms: {verdict(call_1.p95 <= TARGET_P95_MS)}"
    )
    for label, case in (("burst", call_b), ("saturated", call_s)):
        ratio = case.p95 / call_1.p95
        print(
            f"    {COUNTERS} counters {label:<10} p95 {case.p95:7.2f} ms:"
            f" {verdict(case.p95 <= TARGET_P95_MS)};"
            f" ratio to 1 counter {ratio:5.2f}: {verdict(ratio <= TARGET_RATIO)}"
        )
    print(
        f"  note: the counter processes' own CPU ({call_b.client_cpu:.1f} ms a call) on"
        f" {CPUS} CPUs alone makes a burst of {COUNTERS} last ≥"
        f" {COUNTERS * call_b.client_cpu / CPUS:.0f} ms here"
    )
    print(f"  tickets called twice: {doubled}")
    return 1 if doubled else 0


if __name__ == "__main__":
    sys.exit(main())
