"""Benchmark P5: cold start of ``buergerdesk`` to the first painted main window on a big database.

Run: ``.venv/bin/python bench/bench_cold_start.py [--runs 5]``. Target: starting the clerk
app on a database holding about a year of history (≈100,000 appointments) takes at most
2× the start of an empty PySide6 window, measured in the same run.

The database (SQLite) is built once and kept: at ``$BENCH_DB`` if set, else in the
temporary folder as ``bd-bench-cold-start.sqlite``. A ``.done`` file next to it marks a
finished build (a ``.building`` file a broken one, which is rebuilt); a file that has
neither is used as it is. The build migrates with ``upgrade_database``, seeds the demo
city with ``seed_demo_city(db, NOW)`` (reference data and its usual 28 days back, 21
ahead), then adds older history in 28-day blocks back in time from the demo city's own
generators (``desk.demo.bookings``: same appointments, past states, slot holds and walk-in
tickets as the seeding would write) by bulk insert until ``TARGET_APPOINTMENTS`` stand
(about 14 months: the demo city books ≈88,000 a year). Stepping ``seed_demo_city``'s
``now`` back does not work: it regenerates the 21 days after its ``now`` with other fill
rates and clashes with the rows already there. Last, every appointment without events gets
those of its life cycle (booked, checked in, called, in service, done / no-show /
cancelled). A reused database is migrated again (a no-op at head).

Measured ``--runs`` times each, interleaved, after one untimed warm-up round (so the OS
file cache is warm for all: a "cold" start here is a new process, not a cold disk):

- ``floor``: ``python -c`` creating a QApplication and showing an empty 1366×768
  QMainWindow, quitting right after its first paint;
- ``smoke``: the ``buergerdesk`` console script with ``--url sqlite:///… --now NOW
  --office bb-mitte --smoke``: its wall time;
- ``traced``: the same ``ui.app.main`` and arguments in ``python -c``, with event filters
  put on the main window and on the calendar's viewport when ``MainWindow.start`` runs
  (shown, not yet painted); they stamp (a) the first paint of the main window (before
  any data) and (b) the first paint of the calendar once it has the day's rows. The
  smoke's quit (day_loaded + 100 ms) is stamped too, and held back until (b) if it comes
  first, so (b) is always seen; how often that happened is printed;
- ``demo``: as ``traced`` on a fresh demo city only (≈9,500 appointments), to tell the
  cost of the big database from the rest;
- ``imports``: ``python -c "import ui.app, ui.gui"``, the app's imports alone (no target).

All children run with ``QT_QPA_PLATFORM=offscreen`` (unless set), ``BUERGERDESK_DATA_DIR``
and ``XDG_CONFIG_HOME`` in a temporary folder (log file and QSettings, never the user's).
A paint is stamped by a zero-delay timer started from the filter's ``QEvent.Paint``, so
the stamp falls after that whole paint pass; a child prints ``time.time()`` then, and the
parent subtracts its own ``time.time()`` taken just before starting the child.

What ``--smoke`` measures: the main window is shown, the database opened, the offices
listed and the day loaded on the worker thread; ``day_loaded`` is emitted once the models
hold the day (before it is painted) and the app quits 100 ms later, then waits for the
worker and tears down the interpreter. So the smoke wall time is process start → day in
the models + a fixed 100 ms + shutdown, not "first painted window" (the paint usually
falls inside the 100 ms, not always); the traced run gives that point. Printed: medians of
each, the ratios to the floor, and whether ≤ 2× is met for the wall time (smoke / floor
wall) and for the first paint of the day (traced / floor paint). Exits 1 only if a child
fails or never paints.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, exists, func, insert, select, text

from desk.demo.bookings import appointments_for_day, booking_code, open_days, tickets_for_day
from desk.demo.city import OFFICES, demo_id
from desk.domain.localtime import parse_now
from desk.domain.status import HOLDING_STATES, AppointmentStatus
from desk.services.database import DeskDatabase, open_database, upgrade_database
from desk.services.demo import PAST_DAYS, seed_demo_city
from desk.store.models import Appointment, AppointmentEvent, Base, SlotHold, Ticket

from support.stats import verdict

NOW_TEXT = "2024-03-21T10:30"  # a Thursday: Bürgerbüro Mitte is open 9–18
NOW = parse_now(NOW_TEXT)
OFFICE = "bb-mitte"
TARGET_APPOINTMENTS = 100_000
STEP_DAYS = 28  # older history is added in blocks of this many days
TARGET_RATIO = 2.0
TIMEOUT_S = 120.0
CHUNK = 20_000
DONE_MARK = f"{NOW_TEXT} {TARGET_APPOINTMENTS}\n"  # another mark: built for other settings
TRACED_STAMPS = ("window", "day", "quit")
DEFAULT_DB = Path(tempfile.gettempdir()) / "bd-bench-cold-start.sqlite"

FLOOR_CHILD = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

class Stamp(QObject):
    done = False

    def eventFilter(self, watched, event):
        if not self.done and event.type() == QEvent.Type.Paint:
            self.done = True
            QTimer.singleShot(0, self.stamp)
        return False

    def stamp(self):
        print(f"BENCH window {time.time():.6f}", flush=True)
        QApplication.quit()

app = QApplication(sys.argv[:1])
stamp = Stamp()
window = QMainWindow()
window.installEventFilter(stamp)
window.resize(1366, 768)
window.show()
sys.exit(app.exec())
"""

TRACED_CHILD = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

class Stamp(QObject):
    seen = ()  # paints noticed
    stamped = ()  # ... and stamped after their paint pass
    quit_pending = False

    def watch(self, window):
        self.window = window
        self.view = window.findChild(CalendarView)
        window.installEventFilter(self)
        self.view.viewport().installEventFilter(self)

    def eventFilter(self, watched, event):
        if event.type() != QEvent.Type.Paint:
            return False
        if watched is self.window and "window" not in self.seen:
            self.seen += ("window",)
            QTimer.singleShot(0, lambda: self.stamp("window"))
        elif "day" not in self.seen and self.view.model().rowCount() > 0:
            self.seen += ("day",)
            QTimer.singleShot(0, lambda: self.stamp("day"))
        return False

    def stamp(self, what):
        print(f"BENCH {what} {time.time():.6f}", flush=True)
        self.stamped += (what,)
        if what == "day" and self.quit_pending:
            QApplication.quit()

class TracedApp(QApplication):
    def quit(self):
        # --smoke quits 100 ms after day_loaded: stamp that, but hold it until the day
        # has been painted, so the first paint is seen even when it comes later
        print(f"BENCH quit {time.time():.6f}", flush=True)
        if "day" in stamp.stamped:
            QApplication.quit()
        else:
            stamp.quit_pending = True

app = TracedApp(["buergerdesk"])
stamp = Stamp()
from ui.app import main
from ui.views import main_window
from ui.views.calendar_view import CalendarView

start = main_window.MainWindow.start

def watched_start(window):
    stamp.watch(window)  # shown, not yet painted: that happens in the event loop
    start(window)

main_window.MainWindow.start = watched_start
sys.exit(main(sys.argv[1:]))
"""


# ------------------------------------------------------------------ database
def count_appointments(db: DeskDatabase) -> int:
    """All appointments in the database."""
    with db.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(Appointment)).scalar_one())


def add_events(db: DeskDatabase) -> int:
    """The life-cycle events of every appointment that has none yet (the demo seeding may
    write its own), as the counter app would have written them."""
    minute = timedelta(minutes=1)
    with db.engine.begin() as conn:
        rows = conn.execute(
            select(
                Appointment.id,
                Appointment.status,
                Appointment.channel,
                Appointment.counter_id,
                Appointment.starts_at,
                Appointment.ends_at,
                Appointment.created_at,
            ).where(~exists().where(AppointmentEvent.appointment_id == Appointment.id))
        ).all()
        events: list[dict[str, Any]] = []
        total = 0

        def event(
            appointment: uuid.UUID, status: str, at: Any, counter: Any, note: str | None = None
        ) -> None:
            events.append(
                {
                    "id": uuid.uuid4(),
                    "appointment_id": appointment,
                    "status": status,
                    "at": at,
                    "counter_id": counter,
                    "user_id": None,
                    "note": note,
                }
            )

        for aid, status, channel, counter, starts, ends, created in rows:
            event(aid, AppointmentStatus.BOOKED, created, None, f"gebucht ({channel})")
            if status in (AppointmentStatus.DONE, AppointmentStatus.IN_SERVICE):
                event(aid, AppointmentStatus.CHECKED_IN, starts - 5 * minute, None)
                event(aid, AppointmentStatus.CALLED, starts, counter)
                event(aid, AppointmentStatus.IN_SERVICE, starts + minute, counter)
            if status == AppointmentStatus.DONE:
                event(aid, AppointmentStatus.DONE, ends, counter)
            elif status == AppointmentStatus.NO_SHOW:
                event(aid, AppointmentStatus.NO_SHOW, starts + 15 * minute, None)
            elif status == AppointmentStatus.CANCELLED:
                event(
                    aid,
                    AppointmentStatus.CANCELLED,
                    created + timedelta(days=2),
                    None,
                    "Termin nicht mehr nötig",
                )
            if len(events) >= CHUNK:
                conn.execute(insert(AppointmentEvent), events)
                total += len(events)
                events.clear()
        if events:
            conn.execute(insert(AppointmentEvent), events)
            total += len(events)
    return total


def insert_chunked(conn: Connection, model: type[Base], rows: list[dict[str, Any]]) -> None:
    """Bulk insert (executemany) in chunks of ``CHUNK`` rows."""
    for start in range(0, len(rows), CHUNK):
        conn.execute(insert(model), rows[start : start + CHUNK])


def unique_code(code: str, taken: set[str], key: object) -> str:
    """``code``, or (on the rare clash of random codes) another one derived from ``key``."""
    rng = random.Random(str(key))
    while code in taken:
        code = booking_code(rng)
    taken.add(code)
    return code


def seed_history(conn: Connection, first: date, last: date, taken: set[str]) -> int:
    """The demo city's appointments (past states, slot holds, walk-in tickets) on the
    days ``first``..``last``, all before ``NOW``; returns the appointments inserted."""
    appointments: list[dict[str, Any]] = []
    holds: list[dict[str, Any]] = []
    tickets: list[dict[str, Any]] = []
    for office in OFFICES:
        step = timedelta(minutes=office.slot_minutes)
        for day in open_days(office, first, last):
            for a in appointments_for_day(office, day, NOW):
                counter_id = demo_id("counter", office.id, a.counter_number)
                appointments.append(
                    {
                        "id": a.id,
                        "office_id": office.id,
                        "counter_id": counter_id,
                        "service_id": a.service_id,
                        "starts_at": a.starts_at,
                        "ends_at": a.ends_at,
                        "status": a.status.value,
                        "channel": a.channel.value,
                        "booking_code": unique_code(a.booking_code, taken, a.id),
                        "citizen_name": a.citizen_name,
                        "phone": a.phone,
                        "created_at": a.starts_at - timedelta(days=10),
                        "updated_at": a.ends_at,
                    }
                )
                if a.status in HOLDING_STATES:
                    holds += [
                        {
                            "counter_id": counter_id,
                            "slot_start": a.starts_at + step * k,
                            "appointment_id": a.id,
                        }
                        for k in range((a.ends_at - a.starts_at) // step)
                    ]
            for t in tickets_for_day(office, day, NOW):
                tickets.append(
                    {
                        "id": t.id,
                        "office_id": office.id,
                        "service_day": t.service_day,
                        "number": t.number,
                        "code": t.code,
                        "reason": t.reason.value,
                        "status": t.status.value,
                        "issued_at": t.issued_at,
                        "called_at": t.called_at,
                        "finished_at": t.finished_at,
                        "recall_count": 0,
                        "counter_id": (
                            demo_id("counter", office.id, t.counter_number)
                            if t.counter_number is not None
                            else None
                        ),
                    }
                )
    insert_chunked(conn, Appointment, appointments)
    insert_chunked(conn, SlotHold, holds)
    insert_chunked(conn, Ticket, tickets)
    return len(appointments)


def build_database(path: Path) -> None:
    """The demo city at ``NOW`` (its usual 28 days back and 21 ahead), then older history
    in 28-day blocks until ``TARGET_APPOINTMENTS`` stand, then every appointment's events."""
    url = f"sqlite:///{path}"
    started = time.perf_counter()
    upgrade_database(url)
    db = open_database(url)
    try:
        seed_demo_city(db, NOW)
        count = count_appointments(db)
        with db.engine.connect() as conn:
            taken = set(conn.execute(select(Appointment.booking_code)).scalars())
        last = NOW.date() - timedelta(days=PAST_DAYS + 1)
        while count < TARGET_APPOINTMENTS:
            first = last - timedelta(days=STEP_DAYS - 1)
            with db.engine.begin() as conn:
                count += seed_history(conn, first, last, taken)
            print(f"  history from {first}: {count} appointments")
            last = first - timedelta(days=1)
        events = add_events(db)
        with db.engine.connect() as conn:
            conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    finally:
        db.dispose()
    took = time.perf_counter() - started
    print(f"  built in {took:.0f} s: {count} appointments, {events} events")


def prepare_database() -> Path:
    """The benchmark database: reused when built before, else built now."""
    path = Path(os.environ.get("BENCH_DB") or DEFAULT_DB).resolve()
    done = path.with_name(path.name + ".done")
    building = path.with_name(path.name + ".building")
    stale = done.exists() and done.read_text(encoding="utf-8") != DONE_MARK
    if stale or building.exists() or (path.exists() and not done.exists() and path == DEFAULT_DB):
        for leftover in (path, *path.parent.glob(path.name + "-*"), done, building):
            leftover.unlink(missing_ok=True)
    if not path.exists():
        print(f"building {path} (once) …")
        path.parent.mkdir(parents=True, exist_ok=True)
        building.write_text("building\n", encoding="utf-8")
        build_database(path)
        done.write_text(DONE_MARK, encoding="utf-8")
        building.unlink()
    upgrade_database(f"sqlite:///{path}")  # a reused file may predate a migration
    return path


def describe_database(path: Path) -> str:
    """Size and counts of the benchmark database, for the report."""
    db = open_database(f"sqlite:///{path}")
    try:
        with db.engine.connect() as conn:
            first, last = conn.execute(
                select(func.min(Appointment.starts_at), func.max(Appointment.starts_at))
            ).one()
            office = conn.execute(
                select(func.count()).where(Appointment.office_id == OFFICE)
            ).scalar_one()
            events = conn.execute(select(func.count()).select_from(AppointmentEvent)).scalar_one()
        total = count_appointments(db)
    finally:
        db.dispose()
    size = path.stat().st_size / 2**20
    return (
        f"{path} ({size:.0f} MiB): {total} appointments ({office} in {OFFICE}), "
        f"{events} events, {str(first)[:10]} … {str(last)[:10]}"
    )


# ------------------------------------------------------------------ children
@dataclass
class Run:
    """One child process: wall time and the paint stamps it printed, in ms from launch."""

    wall: float
    stamps: dict[str, float] = field(default_factory=dict)


class ChildFailed(RuntimeError):
    """A child exited with an error or never painted."""


def run_child(kind: str, command: list[str], env: dict[str, str], needs: tuple[str, ...]) -> Run:
    """Start ``command``, wait for it; its wall time and its ``BENCH what epoch`` lines
    (``needs``: the stamps it must print)."""
    launched = time.time()
    started = time.perf_counter()
    done = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=TIMEOUT_S, check=False
    )
    wall = (time.perf_counter() - started) * 1000
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-5:]
        raise ChildFailed(f"{kind}: exited {done.returncode}: {' | '.join(tail)}")
    run = Run(wall)
    for line in done.stdout.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0] == "BENCH":
            run.stamps[parts[1]] = (float(parts[2]) - launched) * 1000
    missing = [what for what in needs if what not in run.stamps]
    if missing:
        raise ChildFailed(
            f"{kind}: no {', '.join(missing)} stamp (stamps {run.stamps}, wall {wall:.0f} ms)"
        )
    return run


def child_env(folder: Path) -> dict[str, str]:
    """The children's environment: offscreen, their own data and settings folders."""
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["BUERGERDESK_DATA_DIR"] = str(folder / "data")
    env["XDG_CONFIG_HOME"] = str(folder / "config")
    return env


def console_script() -> str:
    """The ``buergerdesk`` console script of this interpreter's environment."""
    beside = Path(sys.executable).parent / "buergerdesk"
    found = str(beside) if beside.exists() else shutil.which("buergerdesk")
    if found is None:
        raise ChildFailed("the buergerdesk console script is not installed")
    return found


def median(values: list[float]) -> float:
    """The median (the list is never empty)."""
    return statistics.median(values)


# ------------------------------------------------------------------ main
def main(argv: list[str] | None = None) -> int:
    """Prepare the database, start the children, print; 1 if a child failed, else 0."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed starts of each kind")
    args = parser.parse_args(argv)
    try:
        script = console_script()
    except ChildFailed as error:
        print(f"ERROR: {error}", file=sys.stderr)
        return 1
    path = prepare_database()
    print("database", describe_database(path))
    app_args = ["--url", f"sqlite:///{path}", "--now", NOW_TEXT, "--office", OFFICE, "--smoke"]
    runs: dict[str, list[Run]] = {}
    with tempfile.TemporaryDirectory(prefix="bd-bench-start-") as folder:
        env = child_env(Path(folder))
        platform = env["QT_QPA_PLATFORM"]
        demo_url = f"sqlite:///{Path(folder) / 'demo.sqlite'}"
        upgrade_database(demo_url)
        demo = open_database(demo_url)
        try:
            seed_demo_city(demo, NOW)
            demo_count = count_appointments(demo)
        finally:
            demo.dispose()
        demo_args = ["--url", demo_url, *app_args[2:]]
        kinds = {
            "floor": ([sys.executable, "-c", FLOOR_CHILD], ("window",)),
            "imports": ([sys.executable, "-c", "import ui.app, ui.gui"], ()),
            "smoke": ([script, *app_args], ()),
            "traced": ([sys.executable, "-c", TRACED_CHILD, *app_args], TRACED_STAMPS),
            "demo": ([sys.executable, "-c", TRACED_CHILD, *demo_args], TRACED_STAMPS),
        }
        runs = {kind: [] for kind in kinds}
        try:
            for n in range(args.runs + 1):
                for kind, (command, needs) in kinds.items():
                    run = run_child(kind, command, env, needs)
                    if n == 0:
                        stamps = " ".join(f"{k} {v:.0f} ms" for k, v in run.stamps.items())
                        print(f"warm-up {kind:<7} wall {run.wall:6.0f} ms  {stamps}")
                    else:
                        runs[kind].append(run)
        except (ChildFailed, subprocess.TimeoutExpired) as error:
            print(f"ERROR: {error}", file=sys.stderr)
            return 1

    floor_wall = median([r.wall for r in runs["floor"]])
    floor_paint = median([r.stamps["window"] for r in runs["floor"]])
    imports = median([r.wall for r in runs["imports"]])
    smoke_wall = median([r.wall for r in runs["smoke"]])
    traced_wall = median([r.wall for r in runs["traced"]])
    window_paint = median([r.stamps["window"] for r in runs["traced"]])
    day_paint = median([r.stamps["day"] for r in runs["traced"]])
    demo_paint = median([r.stamps["day"] for r in runs["demo"]])
    traced = runs["traced"] + runs["demo"]
    late = [r for r in traced if r.stamps["day"] > r.stamps["quit"]]

    def show(what: str, ms: float, floor: float, target: bool = False) -> None:
        checked = ""
        if target:
            met = verdict(ms / floor <= TARGET_RATIO)
            checked = f"  target ≤ {TARGET_RATIO:.0f}×: {met}"
        print(f"{what:<52} {ms:8.0f} ms  x{ms / floor:5.2f}{checked}")

    print(f"\nmedians of {args.runs} starts each (QT_QPA_PLATFORM={platform})")
    show("floor: empty QMainWindow, first paint", floor_paint, floor_paint)
    show("floor: empty QMainWindow, wall (exits at first paint)", floor_wall, floor_wall)
    show("buergerdesk --smoke, wall (day loaded + 100 ms + exit)", smoke_wall, floor_wall, True)
    show("traced: main window first paint (no data yet)", window_paint, floor_paint)
    show("traced: first paint of the loaded day", day_paint, floor_paint, True)
    show("traced: wall", traced_wall, floor_wall)
    show("imports only: python -c 'import ui.app, ui.gui', wall", imports, floor_wall)
    show(f"traced, demo city only ({demo_count}): first day paint", demo_paint, floor_paint)
    print(
        f"first day paint after --smoke's quit (day_loaded + 100 ms): {len(late)} of "
        f"{len(traced)} traced starts"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
