"""The clerk's main window: office and counter, the counter calendar (day, week, list),
the selected appointment with its life-cycle steps, booking and search."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QModelIndex, QSettings, QTimer, Signal
from PySide6.QtWidgets import (
    QMainWindow,
    QProgressDialog,
    QWidget,
)

from ui.changes import SYNCED, Change, What
from ui.models.appointments_model import AppointmentTableModel
from ui.models.calendar_model import CalendarModel
from ui.models.week_model import WeekModel
from ui.ops import Ops
from ui.qt_dates import qdate
from ui.sync_status import status_text
from ui.theme import restyle
from ui.views import window_queries
from ui.views.clerk_commands import ClerkCommands
from ui.views.team_tools import TeamLeadTools
from ui.views.window_actions import WindowActions
from ui.views.window_layout import WindowLayout
from ui.views.window_loading import DayLoading
from ui.views.window_session import SignInSession
from ui.views.window_start import WindowStart

if TYPE_CHECKING:
    import uuid

    from PySide6.QtGui import QCloseEvent, QPaintEvent

    from desk.domain.clock import Clock
    from desk.services.admin.auth import UserInfo
    from desk.services.appointments.agenda import AppointmentRow
    from desk.services.database import DeskDatabase
    from desk.services.offices import OfficeInfo
    from desk.sync.engine import SyncReport, SyncStatus
    from ui.dialogs.login_dialog import LoginDialog

log = logging.getLogger(__name__)
REFRESH_MS = 20_000


class MainWindow(
    QMainWindow,
    WindowStart,
    WindowLayout,
    DayLoading,
    ClerkCommands,
    WindowActions,
    SignInSession,
    TeamLeadTools,
):
    """Office/counter chooser, date navigation, the counter calendar and the clerk's steps.

    The database is opened by ``open_db`` on the worker thread; every query runs
    there too, and results arrive through ``Ops`` on the GUI thread.

    Signals:
        day_loaded(): the shown day is in the models (calendar, list).
        week_loaded(): the week summary is in its model.
        failed(str): the database could not be opened; the message says why.
        database_opened(DeskDatabase): the database is open and its offices are known
            (the sync may start).
        step_done(object): a life-cycle step was saved (a Transition).
        step_refused(str): a step was refused; the message says why.
        history_loaded(): the selected appointment's history is shown.
        painted(): the window has painted for the first time (its frame, before any data).
    """

    day_loaded = Signal()
    week_loaded = Signal()
    failed = Signal(str)
    database_opened = Signal(object)
    step_done = Signal(object)
    step_refused = Signal(str)
    history_loaded = Signal()
    painted = Signal()

    def __init__(
        self,
        ops: Ops,
        settings: QSettings,
        open_db: Callable[[], DeskDatabase],
        clock: Clock,
        *,
        first_start: bool = False,
        office_id: str | None = None,
        counter_number: int | None = None,
        show_dialogs: bool = True,
        sign_in_at_start: bool = False,
    ) -> None:
        super().__init__()
        self._show_dialogs = show_dialogs
        self._ops = ops
        self._settings = settings
        self._open_db = open_db
        self.clock = clock  # the desk's one clock (the sync, housekeeping, the display)
        self._first_start = first_start
        self._wanted_office = office_id or settings.value("office", None, str)
        wanted_counter = counter_number or settings.value("counter", 0, int)
        self._wanted_counter = wanted_counter or None
        self._db: DeskDatabase | None = None
        self._offices: list[OfficeInfo] = []
        self._generation = 0
        self._week_generation = 0
        self._progress: QProgressDialog | None = None
        self._selected: AppointmentRow | None = None
        self._pending_select: uuid.UUID | None = None
        self._displays: list[QWidget] = []
        self.user: UserInfo | None = None
        self.login_dialog: LoginDialog | None = None
        self._load_message: str | None = None  # the status message a load may clear
        self._painted = False  # the window has painted once
        self._open_pending = False  # start() waits for that paint to open the database
        self._opening = False
        self._sign_in_at_start = sign_in_at_start  # a database with users asks who works here
        self._side_reads_pending = False  # reception and queue read once the day is shown
        self.setWindowTitle(self.tr("Bürgerdesk"))
        self.model = AppointmentTableModel(self)
        self.calendar_model = CalendarModel(self)
        self.week_model = WeekModel(self)
        self.actions_by_step = self._make_step_actions()
        self._build()
        self._build_menus()
        self._build_team_menu()
        self.statusBar().showMessage(self.tr("Datenbank wird geöffnet …"))
        self.refresh_timer = QTimer(self)
        self.refresh_timer.setInterval(REFRESH_MS)
        self.refresh_timer.timeout.connect(self.refresh)
        ops.changes.changed.connect(self._changed)
        ops.failed.connect(self._operation_failed)

    def now(self) -> datetime:
        """The current time of the desk's one clock."""
        return self.clock.now()

    @property
    def database(self) -> DeskDatabase | None:
        """The open database (None until opened)."""
        return self._db

    @property
    def counter_number(self) -> int | None:
        """The clerk's own counter."""
        number = self.counter_box.currentData()
        return int(number) if number is not None else None

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        first = not self._painted
        self._painted = True
        if self._open_pending:
            QTimer.singleShot(0, self._open_database)  # after this paint pass
        if first:
            QTimer.singleShot(0, self._build_walk_in_views)  # the hidden tabs' contents
            self.painted.emit()

    # ------------------------------------------------------------ choosing
    @property
    def offices(self) -> list[OfficeInfo]:
        """The offices known (empty until the database is open)."""
        return list(self._offices)

    @property
    def office(self) -> OfficeInfo | None:
        """The office chosen in the combo box."""
        index = self.office_box.currentIndex()
        return self._offices[index] if 0 <= index < len(self._offices) else None

    @property
    def day(self) -> date:
        """The day shown."""
        return self.date_edit.date().toPython()  # type: ignore[no-any-return]

    def _fill_counters(self) -> None:
        """The chosen office's counters in the box, the remembered one chosen (no load)."""
        office = self.office
        self.counter_box.blockSignals(True)
        self.counter_box.clear()
        for counter in office.counters if office else ():
            self.counter_box.addItem(counter.name, counter.number)
        wanted = self.counter_box.findData(self._wanted_counter) if self._wanted_counter else -1
        self.counter_box.setCurrentIndex(max(wanted, 0))
        self.counter_box.blockSignals(False)
        self._take_counter()

    def _take_counter(self) -> None:
        """Remember the chosen counter and mark it own in the list (no load)."""
        number = self.counter_box.currentData()
        if number is not None:
            self._settings.setValue("counter", int(number))
            self._wanted_counter = int(number)
        self.model.set_own_counter(number)

    def _office_changed(self) -> None:
        office = self.office
        if office is not None:
            self._settings.setValue("office", office.id)
            if self._db is not None:
                self.reception.set_office(self._db, office.id, office.name)
        self._fill_counters()
        self.reload()  # each read once: the day, the reception, the queue
        self._queue_for_counter()

    def _counter_changed(self) -> None:
        self._take_counter()
        self.refresh()
        self._queue_for_counter()

    def shift_day(self, days: int) -> None:
        """Show the day ``days`` away from the shown one."""
        self.date_edit.setDate(self.date_edit.date().addDays(days))

    def go_today(self) -> None:
        """Show today."""
        self.date_edit.setDate(qdate(self.now().date()))

    # ------------------------------------------------------------- selection
    @property
    def selected(self) -> AppointmentRow | None:
        """The appointment the clerk works on."""
        return self._selected

    def select_appointment(self, appointment_id: uuid.UUID) -> bool:
        """Select an appointment of the shown day in the calendar and the list."""
        index = self.calendar_model.index_of(appointment_id)
        row = self.calendar_model.appointment_at(index) if index.isValid() else None
        if row is not None:
            self.calendar.setCurrentIndex(index)
            self.calendar.scrollTo(index)
        else:  # cancelled ones are only in the list
            row = next((r for r in self.model.rows if r.id == appointment_id), None)
            if row is not None:
                self.table.selectRow(self.model.rows.index(row))
        self._select(row)
        return row is not None

    def _calendar_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._select(self.calendar_model.appointment_at(current) if current.isValid() else None)

    def _list_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._select(self.model.row_at(current.row()))

    def _reselect(self, rows: list[AppointmentRow]) -> None:
        """Keep the selected appointment selected (with its new state) after a load."""
        if self._selected is None:
            return
        again = next((r for r in rows if r.id == self._selected.id), None)
        if again is None:
            self._select(None)
            return
        index = self.calendar_model.index_of(again.id)
        if index.isValid() and self.calendar.currentIndex() != index:
            self.calendar.setCurrentIndex(index)
        self._select(again)

    def _select(self, row: AppointmentRow | None) -> None:
        changed = row != self._selected
        self._selected = row
        for action in self.actions_by_step.values():
            action.setEnabled(row is not None)
        for action in (self.ics_action, self.print_action):
            action.setEnabled(row is not None)
        if changed:
            self.panel.show_appointment(row)
            if row is not None:
                self._load_history(row.id)
            else:
                self.panel.history.clear()

    def _load_history(self, appointment_id: uuid.UUID) -> None:
        db = self._db
        if db is None:
            return

        def shown(entries: list) -> None:  # type: ignore[type-arg]
            if self._selected is not None and self._selected.id == appointment_id:
                self.panel.show_history(entries)
                self.history_loaded.emit()

        self._ops.run(lambda: window_queries.history(db, appointment_id), shown, self._load_failed)

    # ------------------------------------------------------- changes, failures
    def _changed(self, change: Change) -> None:
        """Read the shown day again when its appointments or capacity changed."""
        office = self.office
        if office is not None and change.concerns(
            What.APPOINTMENTS | What.CAPACITY, office.id, self.day
        ):
            self.refresh()

    def _operation_failed(self, message: str) -> None:
        """The default for an operation without its own error handler: its words in the
        status bar (and a message box)."""
        self.statusBar().showMessage(message, 8000)
        if self._show_dialogs:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(
                self, QCoreApplication.translate("MainWindow", "Nicht möglich"), message
            )

    # ---------------------------------------------------------------- sync
    def show_sync_report(self, report: SyncReport) -> None:
        """A sync round finished: show the status; central changes are told to every
        view (a push of the central service wakes the round)."""
        self.show_sync_status(report.status)
        if report.pulled or report.rejected:
            self._ops.changes.tell(SYNCED)

    def show_sync_status(self, status: SyncStatus) -> None:
        """Show connected / offline since / waiting / conflicts in the status bar."""
        self.sync_label.setText(status_text(status))
        self.sync_label.setProperty("offline", not status.connected)
        restyle(self.sync_label)
        self.sync_label.show()

    def closeEvent(self, event: QCloseEvent) -> None:
        built = self._walk_in_views or ()
        for timer in (self.refresh_timer, *(view.timer for view in built)):
            timer.stop()
        for display in self._displays:
            display.close()
        self.end_sign_in()  # a lock screen left open would keep the app running
        self._settings.sync()
        db, self._db = self._db, None
        if db is not None:
            self._ops.run(db.dispose, lambda _none: None)
        super().closeEvent(event)
