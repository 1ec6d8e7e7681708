"""One press of a reception ticket button, one ticket.

Each press gets a press id (a UUID) that travels with the request
(``issue_ticket(..., request_id=...)``): the same id again answers the ticket it
issued, never a new one. A click on the same button within the platform's
double-click interval is the same press (a double click), and so is the next click
on it soon after a press failed (a retry after a timeout: perhaps the ticket was
issued and only the answer was lost). While a press waits for its answer, no other
press starts. A ticket is printed once: a repeated answer is told as such.
"""

from __future__ import annotations

import time
import uuid
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QGuiApplication

#: Seconds after a failed press within which pressing the same button retries it.
RETRY_SECONDS = 60.0
#: How many answered tickets are remembered as printed.
REMEMBERED = 50


def double_click_seconds() -> float:
    """The platform's double-click interval (the user's setting), in seconds."""
    return QGuiApplication.styleHints().mouseDoubleClickInterval() / 1000


@dataclass
class Press:
    """The last press: its button, id, when it was pressed (or failed) and whether it
    failed."""

    button: object
    id: uuid.UUID
    at: float
    failed: bool = False


class TicketPresses:
    """The reception's presses: which id a press sends, whether one is on its way and
    whether an answer's ticket is new (to print) or one printed before."""

    def __init__(
        self,
        clock: Callable[[], float] = time.monotonic,
        double_click: Callable[[], float] = double_click_seconds,
    ) -> None:
        """``clock``: seconds on the session's clock (a test's fixed clock makes every
        click of a test one moment unless the test moves it on)."""
        self._clock, self._double_click = clock, double_click
        self._last: Press | None = None
        self._printed: deque[uuid.UUID] = deque(maxlen=REMEMBERED)
        self.pending = False

    def press(self, button: object) -> uuid.UUID | None:
        """The id to send for a press of ``button``; None while a press is on its way
        (this one issues nothing)."""
        if self.pending:
            return None
        now, last = self._clock(), self._last
        again = (
            last is not None
            and last.button == button
            and now - last.at <= (RETRY_SECONDS if last.failed else self._double_click())
        )
        press_id = last.id if again and last is not None else uuid.uuid4()
        self._last = Press(button, press_id, now)
        self.pending = True
        return press_id

    def answered(self, ticket_id: uuid.UUID) -> bool:
        """The press is answered with that ticket; True if it is new (print it)."""
        self.pending = False
        if ticket_id in self._printed:
            return False
        self._printed.append(ticket_id)
        return True

    def failed(self) -> None:
        """The press got no answer: pressing the same button soon retries it."""
        self.pending = False
        if self._last is not None:
            self._last.at, self._last.failed = self._clock(), True
