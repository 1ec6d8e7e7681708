"""The waiting-room call display: the newest call large, the previous ones smaller, how
many wait and (during the walk-in hour) the estimated wait of a ticket drawn now, the
time; a new call blinks three times, chimes and is announced (spoken, and told to
assistive technology: "Aufruf: W-016 an Schalter 2", also the newest call's accessible
name).

It shows no personal data: everything it shows comes from ``display_board``, which
selects only call codes, counter labels, times, a count and the estimate's inputs (none
of them a name, contact or note). The estimate is the queue's one estimate, the range
reception and the queue panel show at the same moment. Updates come by push
(``wake()``, e.g. from PostgreSQL's NOTIFY) and by polling; when no read has
succeeded for ``stale_after`` seconds a warning says the display is not current, and
it clears by itself once reads succeed again.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLocale, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ui.announce import announce
from ui.changes import Change, What
from ui.display.fitting_label import FittingLabel
from ui.display.history import Shown, newest_and_previous
from ui.ops import Ops
from ui.theme import restyle

if TYPE_CHECKING:
    from desk.domain.wait_estimate import WaitRange
    from desk.services.database import DeskDatabase
    from desk.services.walkin.display import DisplayBoard, DisplayCall
    from desk.sync.remote_display import ServiceBoard

log = logging.getLogger(__name__)
GONG = Path(__file__).resolve().parent.parent.parent / "resources" / "sounds" / "gong.wav"
PREVIOUS = 6
BLINKS = 3
#: The board's colours (see ui.contrast): white on dark blue, the newest call on a lighter
#: blue, black on yellow while it flashes, white on red when the data is stale.
BOARD, BOARD_TEXT = "#0b1f3a", "#ffffff"
CURRENT = "#123a6b"
FLASH, FLASH_TEXT = "#ffd400", "#000000"
STALE = "#b00020"
CAPTION_TEXT, PREVIOUS_TEXT = "#b9c7dc", "#e6edf7"


class DisplayWindow(QWidget):
    """The board of one office.

    Signals:
        updated(): a read of the board was shown.
        announced(str): a new call was announced (its spoken text).
        stale_changed(bool): the "not current" warning appeared (True) or went (False).
        failed(str): the database could not be opened (the message says why).
        wake_requested(): thread-safe request for an immediate read.
    """

    updated = Signal()
    announced = Signal(str)
    stale_changed = Signal(bool)
    failed = Signal(str)
    wake_requested = Signal()

    def __init__(
        self,
        ops: Ops,
        open_db: Callable[[], DeskDatabase | ServiceBoard],
        office_id: str,
        clock: Callable[[], datetime],
        *,
        poll_ms: int = 2000,
        stale_after: float = 30.0,
        sound: bool = True,
        speech: bool = True,
    ) -> None:
        super().__init__()
        self.setObjectName("callDisplay")
        self.setWindowTitle(self.tr("Aufrufanzeige"))
        self._ops, self._open_db, self._office_id, self._clock = ops, open_db, office_id, clock
        self._db: DeskDatabase | ServiceBoard | None = None
        self._last_ok = time.monotonic()
        self._stale = False
        self._stale_after = stale_after
        self._shown_newest: tuple[str, str, datetime] | None = None
        self._loading = False
        self._again = False  # a refresh was asked for during a read: read once more after it
        self._blinks_left = 0
        self._previous_px = 12  # the wanted size of the previous calls (from the height)
        self._sound_on, self._speech_on = sound, speech
        self._sound: Any = None
        self._speech: Any = None
        self._build()
        self._poll = QTimer(self)
        self._poll.setInterval(poll_ms)
        self._poll.timeout.connect(self.refresh)
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._second)
        self._blink = QTimer(self)
        self._blink.setInterval(400)
        self._blink.timeout.connect(self._blink_step)
        self.wake_requested.connect(self.refresh, Qt.ConnectionType.QueuedConnection)
        ops.changes.changed.connect(self._changed)  # a call at this PC shows at once

    # ----------------------------------------------------------------- layout
    def _build(self) -> None:
        self.office_label = FittingLabel()
        self.office_label.setObjectName("displayOffice")
        self.clock_label = QLabel()
        self.clock_label.setObjectName("displayClock")
        self.clock_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        header = QHBoxLayout()
        header.addWidget(self.office_label, 1)
        header.addWidget(self.clock_label)
        self.stale_label = FittingLabel(
            self.tr("Anzeige nicht aktuell – bitte am Empfang nachfragen")
        )
        self.stale_label.setObjectName("displayStale")
        self.stale_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stale_label.hide()
        self.current = QFrame()
        self.current.setObjectName("displayCurrent")
        self.current_code = FittingLabel("–")
        self.current_code.setObjectName("displayCode")
        self.current_code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.current_counter = FittingLabel()
        self.current_counter.setObjectName("displayCounter")
        self.current_counter.setAlignment(Qt.AlignmentFlag.AlignCenter)
        current = QVBoxLayout(self.current)
        current.addWidget(self.current_code)
        current.addWidget(self.current_counter)
        self.previous: list[FittingLabel] = []
        previous = QVBoxLayout()
        caption = FittingLabel(self.tr("Zuvor aufgerufen"))
        caption.setObjectName("displayCaption")
        self.caption = caption
        previous.addWidget(caption)
        for _ in range(PREVIOUS):
            label = FittingLabel(elide=Qt.TextElideMode.ElideMiddle)  # code and time stay
            label.setObjectName("displayPrevious")
            previous.addWidget(label)
            self.previous.append(label)
        previous.addStretch(1)
        self.waiting_label = FittingLabel()
        self.waiting_label.setObjectName("displayWaiting")
        self.wait_label = FittingLabel()  # a new ticket's wait, in the walk-in hour only
        self.wait_label.setObjectName("displayWait")
        self.wait_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        footer = QHBoxLayout()
        footer.addWidget(self.waiting_label, 1)
        footer.addWidget(self.wait_label, 3)  # the longer text gets the room
        body = QHBoxLayout()
        body.addWidget(self.current, 1)  # the list as wide: a recall's line fits
        body.addLayout(previous, 1)
        column = QVBoxLayout(self)
        column.addLayout(header)
        column.addWidget(self.stale_label)
        column.addLayout(body, 1)
        column.addLayout(footer)
        self.setStyleSheet(
            f"#callDisplay {{ background: {BOARD}; }}"
            f"#callDisplay QLabel {{ color: {BOARD_TEXT}; }}"
            f"#displayCurrent {{ background: {CURRENT}; border-radius: 16px; }}"
            f'#displayCurrent[flash="true"] {{ background: {FLASH}; }}'
            f'#displayCurrent[flash="true"] QLabel {{ color: {FLASH_TEXT}; }}'
            f"#displayStale {{ background: {STALE}; padding: 8px; font-weight: 700; }}"
            f"#displayCaption {{ color: {CAPTION_TEXT}; }}"
            f"#displayPrevious {{ color: {PREVIOUS_TEXT}; }}"
        )
        self._second()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Fonts follow the window's height: readable from 8 m at 720p as at 4K. A text
        too wide for its place shrinks (the newest call down to half) or is shortened:
        the window never grows wider than its screen, the clock stays in view."""
        height = max(event.size().height(), 300)
        for label, share, bold, shrink in (
            (self.current_code, 0.20, True, 0.5),
            (self.current_counter, 0.10, True, 0.5),
            (self.office_label, 0.045, True, 0.7),
            (self.waiting_label, 0.045, False, 1.0),
            (self.wait_label, 0.045, False, 0.6),
            (self.stale_label, 0.04, True, 0.7),
            (self.caption, 0.035, False, 1.0),
        ):
            px = max(12, int(height * share))
            label.set_font_px(px, bold=bold, min_px=max(12, int(px * shrink)))
        self._previous_px = max(12, int(height * 0.055))
        self._even_previous()
        # a style sheet, as the app's own sets font sizes for every widget
        clock_px = max(12, int(height * 0.055))
        self.clock_label.setStyleSheet(f"font-size: {clock_px}px; font-weight: 700;")
        super().resizeEvent(event)

    # --------------------------------------------------------------- reading
    def start(self) -> None:
        """Open the database in the background, then read and keep reading."""
        self._ops.run(self._open_db, self._opened, self._open_failed)
        self._tick.start()

    def _open_failed(self, error: BaseException) -> None:
        from ui.failures import failure_text

        # an unexpected error is logged with its traceback, a refusal with its words
        message = failure_text(error, log, "display: database not opened")
        log.error("display: database not opened: %s", message)
        self.current_counter.setWordWrap(True)  # the whole message, on several lines
        self.current_counter.setText(message)
        self.failed.emit(message)

    def wake(self) -> None:
        """Read now (callable from any thread, e.g. a NOTIFY listener)."""
        self.wake_requested.emit()

    def _opened(self, db: DeskDatabase | ServiceBoard) -> None:
        self._db = db
        self._poll.start()
        self.refresh()

    def _changed(self, change: Change) -> None:
        """Tickets or appointments of this office changed at this PC: read now."""
        if change.concerns(What.TICKETS | What.APPOINTMENTS, self._office_id):
            self.refresh()

    def refresh(self) -> None:
        """Read the board in the background (one read at a time)."""
        db = self._db
        if db is None:
            return
        if self._loading:  # the read under way may predate what woke us: read again after it
            self._again = True
            return
        self._loading, self._again = True, False
        office, now = self._office_id, self._clock()
        self._ops.run(lambda: _board(db, office, now), self._shown, self._read_failed)

    def _shown(self, board: DisplayBoard) -> None:
        self._loading = False
        if self._db is None:
            return  # stopped meanwhile
        self._last_ok = time.monotonic()
        self._set_stale(False)
        self.office_label.setText(board.office_name)
        newest, previous = newest_and_previous(board.calls)
        if newest is not None:
            call = newest.call
            self.current_code.setText(call.code)
            self.current_counter.setText(f"→ {call.counter}{self._again_mark(newest)}")
            told = self.tr("Aufruf: {0} an {1}").format(call.code, call.counter)
            self.current_code.setAccessibleName(told + self._again_mark(newest))
            key = (call.code, call.counter, call.called_at)
            if self._shown_newest is not None and key != self._shown_newest:
                self._announce(call)
            self._shown_newest = key
        else:
            self.current_code.setText("–")
            self.current_counter.setText(self.tr("Noch kein Aufruf"))
            self.current_code.setAccessibleName(self.tr("Noch kein Aufruf"))
            self._shown_newest = ("", "", self._clock())
        for label, shown in zip(self.previous, [*previous, *([None] * PREVIOUS)], strict=False):
            label.setText(self._history_line(shown) if shown else "")
        self._even_previous()
        self.waiting_label.setText(self.tr("Wartende: {0}").format(board.waiting))
        self.wait_label.setText(self._wait_text(board.next_ticket))
        self.updated.emit()
        if self._again:
            self.refresh()

    def _even_previous(self) -> None:
        """The previous calls in one size: the largest in which each fits, down to 70 %
        of the wanted size (a longer line is shortened in the middle)."""
        wanted = self._previous_px
        for label in self.previous:
            label.set_font_px(wanted, min_px=max(12, int(wanted * 0.7)))
        common = min((label.font_px() for label in self.previous if label.full_text()), default=0)
        for label in self.previous:
            label.set_font_px(common or wanted)

    def _wait_text(self, wait: WaitRange | None) -> str:
        """A new ticket's wait: "Wartezeit für eine neue Nummer: ca. 10–15 min" (nothing
        when no ticket can be drawn now)."""
        if wait is None:
            return ""
        if wait.low == wait.high:
            return self.tr("Wartezeit für eine neue Nummer: ca. {0} min").format(wait.low)
        return self.tr("Wartezeit für eine neue Nummer: ca. {0}–{1} min").format(
            wait.low, wait.high
        )

    def _again_mark(self, shown: Shown) -> str:
        """The mark after a recalled call ("(erneut)"), else nothing."""
        return "  " + self.tr("(erneut)") if shown.recalled else ""

    def _history_line(self, shown: Shown) -> str:
        """A previous call's line: W-017  →  Schalter 3   10:31, a recall marked after it."""
        call = shown.call
        return f"{call.code}  →  {call.counter}   {call.called_at:%H:%M}{self._again_mark(shown)}"

    def _read_failed(self, error: BaseException) -> None:
        self._loading = False
        log.warning("display read failed: %s", error)
        self._second()
        if self._again:
            self.refresh()

    # ----------------------------------------------------------- new calls
    def _announce(self, call: DisplayCall) -> None:
        from desk.services.walkin.display import spoken

        text = spoken(call)
        self._blinks_left = BLINKS * 2
        self._blink.start()
        self._blink_step()
        if self._sound_on:
            self._play_gong()
        if self._speech_on:
            self._say(text)
        # to assistive technology too, assertive: telling the call is the display's job
        announce(self.current_code, self.current_code.accessibleName(), assertive=True)
        self.announced.emit(text)

    def _blink_step(self) -> None:
        flash = self._blinks_left % 2 == 0 and self._blinks_left > 0
        self.current.setProperty("flash", flash)
        for widget in (self.current, self.current_code, self.current_counter):
            restyle(widget)
        if self._blinks_left <= 0:
            self._blink.stop()
        self._blinks_left -= 1

    @property
    def flashing(self) -> bool:
        """Whether the newest call is highlighted right now."""
        return bool(self.current.property("flash"))

    def _play_gong(self) -> None:
        try:
            if self._sound is None:
                from PySide6.QtMultimedia import QMediaDevices, QSoundEffect

                if not QMediaDevices.audioOutputs():
                    log.info("no audio output: the display stays silent")
                    self._sound_on = False
                    return
                self._sound = QSoundEffect(self)
                self._sound.setSource(QUrl.fromLocalFile(str(GONG)))
                self._sound.setVolume(0.8)
            self._sound.play()
        except ImportError as err:  # no audio libraries: the display stays silent
            log.info("no sound: %s", err)
            self._sound_on = False

    def _say(self, text: str) -> None:
        try:
            if self._speech is None:
                from PySide6.QtTextToSpeech import QTextToSpeech

                if not QTextToSpeech.availableEngines():
                    log.info("no text-to-speech engine: announcements are not spoken")
                    self._speech_on = False
                    return
                self._speech = QTextToSpeech(self)
                self._speech.setLocale(QLocale(QLocale.Language.German, QLocale.Country.Germany))
            self._speech.say(text)
        except ImportError as err:
            log.info("no text-to-speech: %s", err)
            self._speech_on = False

    # ------------------------------------------------------------ clock, stale
    def _second(self) -> None:
        now = self._clock()
        self.clock_label.setText(f"{now:%H:%M}")
        self._set_stale(time.monotonic() - self._last_ok > self._stale_after)

    def _set_stale(self, stale: bool) -> None:
        if stale != self._stale:
            self._stale = stale
            self.stale_label.setVisible(stale)
            if stale:
                announce(self.stale_label, self.stale_label.full_text(), assertive=True)
            self.stale_changed.emit(stale)

    @property
    def stale(self) -> bool:
        """Whether the "not current" warning shows."""
        return self._stale

    def stop(self) -> None:
        """Stop reading (before closing)."""
        self._db = None
        for timer in (self._poll, self._tick, self._blink):
            timer.stop()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing the window stops its reads (a display window of a counter PC)."""
        self.stop()
        super().closeEvent(event)


def _board(db: DeskDatabase | ServiceBoard, office_id: str, now: datetime) -> DisplayBoard:
    """The board from the local database (standalone) or the central service."""
    from desk.services.database import DeskDatabase

    if not isinstance(db, DeskDatabase):
        return db.board(now)  # the service knows the display's office
    from desk.services.walkin.display import display_board

    return display_board(db, office_id, now)
