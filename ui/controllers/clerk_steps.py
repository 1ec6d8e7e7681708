"""The clerk's commands around one appointment: book, search, the life-cycle steps
(F5–F8, Shift+F6, Ctrl+F8, Del), the calendar file and the printed confirmation.

The dialogs and services load on first use, not at start. Texts keep their
translation contexts ("MainWindow", "ClerkCommands").
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal

from desk.domain.steps import Action
from ui.announce import announce
from ui.changes import Change, What
from ui.failures import failure_text
from ui.labels import status_label

if TYPE_CHECKING:
    import uuid

    from PySide6.QtWidgets import QDialog, QMainWindow, QMessageBox

    from desk.services.appointments.agenda import AppointmentRow
    from desk.services.appointments.booking import Booking
    from desk.services.appointments.confirmation import Confirmation
    from desk.services.appointments.lifecycle import Transition
    from desk.services.database import DeskDatabase
    from ui.controllers.day import DayController
    from ui.dialogs.booked_notice import BookedNotice
    from ui.dialogs.booking_dialog import BookingDialog
    from ui.dialogs.search_dialog import SearchDialog
    from ui.ops import Ops
    from ui.session import DeskSession

log = logging.getLogger(__name__)


class StepTarget(NamedTuple):
    """The appointment a step acts on: the calendar's choice or the counter's person."""

    id: uuid.UUID
    booking_code: str
    citizen_name: str
    starts_at: datetime

    @classmethod
    def of(cls, row: AppointmentRow) -> StepTarget:
        """The target of a calendar row."""
        return cls(row.id, row.booking_code, row.citizen_name, row.starts_at)


class ClerkSteps(QObject):
    """Booking, search, steps, calendar file and printed confirmation; dialogs open over
    ``window`` (not at all without ``show_dialogs``), messages go to its status bar.

    Signals:
        step_done(object): a life-cycle step was saved (a Transition).
        step_refused(str): a step was refused; the message says why.
    """

    step_done = Signal(object)
    step_refused = Signal(str)

    def __init__(
        self,
        session: DeskSession,
        ops: Ops,
        days: DayController,
        window: QMainWindow,
        show_dialogs: bool = True,
    ) -> None:
        super().__init__(window)
        self._session, self._ops, self._days = session, ops, days
        self._window, self._show_dialogs = window, show_dialogs
        self.question: QMessageBox | None = None  # a question open to the clerk (a no-show)

    def _say(self, message: str, timeout: int) -> None:
        self._window.statusBar().showMessage(message, timeout)

    def open_booking(self) -> BookingDialog | None:
        """Open the booking dialog (modal in the app, returned for tests)."""
        from ui.dialogs.booking_dialog import BookingDialog

        session = self._session
        db, office = session.database, session.office
        if db is None or office is None:
            return None
        dialog = BookingDialog(self._ops, db, office, session.now(), self._window)
        dialog.accepted.connect(lambda: self._booked(dialog))
        dialog.rejected.connect(self._window.activateWindow)  # booked: the notice follows
        if self._show_dialogs:
            dialog.open()
        return dialog

    def _booked(self, dialog: BookingDialog) -> None:
        booking = dialog.booking
        if booking is None:
            return
        office = self._session.office
        change = Change(What.APPOINTMENTS, office.id if office else None, booking.start.date())
        self._days.show_and_select(booking.start.date(), booking.id, change)
        # after the day's "loading" message, which would replace it
        self._say(
            QCoreApplication.translate(
                "ClerkCommands", "Gebucht: {0} am {1:%d.%m.%Y um %H:%M} ({2})"
            ).format(booking.code, booking.start, booking.citizen_name),
            8000,
        )
        self.booked_notice = self._notice(booking)

    def _notice(self, booking: Booking) -> BookedNotice:
        """The booking code where the clerk looks: a notice that stays until closed."""
        from ui.dialogs.booked_notice import BookedNotice

        notice = BookedNotice(booking, self._window)
        notice.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._keys_back_after(notice)
        if self._show_dialogs:
            notice.open()
        return notice

    def open_search(self) -> SearchDialog | None:
        """Open the search by booking code or name."""
        from ui.dialogs.search_dialog import SearchDialog

        db, office = self._session.database, self._session.office
        if db is None or office is None:
            return None
        dialog = SearchDialog(self._ops, db, office, self._window, now=self._session.now)
        dialog.chosen.connect(self._days.go_to)
        self._keys_back_after(dialog)
        if self._show_dialogs:
            dialog.open()
        return dialog

    def _keys_back_after(self, dialog: QDialog) -> None:
        """When ``dialog`` closes, the keys go back to the window (where they were)."""
        dialog.finished.connect(lambda _result: self._window.activateWindow())

    # -------------------------------------------------------------- steps
    def take_step(
        self, step: Action, reason: str | None = None, on: StepTarget | None = None
    ) -> None:
        """Take a life-cycle step with the selected appointment, or ``on`` the counter's
        current one. A cancellation asks why; a no-show asks first, naming the person."""
        selected = self._days.selected
        row = on or (StepTarget.of(selected) if selected is not None else None)
        if row is None or self._session.database is None:
            return
        if step == Action.CANCEL and reason is None:
            reason = self._ask_reason(row)
            if reason is None:
                return
        if step == Action.NO_SHOW:
            from ui.views.person_words import ask

            self.question = ask(
                self._window,
                QCoreApplication.translate("MainWindow", "Nicht erschienen"),
                QCoreApplication.translate(
                    "MainWindow", "{0} · {1} Uhr · {2} als „nicht erschienen“ vermerken?"
                ).format(row.booking_code, f"{row.starts_at:%H:%M}", row.citizen_name),
                [
                    (QCoreApplication.translate("MainWindow", "Nicht erschienen"),
                     lambda: self._perform(row, step, reason)),
                ],
            )  # fmt: skip
            return
        self._perform(row, step, reason)

    def _perform(self, row: StepTarget, step: Action, reason: str | None) -> None:
        db, session = self._session.database, self._session
        if db is None:
            return
        counter, now, office = session.counter, session.now(), session.office
        user_id = session.user.id if session.user is not None else None
        self._ops.run(
            lambda: _perform(db, row.id, step, now, counter, reason, user_id),
            self._step_done,
            self._ops.on_failure(
                self.refuse,
                "a life-cycle step failed",
                QCoreApplication.translate("MainWindow", "Der Schritt ist fehlgeschlagen ({0})."),
                log,
            ),
            changes=Change(What.APPOINTMENTS, office.id if office else None, row.starts_at.date()),
        )

    def _ask_reason(self, row: StepTarget) -> str | None:
        """Why the appointment is cancelled (None: not asked, or the clerk backed out)."""
        if not self._show_dialogs:
            return None
        from ui.dialogs.reason_dialog import ask_reason  # OK only with a reason

        text, ok = ask_reason(
            self._window,
            QCoreApplication.translate("MainWindow", "Termin stornieren"),
            QCoreApplication.translate("MainWindow", "Grund der Stornierung für {0} ({1}):").format(
                row.booking_code, row.citizen_name
            ),
        )
        return text if ok else None

    def _step_done(self, transition: Transition) -> None:
        self._say(
            QCoreApplication.translate("MainWindow", "{0}: {1}").format(
                transition.booking_code, status_label(transition.status)
            ),
            5000,
        )
        self.step_done.emit(transition)
        selected = self._days.selected
        if selected is not None and selected.id == transition.appointment_id:
            self._days.load_history(transition.appointment_id)
        # the change told reads the day again (and the queue, the reception)

    def refuse(self, message: str) -> None:
        """A step refused: its words in the status bar (and a message box), told to
        assistive technology."""
        self._say(message, 8000)
        announce(self._window.statusBar(), message, assertive=True)
        self.step_refused.emit(message)
        if self._show_dialogs:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(
                self._window, QCoreApplication.translate("MainWindow", "Nicht möglich"), message
            )

    # ------------------------------------------------------------ .ics, print
    def save_ics_dialog(self) -> None:
        """Ask where to save the selected appointment's calendar file, then save it."""
        row = self._days.selected
        if row is None:
            return
        suggested = str(Path.home() / f"Termin-{row.booking_code}.ics")
        from PySide6.QtWidgets import QFileDialog

        path, _filter = QFileDialog.getSaveFileName(
            self._window,
            QCoreApplication.translate("ClerkCommands", "Kalenderdatei speichern"),
            suggested,
            QCoreApplication.translate("ClerkCommands", "Kalender (*.ics)"),
        )
        if path:
            self.export_ics(Path(path))

    def export_ics(self, path: Path) -> None:
        """Write the selected appointment's confirmation as an .ics file (in the background)."""
        row, db = self._days.selected, self._session.database
        if row is None or db is None:
            return
        stamped = self._session.now()

        def work() -> Path:
            from desk.private_files import private_opener
            from desk.services.appointments.confirmation import load_confirmation, to_ics

            with open(path, "wb", opener=private_opener) as file:
                file.write(to_ics(load_confirmation(db, row.id), stamped))
            return path

        self._ops.run(
            work,
            lambda saved: self._say(
                QCoreApplication.translate(
                    "ClerkCommands", "Kalenderdatei gespeichert: {0}"
                ).format(saved.name),
                8000,
            ),
            lambda error: self._command_failed(
                QCoreApplication.translate("ClerkCommands", "Kalenderdatei"), error
            ),
        )

    def print_dialog(self) -> None:
        """Print the selected appointment's confirmation (printer chosen in a dialog)."""
        row, db = self._days.selected, self._session.database
        if row is None or db is None:
            return

        def loaded(confirmation: Confirmation) -> None:
            from PySide6.QtPrintSupport import QPrintDialog, QPrinter
            from PySide6.QtWidgets import QDialog

            from ui.printing.confirmation import print_confirmation

            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            dialog = QPrintDialog(printer, self._window)
            if dialog.exec() == QDialog.DialogCode.Accepted:
                print_confirmation(printer, confirmation, self._session.now())

        self._ops.run(
            lambda: _confirmation(db, row.id),
            loaded,
            lambda error: self._command_failed(
                QCoreApplication.translate("ClerkCommands", "Drucken"), error
            ),
        )

    def _command_failed(self, what: str, error: BaseException) -> None:
        # a file or a printer that refuses says why in its own words; no fault of ours
        words = str(error) if isinstance(error, OSError) else None
        words = words or failure_text(error, log, f"{what} failed")
        message = QCoreApplication.translate("ClerkCommands", "{0}: {1}").format(what, words)
        self._say(message, 8000)
        if self._show_dialogs:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(self._window, what, message)


def _perform(
    db: DeskDatabase,
    appointment_id: uuid.UUID,
    step: Action,
    now: datetime,
    counter: int | None,
    reason: str | None,
    user_id: uuid.UUID | None = None,
) -> Transition:
    from desk.services.appointments.lifecycle import perform

    return perform(
        db, appointment_id, step, now, counter_number=counter, reason=reason, user_id=user_id
    )


def _confirmation(db: DeskDatabase, appointment_id: uuid.UUID) -> Confirmation:
    from desk.services.appointments.confirmation import load_confirmation

    return load_confirmation(db, appointment_id)
