"""Opening the database at the start: after the window's first paint (see
MainWindow.paintEvent), the offices and the sign-in, then the first day and, once it is
in, the reception's and the queue's first reads.

A mixin of MainWindow; texts keep the "MainWindow" translation context.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QProgressDialog

from ui.failures import failure_text
from ui.views import window_queries

if TYPE_CHECKING:
    from desk.services.database import DeskDatabase
    from desk.services.offices import OfficeInfo
    from ui.views.main_window import MainWindow

log = logging.getLogger("ui.views.main_window")
OPEN_FALLBACK_MS = 250  # a shown window that never paints (minimised) opens it anyway


class WindowStart:
    """The database opened in the background, and what is read first."""

    def start(self: MainWindow) -> None:  # type: ignore[misc]
        """Open the database in the background (creating the demo city on first start).

        A shown window opens it once it has painted (or after ``OPEN_FALLBACK_MS`` if no
        paint comes): the database layer's imports on the worker would otherwise share
        the interpreter with the first paint and delay it."""
        if self._first_start:
            self._progress = QProgressDialog(
                QCoreApplication.translate("MainWindow", "Die Demo-Stadt wird eingerichtet …"),
                "",
                0,
                0,
                self,
            )
            self._progress.setWindowTitle(QCoreApplication.translate("MainWindow", "Erster Start"))
            self._progress.setCancelButton(None)
            self._progress.setMinimumDuration(0)
            self._progress.setWindowModality(Qt.WindowModality.WindowModal)
            self._progress.show()
        if self.isVisible() and not self._painted:
            self._open_pending = True
            QTimer.singleShot(OPEN_FALLBACK_MS, self._open_database)
        else:
            self._open_database()

    def _open_database(self: MainWindow) -> None:  # type: ignore[misc]
        if self._opening:
            return
        self._opening = True
        self._open_pending = False
        self._ops.run(self._open_db, self._database_ready, self._database_failed)

    def _database_ready(self: MainWindow, db: DeskDatabase) -> None:  # type: ignore[misc]
        self._db = db
        self.db_label.setText(
            QCoreApplication.translate("MainWindow", "Datenbank: {0}").format(db.display_url)
        )
        self.db_label.setToolTip(db.display_url)
        self._ops.run(
            lambda: window_queries.offices_and_sign_in(db),
            lambda result: self._offices_loaded(*result),
            self._database_failed,
        )

    def _database_failed(self: MainWindow, error: BaseException) -> None:  # type: ignore[misc]
        self._close_progress()
        message = failure_text(
            error,
            log,
            "opening the database failed",
            QCoreApplication.translate(
                "MainWindow", "Unerwarteter Fehler beim Öffnen der Datenbank ({0})."
            ),
        )
        self.statusBar().showMessage(message)
        self.empty.setText(message)
        self.stack.setCurrentWidget(self.empty)
        self.failed.emit(message)
        if self._show_dialogs:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.critical(
                self, QCoreApplication.translate("MainWindow", "Datenbank"), message
            )

    def _offices_loaded(  # type: ignore[misc]
        self: MainWindow, offices: list[OfficeInfo], has_users: bool = False
    ) -> None:
        self._close_progress()
        if has_users and self._sign_in_at_start:
            self.sign_in()  # before anything of the day is read, let alone shown
        self._offices = offices
        self.office_box.blockSignals(True)
        self.office_box.clear()
        for office in offices:
            self.office_box.addItem(office.name, office.id)
        wanted = self.office_box.findData(self._wanted_office) if self._wanted_office else -1
        self.office_box.setCurrentIndex(max(wanted, 0))
        self.office_box.blockSignals(False)
        if self.office is not None:
            self._settings.setValue("office", self.office.id)
        self._set_enabled(bool(offices))
        self.update_team_tools()
        self._fill_counters()
        self.statusBar().clearMessage()
        self._side_reads_pending = True  # after the day: it is what the clerk looks at first
        self.reload()
        self.refresh_timer.start()
        if self._db is not None:
            self.database_opened.emit(self._db)

    def _start_side_reads(self: MainWindow) -> None:  # type: ignore[misc]
        """The reception's and the queue's first reads (once, after the first day)."""
        if not self._side_reads_pending:
            return
        self._side_reads_pending = False
        if self.office is not None and self._db is not None:
            self.reception.set_office(self._db, self.office.id, self.office.name)
            self._queue_for_counter()

    def _close_progress(self: MainWindow) -> None:  # type: ignore[misc]
        if self._progress is not None:
            self._progress.close()
            self._progress = None
