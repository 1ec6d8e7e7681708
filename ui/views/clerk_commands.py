"""The main window's commands around one appointment: book, search, .ics, print.

A mixin of MainWindow (it uses the window's ops queue, database, office and
selection); kept apart so that the window module stays about layout and loading.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from desk.domain.steps import Action
from ui.changes import Change, What
from ui.failures import failure_text
from ui.labels import status_label
from ui.qt_dates import qdate

if TYPE_CHECKING:  # the dialogs and services load on first use, not at start
    import uuid

    from desk.services.appointments.agenda import AppointmentRow
    from desk.services.appointments.confirmation import Confirmation
    from desk.services.appointments.lifecycle import Transition
    from desk.services.database import DeskDatabase
    from ui.dialogs.booking_dialog import BookingDialog
    from ui.dialogs.search_dialog import SearchDialog
    from ui.views.main_window import MainWindow

log = logging.getLogger(__name__)


class ClerkCommands:
    """Booking, search, calendar file and printed confirmation for the main window."""

    def open_booking(self: MainWindow) -> BookingDialog | None:  # type: ignore[misc]
        """Open the booking dialog (modal in the app, returned for tests)."""
        from ui.dialogs.booking_dialog import BookingDialog

        db, office = self.database, self.office
        if db is None or office is None:
            return None
        dialog = BookingDialog(self._ops, db, office, self.now(), self)
        dialog.accepted.connect(lambda: self._booked(dialog))
        if self._show_dialogs:
            dialog.open()
        return dialog

    def _booked(self: MainWindow, dialog: BookingDialog) -> None:  # type: ignore[misc]
        booking = dialog.booking
        if booking is None:
            return
        day = booking.start.date()
        self._pending_select = booking.id
        office = self.office
        # every view reads again (the shown day, if it is the booking's, the arrivals)
        self._ops.changes.tell(Change(What.APPOINTMENTS, office.id if office else None, day))
        if day != self.day:
            self.date_edit.setDate(qdate(day))
        # after the day's "loading" message, which would replace it
        self.statusBar().showMessage(
            QCoreApplication.translate(
                "ClerkCommands", "Gebucht: {0} am {1:%d.%m.%Y um %H:%M} ({2})"
            ).format(booking.code, booking.start, booking.citizen_name),
            8000,
        )

    def open_search(self: MainWindow) -> SearchDialog | None:  # type: ignore[misc]
        """Open the search by booking code or name."""
        from ui.dialogs.search_dialog import SearchDialog

        db, office = self.database, self.office
        if db is None or office is None:
            return None
        dialog = SearchDialog(self._ops, db, office, self)
        dialog.chosen.connect(self.go_to_appointment)
        if self._show_dialogs:
            dialog.open()
        return dialog

    def go_to_appointment(self: MainWindow, row: AppointmentRow) -> None:  # type: ignore[misc]
        """Show an appointment's day and select it."""
        self._pending_select = row.id
        if row.starts_at.date() != self.day:
            self.date_edit.setDate(qdate(row.starts_at.date()))
        else:
            self.select_appointment(row.id)

    # -------------------------------------------------------------- steps
    def take_step(self: MainWindow, step: Action, reason: str | None = None) -> None:  # type: ignore[misc]
        """Take a life-cycle step with the selected appointment (a cancellation asks why)."""
        row, db = self._selected, self._db
        if row is None or db is None:
            return
        if step == Action.CANCEL and reason is None:
            if not self._show_dialogs:
                return
            from PySide6.QtWidgets import QInputDialog

            text, ok = QInputDialog.getText(
                self,
                QCoreApplication.translate("MainWindow", "Termin stornieren"),
                QCoreApplication.translate(
                    "MainWindow", "Grund der Stornierung für {0} ({1}):"
                ).format(row.booking_code, row.citizen_name),
            )
            if not ok:
                return
            reason = text
        counter, now = self.counter_number, self.now()
        user_id = self.user.id if self.user is not None else None
        office = self.office
        self._ops.run(
            lambda: _perform(db, row.id, step, now, counter, reason, user_id),
            self._step_done,
            self._ops.on_failure(
                self._step_refused,
                "a life-cycle step failed",
                QCoreApplication.translate("MainWindow", "Der Schritt ist fehlgeschlagen ({0})."),
                log,
            ),
            changes=Change(What.APPOINTMENTS, office.id if office else None, row.starts_at.date()),
        )

    def _step_done(self: MainWindow, transition: Transition) -> None:  # type: ignore[misc]
        self.statusBar().showMessage(
            QCoreApplication.translate("MainWindow", "{0}: {1}").format(
                transition.booking_code, status_label(transition.status)
            ),
            5000,
        )
        self.step_done.emit(transition)
        if self._selected is not None and self._selected.id == transition.appointment_id:
            self._load_history(transition.appointment_id)
        # the change told reads the day again (and the queue, the reception)

    def _step_refused(self: MainWindow, message: str) -> None:  # type: ignore[misc]
        self.statusBar().showMessage(message, 8000)
        self.step_refused.emit(message)
        if self._show_dialogs:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(
                self, QCoreApplication.translate("MainWindow", "Nicht möglich"), message
            )

    # ------------------------------------------------------------ .ics, print
    def save_ics_dialog(self: MainWindow) -> None:  # type: ignore[misc]
        """Ask where to save the selected appointment's calendar file, then save it."""
        row = self.selected
        if row is None:
            return
        suggested = str(Path.home() / f"Termin-{row.booking_code}.ics")
        from PySide6.QtWidgets import QFileDialog

        path, _filter = QFileDialog.getSaveFileName(
            self,
            QCoreApplication.translate("ClerkCommands", "Kalenderdatei speichern"),
            suggested,
            QCoreApplication.translate("ClerkCommands", "Kalender (*.ics)"),
        )
        if path:
            self.export_ics(Path(path))

    def export_ics(self: MainWindow, path: Path) -> None:  # type: ignore[misc]
        """Write the selected appointment's confirmation as an .ics file (in the background)."""
        row, db = self.selected, self.database
        if row is None or db is None:
            return
        stamped = self.now()

        def work() -> Path:
            from desk.private_files import private_opener
            from desk.services.appointments.confirmation import load_confirmation, to_ics

            with open(path, "wb", opener=private_opener) as file:
                file.write(to_ics(load_confirmation(db, row.id), stamped))
            return path

        self._ops.run(
            work,
            lambda saved: self.statusBar().showMessage(
                QCoreApplication.translate(
                    "ClerkCommands", "Kalenderdatei gespeichert: {0}"
                ).format(saved.name),
                8000,
            ),
            lambda error: self._command_failed(
                QCoreApplication.translate("ClerkCommands", "Kalenderdatei"), error
            ),
        )

    def print_dialog(self: MainWindow) -> None:  # type: ignore[misc]
        """Print the selected appointment's confirmation (printer chosen in a dialog)."""
        row, db = self.selected, self.database
        if row is None or db is None:
            return

        def loaded(confirmation: Confirmation) -> None:
            from PySide6.QtPrintSupport import QPrintDialog, QPrinter
            from PySide6.QtWidgets import QDialog

            from ui.printing.confirmation import print_confirmation

            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            dialog = QPrintDialog(printer, self)
            if dialog.exec() == QDialog.DialogCode.Accepted:
                print_confirmation(printer, confirmation, self.now())

        self._ops.run(
            lambda: _confirmation(db, row.id),
            loaded,
            lambda error: self._command_failed(
                QCoreApplication.translate("ClerkCommands", "Drucken"), error
            ),
        )

    def _command_failed(self: MainWindow, what: str, error: BaseException) -> None:  # type: ignore[misc]
        # a file or a printer that refuses says why in its own words; no fault of ours
        words = str(error) if isinstance(error, OSError) else None
        words = words or failure_text(error, log, f"{what} failed")
        message = QCoreApplication.translate("ClerkCommands", "{0}: {1}").format(what, words)
        self.statusBar().showMessage(message, 8000)
        if self._show_dialogs:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(self, what, message)


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
