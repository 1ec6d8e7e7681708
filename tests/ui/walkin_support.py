"""Shared pieces of the walk-in GUI tests (reception, queue panel): a settable clock,
private copies of the demo database, and windows started at a fixed time that are
closed only after every background read has delivered."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from contextlib import closing
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QSettings

from desk.domain.clock import FixedClock
from desk.services.database import open_database
from ui.ops import Ops
from ui.views.main_window import MainWindow

MITTE = "bb-mitte"
MITTE_NAME = "Bürgerbüro Mitte"
#: A Thursday without any ticket in the demo city yet.
FRESH_DAY = date(2024, 3, 21)


class Clock:
    """A clock the test sets (the views read the time through it)."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def copy_of(sqlite_url: str, target: Path) -> str:
    """A private copy of a SQLite database (the backup API also takes the -wal part)."""
    source = sqlite_url.removeprefix("sqlite:///")
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)
    return f"sqlite:///{target}"


def settle(qtbot, ops: Ops) -> None:
    """Wait until every background operation delivered its result."""
    qtbot.waitUntil(lambda: ops.pending == 0, timeout=10_000)


def started_window(
    ops: Ops,
    qtbot,
    settings: QSettings,
    url: str,
    now: datetime,
    counter: int,
    loaded: Callable[[MainWindow], Sequence[object]],
) -> MainWindow:
    """A shown MainWindow of Mitte at a fixed ``now``, started; waits for ``loaded``."""
    window = MainWindow(
        ops, settings, lambda: open_database(url), FixedClock(now),
        show_dialogs=False, office_id=MITTE, counter_number=counter,
    )  # fmt: skip
    window.resize(1366, 768)
    window.show()
    with qtbot.waitSignals(list(loaded(window)), timeout=20_000):
        window.start()
    return window


def close_windows(qtbot, ops: Ops, windows: Sequence[MainWindow]) -> None:
    """Stop the timers, let every pending read deliver, then close and delete, so that
    no result arrives at a deleted widget."""
    for window in windows:
        for timer in (window.refresh_timer, window.reception.timer, window.queue.timer):
            timer.stop()
    settle(qtbot, ops)
    for window in windows:
        window.close()  # disposes its database in the background
    settle(qtbot, ops)
    for window in windows:
        window.deleteLater()
