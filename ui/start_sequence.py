"""The main window's start, as named states: the database opens after the window's
first paint (its imports would otherwise share the interpreter with that paint), then
the offices and the sign-in, then the first day; once the day is in, the reception and
the queue read for the first time.

    NEW ──start()──▶ WAITING_FOR_PAINT ──painted() / fallback──▶ OPENING
    NEW ──start() (not shown, or painted already)──────────────▶ OPENING
    OPENING ──offices read──▶ FIRST_DAY ──first_day_done()──▶ OPEN
    OPENING ──the database failed──▶ FAILED
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from enum import Enum
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from ui.failures import failure_text
from ui.ops import Ops

if TYPE_CHECKING:
    from desk.services.database import DeskDatabase
    from desk.services.offices import OfficeInfo

log = logging.getLogger(__name__)
OPEN_FALLBACK_MS = 250  # a shown window that never paints (minimised) opens it anyway


class StartState(Enum):
    """Where the start stands."""

    NEW = "new"  # built, not started
    WAITING_FOR_PAINT = "waiting for paint"  # started while shown: opens after the paint
    OPENING = "opening"  # the database and its offices are read on the worker
    FIRST_DAY = "first day"  # the offices are shown; the first day is being read
    OPEN = "open"  # the day is in; the reception and the queue read too
    FAILED = "failed"  # the database could not be opened


class StartSequence(QObject):
    """Opens the database in the background and tells each step of the start.

    Signals:
        database_ready(DeskDatabase): the database is open (its offices not yet read).
        offices_read(list, bool): the offices, and whether users exist (then someone
            signs in before the day is read).
        side_reads(): the first day is in: the reception and the queue read now.
        failed(str): the database could not be opened; the message says why.
    """

    database_ready = Signal(object)
    offices_read = Signal(list, bool)
    side_reads = Signal()
    failed = Signal(str)

    def __init__(
        self, ops: Ops, open_db: Callable[[], DeskDatabase], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._ops, self._open_db = ops, open_db
        self.state = StartState.NEW
        self.painted = False  # the window has painted once (it may before or after start)

    def start(self, *, shown: bool) -> None:
        """Open the database: at once, or after the first paint of a ``shown`` window
        (at the latest after ``OPEN_FALLBACK_MS``)."""
        if self.state is not StartState.NEW:
            return
        if shown and not self.painted:
            self.state = StartState.WAITING_FOR_PAINT
            QTimer.singleShot(OPEN_FALLBACK_MS, self._open)
        else:
            self._open()

    def paint(self) -> bool:
        """The window painted; True for its first paint. A start waiting for it opens
        the database right after this paint pass."""
        first, self.painted = not self.painted, True
        if self.state is StartState.WAITING_FOR_PAINT:
            QTimer.singleShot(0, self._open)
        return first

    def first_day_done(self) -> None:
        """The first day is shown (or failed to load): the side reads go next, after
        this paint pass."""
        if self.state is StartState.FIRST_DAY:
            self.state = StartState.OPEN
            QTimer.singleShot(0, self.side_reads.emit)

    def _open(self) -> None:
        if self.state not in (StartState.NEW, StartState.WAITING_FOR_PAINT):
            return
        self.state = StartState.OPENING
        self._ops.run(self._open_db, self._database_ready, self._failed)

    def _database_ready(self, db: DeskDatabase) -> None:
        self.database_ready.emit(db)
        self._ops.run(lambda: _offices_and_sign_in(db), self._offices_loaded, self._failed)

    def _offices_loaded(self, result: tuple[list[OfficeInfo], bool]) -> None:
        self.state = StartState.FIRST_DAY
        self.offices_read.emit(*result)

    def _failed(self, error: BaseException) -> None:
        self.state = StartState.FAILED
        message = failure_text(
            error,
            log,
            "opening the database failed",
            QCoreApplication.translate(
                "MainWindow", "Unerwarteter Fehler beim Öffnen der Datenbank ({0})."
            ),
        )
        self.failed.emit(message)


def _offices_and_sign_in(db: DeskDatabase) -> tuple[list[OfficeInfo], bool]:
    from ui.views.window_queries import offices_and_sign_in

    return offices_and_sign_in(db)
