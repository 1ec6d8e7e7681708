"""Reception: one big button per reason to issue a walk-in ticket, the day's contingent
left, how many wait and the estimated wait; appointment holders check in here too.

Outside the walk-in hour, on holidays or with the quota used up the buttons are
disabled and the reason is shown in words. An issued ticket is printed at once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desk.domain.status import TicketReason
from ui.announce import announce
from ui.changes import Change, What
from ui.failures import failure_text
from ui.labels import reason_label as reason_text
from ui.ops import Ops
from ui.refusals import status_reason_text
from ui.text_size import keep_sheet
from ui.text_size import percent as text_percent
from ui.theme import RECEPTION_STYLE
from ui.ticket_press import TicketPresses
from ui.views.button_grid import place_in_columns

if TYPE_CHECKING:
    import uuid

    from PySide6.QtPrintSupport import QPrinter

    from desk.domain.wait_estimate import WaitRange
    from desk.services.database import DeskDatabase
    from desk.services.walkin.queue import WalkInStatus
    from desk.services.walkin.tickets import TicketInfo

log = logging.getLogger(__name__)
#: A slow fallback for the passing of time (the walk-in hour opening, the arrivals of
#: the next two hours): changes are told by the operations and the sync (ui.changes).
REFRESH_MS = 30_000


class ReceptionView(QWidget):
    """Ticket buttons, contingent and check-in by booking code.

    Signals:
        status_loaded(): the contingent line and the buttons are current.
        issued(object): a ticket was issued (TicketInfo) and printed.
        refused(str): issuing or checking in was refused; the message says why.
        checked_in(str): an appointment was checked in (its booking code).
    """

    status_loaded = Signal()
    issued = Signal(object)
    refused = Signal(str)
    checked_in = Signal(str)

    def __init__(
        self,
        ops: Ops,
        clock: Callable[[], datetime],
        printer_factory: Callable[[], QPrinter | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ops, self._clock, self._printer_factory = ops, clock, printer_factory
        self._db: DeskDatabase | None = None
        self._office: tuple[str, str] | None = None  # id, name
        self._status: WalkInStatus | None = None
        self.user_id: uuid.UUID | None = None  # the signed-in clerk, stamped on check-ins
        self._presses = TicketPresses(lambda: self._clock().timestamp())  # one press, one ticket
        self.setObjectName("receptionView")
        keep_sheet(self, RECEPTION_STYLE)  # its sizes follow the text size
        heading = QLabel(self.tr("Wartenummer ziehen – Sprechstunde ohne Termin"))
        heading.setObjectName("receptionHeading")
        heading.setWordWrap(True)  # large text: two lines rather than cut off
        self.status_label = QLabel()
        self.status_label.setObjectName("receptionStatus")
        self.status_label.setWordWrap(True)
        self.reason_label = QLabel()
        self.reason_label.setObjectName("receptionClosed")
        self.reason_label.setWordWrap(True)
        grid = self._ticket_buttons()
        check_in = self._check_in_row()
        self.arrivals = QListWidget()
        self.arrivals.setAccessibleName(self.tr("Termine der nächsten zwei Stunden"))
        self.arrivals.setMaximumHeight(150)
        self.arrivals.itemActivated.connect(self._arrival_chosen)
        self._arrival_codes: list[str] = []
        self.last_ticket = QLabel()
        self.last_ticket.setObjectName("receptionLastTicket")
        column = QVBoxLayout(self)
        column.addWidget(heading)
        column.addWidget(self.status_label)
        column.addWidget(self.reason_label)
        column.addLayout(grid, 1)
        column.addWidget(self.last_ticket)
        column.addLayout(check_in)
        arrivals_caption = QLabel(
            self.tr("Termine der nächsten zwei Stunden (Eingabetaste oder Doppelklick meldet an):")
        )
        arrivals_caption.setWordWrap(True)
        column.addWidget(arrivals_caption)
        column.addWidget(self.arrivals)
        column.addWidget(self.check_in_message)
        self.check_in_button.clicked.connect(self.check_in)
        self.code_edit.returnPressed.connect(self.check_in)
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        ops.changes.changed.connect(self._changed)
        self._arrange_buttons()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # another text size
            self._arrange_buttons()

    def _arrange_buttons(self) -> None:
        """The ticket buttons two a row; one a row at large text."""
        columns = 2 if text_percent() <= 125 else 1
        place_in_columns(self._grid, self.buttons.values(), columns)

    def _ticket_buttons(self) -> QGridLayout:
        """One big button per reason, two a row (off until the status is read)."""
        grid = self._grid = QGridLayout()
        self.buttons: dict[TicketReason, QPushButton] = {}
        for i, reason in enumerate(TicketReason):
            button = QPushButton(reason_text(reason))
            button.setObjectName("ticketButton")
            button.setAccessibleDescription(
                self.tr("Zieht eine Wartenummer für „{0}“ und druckt sie aus.").format(
                    reason_text(reason)
                )
            )
            button.setMinimumHeight(64)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            button.setEnabled(False)
            button.clicked.connect(lambda _c=False, r=reason: self.issue(r))
            self.buttons[reason] = button
            grid.addWidget(button, i // 2, i % 2)
        return grid

    def _check_in_row(self) -> QHBoxLayout:
        """The booking code's field and the check-in button (its message below)."""
        self.code_edit = QLineEdit()
        self.code_edit.setPlaceholderText(self.tr("Buchungsnummer, z. B. 39KJ-TGPT"))
        self.code_edit.setAccessibleName(self.tr("Buchungsnummer zum Anmelden"))
        # no Alt+A (it opens the menu Ansicht); Enter in the field checks in
        self.check_in_button = QPushButton(self.tr("Mit Termin anmelden"))
        self.check_in_message = QLabel()
        self.check_in_message.setWordWrap(True)
        check_in = QHBoxLayout()
        check_in.addWidget(QLabel(self.tr("Termin:")))
        check_in.addWidget(self.code_edit, 1)
        check_in.addWidget(self.check_in_button)
        return check_in

    # ---------------------------------------------------------------- status
    def set_office(self, db: DeskDatabase, office_id: str, office_name: str) -> None:
        """Serve this office from now on."""
        self._db, self._office = db, (office_id, office_name)
        self.refresh()
        self.timer.start()

    def refresh(self) -> None:
        """Read the contingent and the queue length (in the background)."""
        db, office = self._db, self._office
        if db is None or office is None:
            return
        now = self._clock()
        self._ops.run(lambda: _status(db, office[0], now), self._shown, self._failed)

    def _changed(self, change: Change) -> None:
        """Read again when tickets or appointments of this office changed."""
        office = self._office
        if office is not None and change.concerns(What.TICKETS | What.APPOINTMENTS, office[0]):
            self.refresh()

    def _shown(self, result: tuple[WalkInStatus, int, WaitRange | None, list[Any]]) -> None:
        status, waiting, wait, arrivals = result
        self._arrival_codes = [row.booking_code for row in arrivals]
        self.arrivals.clear()
        for row in arrivals:
            self.arrivals.addItem(
                f"{row.starts_at:%H:%M} · {row.booking_code} · {row.service_name} · "
                f"{row.citizen_name}"
            )
        self._status = status
        left = (
            self.tr("Noch {0} von {1} Wartenummern heute").format(status.left_today, status.quota)
            if status.quota is not None
            else self.tr("{0} Wartenummern heute").format(status.issued_today)
        )
        parts = [left, self.tr("{0} warten").format(waiting)]
        if wait is not None and wait.low == wait.high:
            parts.append(self.tr("geschätzte Wartezeit etwa {0} min").format(wait.low))
        elif wait is not None:
            parts.append(
                self.tr("geschätzte Wartezeit etwa {0}–{1} min").format(wait.low, wait.high)
            )
        self.status_label.setText(" · ".join(parts))
        why = status_reason_text(status.why) if status.why is not None else status.reason or ""
        self.reason_label.setText(why)
        self.reason_label.setVisible(not status.open_now)
        for button in self.buttons.values():  # off while a press waits for its ticket
            button.setEnabled(status.open_now and not self._presses.pending)
            button.setToolTip(why)
        self.status_loaded.emit()

    def _failed(self, error: BaseException) -> None:
        message = failure_text(error, log, "reception failed")
        self.check_in_message.setText(message)
        announce(self.check_in_message, message, assertive=True)
        self.refused.emit(message)
        self.refresh()

    # ----------------------------------------------------------------- issue
    def issue(self, reason: TicketReason) -> None:
        """Issue a ticket for ``reason`` and print it; a double click or a retry soon
        after a failure is the same press and gets the same ticket (ui.ticket_press)."""
        db, office = self._db, self._office
        if db is None or office is None:
            return
        press_id = self._presses.press(reason)
        if press_id is None:
            return  # a press is on its way
        for button in self.buttons.values():
            button.setEnabled(False)  # until the answer: one press, one ticket
        now = self._clock()
        self._ops.run(
            lambda: _issue(db, office[0], reason, now, press_id),
            self._issued,
            self._issue_failed,
            changes=Change(What.TICKETS, office[0]),
        )

    def _issue_failed(self, error: BaseException) -> None:
        self._presses.failed()
        self._failed(error)

    def _issued(self, result: tuple[TicketInfo, WaitRange | None]) -> None:
        info, wait = result
        if not self._presses.answered(info.id):
            return  # the same press again: its ticket is out already
        name = self._office[1] if self._office else ""
        self.last_ticket.setText(
            self.tr("Zuletzt: {0} ({1}, {2:%H:%M} Uhr)").format(
                info.code, reason_text(info.reason), info.issued_at
            )
        )
        printer = self._printer_factory()
        if printer is not None:
            from ui.printing.ticket import print_ticket  # Qt's printing loads on first use

            try:
                print_ticket(printer, info.code, name, info.issued_at, info.reason, wait)
            except OSError as err:
                self.check_in_message.setText(self.tr("Drucken nicht möglich: {0}").format(err))
        self.issued.emit(info)  # the change told reads the status again

    # -------------------------------------------------------------- check in
    def check_in(self) -> None:
        """Check in the appointment with the booking code typed in."""
        db, office, code = self._db, self._office, self.code_edit.text().strip()
        if db is None or office is None:
            return
        if not code:
            self.check_in_message.setText(self.tr("Bitte die Buchungsnummer eingeben."))
            return
        now = self._clock()
        user_id = self.user_id
        self._ops.run(
            lambda: _check_in(db, office[0], code, now, user_id),
            self._checked_in,
            self._failed,
            changes=Change(What.APPOINTMENTS, office[0]),
        )

    def _arrival_chosen(self, item: QListWidgetItem) -> None:
        row = self.arrivals.row(item)
        if 0 <= row < len(self._arrival_codes):
            self.code_edit.setText(self._arrival_codes[row])
            self.check_in()

    def _checked_in(self, code: str) -> None:
        self.code_edit.clear()
        self.check_in_message.setText(self.tr("{0} ist angemeldet.").format(code))
        self.checked_in.emit(code)  # the change told reads the status again


# Database work on the worker thread (desk services are imported there).
def _status(
    db: DeskDatabase, office_id: str, now: datetime
) -> tuple[Any, int, Any | None, list[Any]]:
    """The hour's status, how many wait and a new ticket's wait (the queue's picture, as
    the queue panel and the slip show it), and the arrivals."""
    from desk.services.walkin.queue import arrivals, queue_picture, walk_in_status

    status = walk_in_status(db, office_id, now)
    picture = queue_picture(db, office_id, now)
    wait = picture.next_ticket if status.open_now else None
    return status, picture.waiting, wait, arrivals(db, office_id, now)


def _issue(
    db: DeskDatabase, office_id: str, reason: TicketReason, now: datetime, press: uuid.UUID
) -> tuple[Any, Any | None]:
    """Issue a ticket; it and its wait in the queue's picture (for the slip)."""
    from desk.services.walkin.queue import queue_picture
    from desk.services.walkin.tickets import issue_ticket

    info = issue_ticket(db, office_id, reason, now, request_id=press)
    entries = queue_picture(db, office_id, now).entries
    own = next((entry for entry in entries if entry.id == info.id), None)
    return info, own.wait if own is not None else None


def _check_in(
    db: DeskDatabase, office_id: str, code: str, now: datetime, user_id: uuid.UUID | None
) -> str:
    from desk.services.appointments.lifecycle import check_in_by_code

    return check_in_by_code(db, office_id, code, now, user_id=user_id)
