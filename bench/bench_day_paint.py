"""Benchmark P4: switching the counter calendar to a day of 500 appointments over 6 counters.

Run: ``.venv/bin/python bench/bench_day_paint.py [--runs 30]``. Targets: time to first
paint ≤ 50 ms, and ≤ 1.5× a plain list-backed model painting the same rows, measured in
the same run.

Setup (once, not timed): a temporary SQLite database with one office of 6 counters open
7:00–21:00 in 5-minute slots and two days (Tue 2024-03-19, "today", and Thu 2024-03-21)
of 500 appointments each (5- and 20-minute services, mixed states on today). Each day is
loaded once with ``desk.services.appointments.calendar.day_grid``; that database time is printed on
its own line, because in the app it runs on the worker thread, not the GUI thread.

Measured, in a QApplication built by ``ui.gui.make_application`` (the app's style sheet
and locale; ``QT_QPA_PLATFORM=offscreen`` unless set):

- ``calendar``: a ``CalendarView`` shown as a fixed 1366×768 window with a
  ``CalendarModel``. One switch = ``model.set_grid(other_day_grid, own_counter)`` (a model
  reset: spans, layout, paint), alternating the two days, so every switch is a real one;
- ``floor``: a minimal ``QAbstractTableModel`` over a list of lists with the same rows ×
  columns, headers and head-cell texts, in a plain ``QTableView`` of the same size, row
  height and stretched columns. One switch = a model reset to the other day's list.

Time to first paint = from just before the switch call to the end of the viewport's first
``QEvent.Paint`` after it. The end is stamped by a thin subclass of each view whose
``paintEvent`` (where ``QAbstractScrollArea`` delivers the viewport's paint events) calls
the real one and then reads the clock; an event filter on the viewport stamps the start
of that paint too. Between the stamps only ``QApplication.processEvents()`` runs, so the
delayed items layout and the update request are included. Before each switch the event
loop is drained until no paint has come for 20 ms. Both windows are shown at once and
the switches interleaved (calendar, floor, calendar, …; 4 untimed first), so load from
other processes falls on both alike. Printed: p50/p95 of the switch call, of the paint
start and of the first paint, for both views; the ratio calendar/floor at p50 and p95, and
whether the targets are met (the 50 ms target checked at p50 and at p95).

Correctness (exit 1 when violated): after checking in one appointment (via
``desk.services.appointments.lifecycle.perform``), ``set_grid`` with the reloaded grid of the
same day emits ``dataChanged`` only over that appointment's cells and no ``modelReset``. The
time of that in-place refresh up to the first paint (the changed block scrolled into sight,
alternating the grids before and after the change) is printed as well (no target).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
)
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QApplication, QHeaderView, QTableView

from desk.domain.status import AppointmentStatus
from desk.services.appointments.calendar import DayGrid, day_grid
from desk.services.appointments.lifecycle import Action, perform
from desk.services.database import DeskDatabase
from ui.gui import make_application
from ui.models.calendar_model import CalendarModel
from ui.views.calendar_view import ROW_HEIGHT, CalendarView

from support.busy_day import (
    APPOINTMENTS,
    COUNTERS,
    DAY_A,
    DAY_B,
    NOW,
    OFFICE,
    bench_database,
)
from support.floor_model import ListModel, floor_rows
from support.stats import nearest_rank, timed_ms, verdict

OWN_COUNTER = 2
WIDTH, HEIGHT = 1366, 768
TARGET_MS = 50.0
TARGET_RATIO = 1.5
WARMUP = 4
SETTLE_S = 0.020
TIMEOUT_S = 10.0

Index = QModelIndex | QPersistentModelIndex


# ------------------------------------------------------------------ paint clocks
class PaintStart(QObject):
    """Event filter on a viewport: stamps the start of each ``QEvent.Paint``."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.started: float | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.started is None:
            self.started = time.perf_counter()
        return False


class PaintEnd:
    """Mixed into a view: stamps the end of each viewport paint in ``painted``."""

    painted: float | None = None

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)  # type: ignore[misc]
        self.painted = time.perf_counter()


class TimedCalendarView(PaintEnd, CalendarView):
    """The calendar view, stamping the end of each viewport paint."""


class TimedTableView(PaintEnd, QTableView):
    """A plain table view, stamping the end of each viewport paint."""


@dataclass
class Switch:
    """One measured switch, in ms from just before the switch call."""

    call: float
    paint_start: float
    first_paint: float


def settle(app: QApplication, view: TimedCalendarView | TimedTableView) -> None:
    """Run the event loop until no paint has come for ``SETTLE_S``."""
    quiet_since = time.perf_counter()
    view.painted = None
    while time.perf_counter() - quiet_since < SETTLE_S:
        app.processEvents()
        if view.painted is not None:
            view.painted, quiet_since = None, time.perf_counter()


def measure_switch(
    app: QApplication,
    view: TimedCalendarView | TimedTableView,
    start: PaintStart,
    switch: Callable[[], None],
) -> Switch:
    """Time one switch up to the end of the viewport's first paint after it."""
    settle(app, view)
    view.painted, start.started = None, None
    began = time.perf_counter()
    switch()
    called = time.perf_counter()
    while view.painted is None:
        app.processEvents()
        if time.perf_counter() - began > TIMEOUT_S:
            raise TimeoutError("no paint after the switch")
    assert start.started is not None
    return Switch(
        (called - began) * 1000, (start.started - began) * 1000, (view.painted - began) * 1000
    )


def show(view: TimedCalendarView | TimedTableView, start: PaintStart, app: QApplication) -> None:
    """Show the view as a fixed-size window and wait for its first paint."""
    view.setFixedSize(WIDTH, HEIGHT)
    view.viewport().installEventFilter(start)
    view.show()
    began = time.perf_counter()
    while view.painted is None and time.perf_counter() - began < TIMEOUT_S:
        app.processEvents()


@dataclass
class Subject:
    """A view under measurement, its paint-start filter and the switches it cycles."""

    view: TimedCalendarView | TimedTableView
    start: PaintStart
    switches: list[Callable[[], None]]


def run_switches(app: QApplication, subjects: list[Subject], runs: int) -> list[list[Switch]]:
    """``WARMUP`` untimed then ``runs`` timed switches of each subject, interleaved (one
    switch of each in turn, so load on the machine falls on all alike)."""
    results: list[list[Switch]] = [[] for _ in subjects]
    for n in range(WARMUP + runs):
        for subject, measured in zip(subjects, results, strict=True):
            switch = subject.switches[n % len(subject.switches)]
            one = measure_switch(app, subject.view, subject.start, switch)
            if n >= WARMUP:
                measured.append(one)
    return results


def line(what: str, values: list[float]) -> tuple[float, float]:
    """Print p50/p95 of ``values``; returns them."""
    p50, p95 = nearest_rank(values, 0.5), nearest_rank(values, 0.95)
    print(f"{what:<44} p50 {p50:8.2f} ms   p95 {p95:8.2f} ms")
    return p50, p95


# ------------------------------------------------------------------ correctness
def check_one_change(
    app: QApplication, db: DeskDatabase, model: CalendarModel, grid: DayGrid
) -> tuple[list[str], DayGrid, QModelIndex]:
    """Check in one booked appointment of ``grid``'s day, reload, ``set_grid``: only
    dataChanged over that appointment's cells, no reset. Returns the errors, the new
    grid and the changed appointment's head cell."""
    model.set_grid(grid, OWN_COUNTER)
    booked = next(
        a
        for a in grid.appointments
        if a.status == AppointmentStatus.BOOKED and a.counter_number == OWN_COUNTER
    )
    perform(db, booked.id, Action.CHECK_IN, NOW)
    changed = day_grid(db, OFFICE, grid.day, NOW)
    resets: list[str] = []
    cells: set[tuple[int, int]] = set()

    def data_changed(top_left: QModelIndex, bottom_right: QModelIndex, *_roles: object) -> None:
        for r in range(top_left.row(), bottom_right.row() + 1):
            for c in range(top_left.column(), bottom_right.column() + 1):
                cells.add((r, c))

    def about_to_reset() -> None:
        resets.append("modelAboutToBeReset")

    def reset() -> None:
        resets.append("modelReset")

    model.modelAboutToBeReset.connect(about_to_reset)
    model.modelReset.connect(reset)
    model.dataChanged.connect(data_changed)
    try:
        model.set_grid(changed, OWN_COUNTER)
    finally:
        model.modelAboutToBeReset.disconnect(about_to_reset)
        model.modelReset.disconnect(reset)
        model.dataChanged.disconnect(data_changed)
    app.processEvents()
    head = model.index_of(booked.id)
    span = changed.rows_spanned(booked)
    expected = {(span[0] + i, head.column()) for i in range(span[1])} if span else set()
    errors = []
    if resets:
        errors.append(f"one changed appointment reset the model ({', '.join(resets)})")
    if not cells:
        errors.append("one changed appointment emitted no dataChanged")
    elif cells != expected:
        errors.append(
            f"dataChanged covered {len(cells)} cells, expected the {len(expected)} "
            f"cells of the changed appointment: extra {sorted(cells - expected)[:5]}, "
            f"missing {sorted(expected - cells)[:5]}"
        )
    status = model.appointment_at(head)
    if status is None or status.status != AppointmentStatus.CHECKED_IN:
        errors.append("the model does not show the new status")
    print(
        f"one status change (booked → checked_in): modelReset {len(resets)}, "
        f"dataChanged cells {len(cells)} (expected {len(expected)})"
    )
    return errors, changed, head


# ------------------------------------------------------------------ main
def main(argv: list[str] | None = None) -> int:
    """Build, measure, print; 1 on a correctness error, else 0 (targets met or not)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30, help="timed switches per view")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = make_application(sys.argv[:1])
    print(f"platform {QApplication.platformName()}, window {WIDTH}×{HEIGHT}, runs {args.runs}")
    with bench_database() as db:
        started = time.perf_counter()
        grids = [day_grid(db, OFFICE, day, NOW) for day in (DAY_A, DAY_B)]
        first_ms = (time.perf_counter() - started) * 1000 / 2
        db_ms = statistics.median(
            timed_ms(lambda: day_grid(db, OFFICE, DAY_A, NOW)) for _ in range(5)
        )
        for grid in grids:
            held = [a for a in grid.appointments if a.status != AppointmentStatus.CANCELLED]
            if len(held) != APPOINTMENTS or len(grid.counters) != COUNTERS:
                print(f"setup error: {grid.day} has {len(held)} appointments", file=sys.stderr)
                return 1
        rows = len(grids[0].times)
        print(
            f"{'day_grid (DB, worker thread in the app)':<44} first {first_ms:6.1f} ms   "
            f"median {db_ms:6.1f} ms   ({APPOINTMENTS} appointments, {rows} rows × {COUNTERS})"
        )

        calendar_model = CalendarModel()
        calendar = TimedCalendarView()
        calendar.setModel(calendar_model)
        calendar.set_now(NOW)
        calendar_start = PaintStart(calendar)
        show(calendar, calendar_start, app)
        texts = []
        scratch = CalendarModel()
        for grid in grids:
            scratch.set_grid(grid, OWN_COUNTER)
            texts.append(floor_rows(scratch))
        list_model = ListModel()
        floor = TimedTableView()
        floor.setModel(list_model)
        floor.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        floor.horizontalHeader().setMinimumSectionSize(120)
        floor.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        floor.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        floor_start = PaintStart(floor)
        show(floor, floor_start, app)
        calendar_runs, floor_runs = run_switches(
            app,
            [
                Subject(
                    calendar,
                    calendar_start,
                    [lambda g=g: calendar_model.set_grid(g, OWN_COUNTER) for g in grids],
                ),
                Subject(floor, floor_start, [lambda t=t: list_model.set_rows(*t) for t in texts]),
            ],
            args.runs,
        )
        floor.hide()

        errors, changed, head = check_one_change(app, db, calendar_model, grids[0])
        calendar.scrollTo(head)  # a change out of sight needs no paint
        (refresh_runs,) = run_switches(
            app,
            [
                Subject(
                    calendar,
                    calendar_start,
                    [
                        lambda g=g: calendar_model.set_grid(g, OWN_COUNTER)
                        for g in (grids[0], changed)
                    ],
                )
            ],
            args.runs,
        )
        calendar.hide()
        for widget in (calendar, floor):  # before the QApplication goes, or Qt crashes at exit
            shiboken6.delete(widget)

    print()
    line("floor   switch call (list model reset)", [r.call for r in floor_runs])
    line("floor   to paint start", [r.paint_start for r in floor_runs])
    f50, f95 = line("floor   first paint", [r.first_paint for r in floor_runs])
    line("calendar set_grid call (other day)", [r.call for r in calendar_runs])
    line("calendar to paint start", [r.paint_start for r in calendar_runs])
    c50, c95 = line("calendar first paint", [r.first_paint for r in calendar_runs])
    line("calendar refresh set_grid call (one change)", [r.call for r in refresh_runs])
    line("calendar refresh first paint (no target)", [r.first_paint for r in refresh_runs])
    print()
    print(
        f"target first paint ≤ {TARGET_MS:.0f} ms: p50 {c50:.2f} ms {verdict(c50 <= TARGET_MS)}, "
        f"p95 {c95:.2f} ms {verdict(c95 <= TARGET_MS)}"
    )
    print(
        f"target ≤ {TARGET_RATIO}× floor: p50 x{c50 / f50:.2f} {verdict(c50 / f50 <= TARGET_RATIO)}"
        f", p95 x{c95 / f95:.2f} {verdict(c95 / f95 <= TARGET_RATIO)}"
    )
    for error in errors:
        print(f"ERROR: {error}", file=sys.stderr)
    QCoreApplication.processEvents()
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
