"""Benchmark P6: issuing a walk-in ticket on SQLite against a bare durable commit.

Run: ``.venv/bin/python bench/bench_issue_ticket.py [--n 300] [--office demo|small]``.

Target (P6): the p95 of ``desk.services.walkin.tickets.issue_ticket`` is at most twice the p95 of
a bare SQLite commit with ``synchronous=FULL``, plus 10 ms, measured in the same run.

- Database: a temporary SQLite file, migrated, with the demo city seeded at 2024-03-20
  10:30 (``--office demo``, the default: a realistic ticket history of four weeks) or a
  single small office (``--office small``). The office's daily quota is raised to
  100000 so that every call issues a ticket.
- Operation: ``issue_ticket(db, office, reason, now)`` on Thursday 2024-03-21 (no ticket
  issued yet in the demo city), ``now`` from 8:00:00 on, one millisecond apart, so all
  within the walk-in hour; reasons in turn. Each call is one write unit of work (BEGIN
  IMMEDIATE, office lock, schedule, counts, insert, outbox row, COMMIT).
- Floor: a bare ``sqlite3`` connection to another file in the same folder with
  ``journal_mode=WAL`` and ``synchronous=FULL`` (what the product sets), each step
  ``BEGIN; INSERT`` of a small row ``; COMMIT``.

Floor and operation alternate step by step (after a few warm-up steps of each), so both
see the same disk and the same load. Prints p50/p95/p99/max of both and whether the
target holds. Exits 1 only if the tickets issued are not numbered 1, 2, 3, … once each.
"""

from __future__ import annotations

import argparse
import os
import platform
import sqlite3
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta
from datetime import time as clock
from pathlib import Path

from sqlalchemy import select, update

from desk.domain.localtime import parse_now
from desk.domain.status import TicketReason
from desk.services.database import DeskDatabase, open_database, upgrade_database
from desk.services.walkin.tickets import issue_ticket
from desk.store.models import Counter, Office, Ticket
from desk.store.uow import UnitOfWork

SEED_NOW = parse_now("2024-03-20T10:30")
START = parse_now("2024-03-21T08:00")  # a Thursday: the walk-in hour, no tickets yet
DAY = date(2024, 3, 21)
DEMO_OFFICE = "bb-mitte"
SMALL_OFFICE = "bb-p6"
QUOTA = 100_000
WARMUP = 5
RATIO = 2.0
SLACK_MS = 10.0
REASONS = list(TicketReason)


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (index ``round(share × (n − 1))`` of the sorted values)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def figures(values: list[float]) -> str:
    p50, p95, p99 = (percentile(values, q) for q in (0.50, 0.95, 0.99))
    return f"p50 {p50:7.2f}  p95 {p95:7.2f}  p99 {p99:7.2f}  max {max(values):7.2f} ms"


# ------------------------------------------------------------------ databases


def prepare(url: str, office: str) -> DeskDatabase:
    """Migrate, seed (demo city or one small office) and raise the office's quota."""
    upgrade_database(url)
    db = open_database(url)
    if office == "demo":
        from desk.demo.seed import seed_demo_city

        seed_demo_city(db, SEED_NOW)
        office_id = DEMO_OFFICE
    else:
        office_id = SMALL_OFFICE
        with UnitOfWork(db.engine) as uow:
            s = uow.session
            s.add(
                Office(
                    id=office_id,
                    name="Bürgerbüro P6",
                    kind="buergerbuero",
                    street="Marktplatz 1",
                    postcode="06108",
                    city="Saalfurt",
                    state="ST",
                    timezone="Europe/Berlin",
                    ticket_prefix="W",
                )
            )
            s.flush()
            s.add_all(
                Counter(id=uuid.uuid4(), office_id=office_id, number=n, name=f"Schalter {n}")
                for n in range(1, 5)
            )
            uow.commit()
    with UnitOfWork(db.engine) as uow:
        uow.session.execute(
            update(Office)
            .where(Office.id == office_id)
            .values(walk_in_quota=QUOTA, walk_in_from=clock(8), walk_in_until=clock(9))
        )
        uow.commit()
    return db


class Floor:
    """The bare durable commit: one small row a transaction, WAL and synchronous=FULL."""

    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(path, isolation_level=None)
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=FULL")
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS floor (id INTEGER PRIMARY KEY, code TEXT, at TEXT)"
        )
        self.n = 0

    def step(self) -> None:
        self.n += 1
        self.conn.execute("BEGIN")
        self.conn.execute(
            "INSERT INTO floor (code, at) VALUES (?, ?)", (f"W-{self.n:03d}", str(self.n))
        )
        self.conn.execute("COMMIT")

    def close(self) -> None:
        self.conn.close()


def numbered_once(db: DeskDatabase, office_id: str, expected: int) -> bool:
    """Whether the day's tickets are numbered 1..expected, each once, codes unique."""
    with UnitOfWork(db.engine) as uow:
        rows = uow.session.execute(
            select(Ticket.number, Ticket.code).where(
                Ticket.office_id == office_id, Ticket.service_day == DAY
            )
        ).all()
    numbers = sorted(n for n, _code in rows)
    return numbers == list(range(1, expected + 1)) and len({c for _n, c in rows}) == len(rows)


# ------------------------------------------------------------------------ main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--n", type=int, default=300, help="timed tickets (and floor commits)")
    parser.add_argument("--office", choices=("demo", "small"), default="demo")
    parser.add_argument("--dir", default=None, help="folder for the temporary files")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="bd-bench-p6-", dir=args.dir) as folder:
        url = f"sqlite:///{Path(folder) / 'desk.sqlite'}"
        began = time.perf_counter()
        db = prepare(url, args.office)
        office_id = DEMO_OFFICE if args.office == "demo" else SMALL_OFFICE
        prepared_s = time.perf_counter() - began
        floor = Floor(Path(folder) / "floor.sqlite")
        issue_ms: list[float] = []
        floor_ms: list[float] = []
        try:
            for i in range(WARMUP + args.n):
                now = START + timedelta(milliseconds=i)
                t0 = time.perf_counter()
                floor.step()
                t1 = time.perf_counter()
                info = issue_ticket(db, office_id, REASONS[i % len(REASONS)], now)
                t2 = time.perf_counter()
                assert info.number == i + 1, (info.number, i + 1)
                if i >= WARMUP:
                    floor_ms.append((t1 - t0) * 1000)
                    issue_ms.append((t2 - t1) * 1000)
            correct = numbered_once(db, office_id, WARMUP + args.n)
        finally:
            floor.close()
            db.dispose()

    floor_p95 = percentile(floor_ms, 0.95)
    issue_p95 = percentile(issue_ms, 0.95)
    limit = RATIO * floor_p95 + SLACK_MS
    met = issue_p95 <= limit
    print(
        f"P6: issue_ticket on SQLite {sqlite3.sqlite_version} ({args.office} office"
        f" {office_id}, prepared in {prepared_s:.1f} s), {args.n} timed of each after"
        f" {WARMUP} warm-up, alternating; {os.cpu_count()} CPUs, load"
        f" {os.getloadavg()[0]:.1f}, {platform.system()} {platform.release()}, files in"
        f" {Path(tempfile.gettempdir()) if args.dir is None else args.dir}"
    )
    print(f"  floor INSERT+COMMIT (WAL, synchronous=FULL)  {figures(floor_ms)}")
    print(f"  issue_ticket                                 {figures(issue_ms)}")
    print(
        f"  p95 ratio issue/floor {issue_p95 / floor_p95:5.2f};"
        f" target p95 ≤ {RATIO:.0f}× floor p95 + {SLACK_MS:.0f} ms = {limit:.2f} ms:"
        f" {'met' if met else 'MISSED'} (issue p95 {issue_p95:.2f} ms)"
    )
    print(f"  tickets numbered 1..{WARMUP + args.n} once each: {'yes' if correct else 'NO'}")
    return 0 if correct else 1


if __name__ == "__main__":
    sys.exit(main())
