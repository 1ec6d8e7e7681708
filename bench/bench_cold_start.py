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
rates and clashes with the rows already there. Every appointment carries its stamped
history, written by the demo seeding's own row builders (bench/support/history_db.py). A
reused database is migrated again (a no-op at head).

Measured ``--runs`` times each, interleaved, after one untimed warm-up round (so the OS
file cache is warm for all: a "cold" start here is a new process, not a cold disk):

- ``floor``: ``python -c`` creating a QApplication and showing an empty 1366×768
  QMainWindow, quitting right after its first paint;
- ``smoke``: the ``buergerdesk`` console script with ``--url sqlite:///… --now NOW
  --office bb-mitte --smoke``: its wall time;
- ``traced``: the same ``ui.app.main`` and arguments in ``python -c``, imported first as
  the console script does (PySide6 and a QApplication subclass follow, as in the floor;
  the app imports its window inside ``main``, where a finder patches
  ``MainWindow.start``). Event filters are put on the main window and on the calendar's
  viewport when ``MainWindow.start`` runs (shown, not yet painted); they stamp (a) the
  first paint of the main window (before any data) and (b) the first paint of the
  calendar once it has the day's rows. The smoke's quit (day_loaded + 100 ms) is
  stamped too, and held back until (b) if it comes first, so (b) is always seen; how
  often that happened is printed;
- ``demo``: as ``traced`` on a fresh demo city only (≈9,500 appointments), to tell the
  cost of the big database from the rest;
- ``imports``: ``python -c "import ui.app, ui.gui"``, the app's imports alone (no target).

The app's bytecode is compiled first, as an installed app has it (pip and PyInstaller
compile; ``PYTHONDONTWRITEBYTECODE`` in the environment would otherwise make every child
compile desk/ and ui/ again). All children run with ``QT_QPA_PLATFORM=offscreen`` (unless
set), ``BUERGERDESK_DATA_DIR`` and ``XDG_CONFIG_HOME`` in a temporary folder (log file and
QSettings, never the user's).
A paint is stamped by a zero-delay timer started from the filter's ``QEvent.Paint``, so
the stamp falls after that whole paint pass; a child prints ``time.time()`` then, and the
parent subtracts its own ``time.time()`` taken just before starting the child.

What ``--smoke`` measures: the main window is shown, the database opened, the offices
listed and the day loaded on the worker thread; ``day_loaded`` is emitted once the models
hold the day (before it is painted) and the app quits 100 ms later, then waits for the
worker and tears down the interpreter. So the smoke wall time is process start → day in
the models + a fixed 100 ms + shutdown, not "first painted window" (the paint usually
falls inside the 100 ms, not always); the traced run gives that point.

Printed for each: the median and the best (minimum) start with their ratios to the
floor's (best to best: this machine's starts vary by ±30 % from run to run), and for P5
also the median and quartiles of the per-round ratios (a round starts each kind once,
back to back, so a round's app and floor share the machine's speed of the moment). P5 is the
median first paint of the main window against the floor's ("cold start to the first
painted main window"); the window shows while the database opens, so the year of history
must not delay it. The first paint of the loaded day and the wall times are printed as
context: the database layer's imports alone (SQLAlchemy and the models) take longer than
the whole floor. Exits 1 only if a child fails or never paints.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from desk.demo.seed import seed_demo_city
from desk.domain.localtime import parse_now
from desk.services.database import open_database, upgrade_database

from support.history_db import count_appointments, describe_database, prepare_database
from support.stats import verdict

NOW_TEXT = "2024-03-21T10:30"  # a Thursday: Bürgerbüro Mitte is open 9–18
NOW = parse_now(NOW_TEXT)
OFFICE = "bb-mitte"
TARGET_APPOINTMENTS = 100_000
TARGET_RATIO = 2.0
TIMEOUT_S = 120.0
TRACED_STAMPS = ("window", "day", "quit")

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
from ui.app import main  # first, as in the console script (it imports no Qt)
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

class Stamp(QObject):
    seen = ()  # paints noticed
    stamped = ()  # ... and stamped after their paint pass
    quit_pending = False

    def watch(self, window):
        self.window = window
        self.view = window.calendar
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

class WatchStart:
    # a finder that lets the app import its main window inside main() (as it does),
    # then makes MainWindow.start watch the window: shown, not yet painted
    def find_spec(self, name, path=None, target=None):
        if name != "ui.views.main_window":
            return None
        sys.meta_path.remove(self)
        import importlib.util

        spec = importlib.util.find_spec(name)
        load = spec.loader.exec_module

        def exec_module(module):
            load(module)
            start = module.MainWindow.start

            def watched_start(window):
                stamp.watch(window)
                start(window)

            module.MainWindow.start = watched_start

        spec.loader.exec_module = exec_module
        return spec

app = TracedApp(["buergerdesk"])
stamp = Stamp()
sys.meta_path.insert(0, WatchStart())
sys.exit(main(sys.argv[1:]))
"""


# ------------------------------------------------------------------ database
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
    path = prepare_database(NOW, TARGET_APPOINTMENTS)
    print("database", describe_database(path, OFFICE))
    root = Path(__file__).resolve().parent.parent
    for package in ("desk", "ui"):  # bytecode as installed (pip, PyInstaller) has it
        compileall.compile_dir(root / package, quiet=1)
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

    def wall(kind: str) -> list[float]:
        return [r.wall for r in runs[kind]]

    def stamp(kind: str, what: str) -> list[float]:
        return [r.stamps[what] for r in runs[kind]]

    floor_paint, floor_wall = stamp("floor", "window"), wall("floor")
    traced = runs["traced"] + runs["demo"]
    late = [r for r in traced if r.stamps["day"] > r.stamps["quit"]]

    def show(what: str, ms: list[float], floor: list[float], target: bool = False) -> None:
        """Median and best (minimum) of ``ms`` and their ratios to the floor's."""
        mid, best = median(ms), min(ms)
        checked = ""
        if target:
            met = verdict(mid / median(floor) <= TARGET_RATIO)
            checked = f"  P5 target ≤ {TARGET_RATIO:.0f}× (median): {met}"
        print(
            f"{what:<54} {mid:6.0f} ms x{mid / median(floor):5.2f}   "
            f"best {best:5.0f} ms x{best / min(floor):5.2f}{checked}"
        )

    print(f"\nmedian and best of {args.runs} starts each (QT_QPA_PLATFORM={platform})")
    show("floor: empty QMainWindow, first paint", floor_paint, floor_paint)
    show("floor: empty QMainWindow, wall (exits at first paint)", floor_wall, floor_wall)
    show(
        "P5: buergerdesk, first paint of the main window",
        stamp("traced", "window"),
        floor_paint,
        True,
    )
    show("  context: first paint of the loaded day", stamp("traced", "day"), floor_paint)
    show("  context: --smoke wall (day loaded + 100 ms + exit)", wall("smoke"), floor_wall)
    show("  context: traced wall", wall("traced"), floor_wall)
    show("  context: python -c 'import ui.app, ui.gui', wall", wall("imports"), floor_wall)
    show(
        f"  context: demo city only ({demo_count}), first day paint",
        stamp("demo", "day"),
        floor_paint,
    )
    print(
        f"first day paint after --smoke's quit (day_loaded + 100 ms): {len(late)} of "
        f"{len(traced)} traced starts"
    )
    paired = [
        app.stamps["window"] / floor.stamps["window"]
        for app, floor in zip(runs["traced"], runs["floor"], strict=True)
    ]
    print(
        "P5 per round (the app's first paint / the floor's of the same round, each round "
        f"back to back): median x{median(paired):.2f}, "
        f"quartiles x{statistics.quantiles(paired, n=4)[0]:.2f}–"
        f"x{statistics.quantiles(paired, n=4)[2]:.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
