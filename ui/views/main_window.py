"""The clerk's main window: office and counter, the counter calendar (day, week, list),
the selected appointment with its life-cycle steps, booking and search."""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QLocale, QModelIndex, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desk.domain.errors import DeskError
from desk.domain.status import AppointmentStatus
from desk.domain.steps import Action
from ui import i18n
from ui.dialogs.login_dialog import LoginDialog
from ui.labels import action_label, status_label
from ui.models.appointments_model import AppointmentTableModel
from ui.models.calendar_model import CalendarModel
from ui.models.week_model import WeekModel
from ui.ops import Ops
from ui.sync_status import status_text
from ui.views.appointment_panel import AppointmentPanel
from ui.views.calendar_view import CalendarView
from ui.views.clerk_commands import ClerkCommands
from ui.views.queue_panel import QueuePanel
from ui.views.reception_view import ReceptionView

if TYPE_CHECKING:
    from desk.services.agenda import AppointmentRow
    from desk.services.auth import UserInfo
    from desk.services.calendar import DayGrid, WeekSummary
    from desk.services.database import DeskDatabase
    from desk.services.lifecycle import HistoryEntry, Transition
    from desk.services.offices import OfficeInfo
    from desk.sync.engine import SyncReport, SyncStatus

log = logging.getLogger(__name__)
REFRESH_MS = 20_000
SHORTCUTS: dict[Action, str] = {
    Action.CHECK_IN: "F5",
    Action.CALL: "F6",
    Action.RECALL: "Shift+F6",
    Action.START: "F7",
    Action.DONE: "F8",
    Action.NO_SHOW: "Ctrl+F8",
    Action.CANCEL: "Del",
}


class MainWindow(QMainWindow, ClerkCommands):
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
    """

    day_loaded = Signal()
    week_loaded = Signal()
    failed = Signal(str)
    database_opened = Signal(object)
    step_done = Signal(object)
    step_refused = Signal(str)
    history_loaded = Signal()

    def __init__(
        self,
        ops: Ops,
        settings: QSettings,
        open_db: Callable[[], DeskDatabase],
        now: datetime,
        *,
        first_start: bool = False,
        office_id: str | None = None,
        counter_number: int | None = None,
        show_dialogs: bool = True,
        clock_runs: bool = False,
    ) -> None:
        super().__init__()
        self._show_dialogs = show_dialogs
        self._ops = ops
        self._settings = settings
        self._open_db = open_db
        self._start_now = now
        self._started = time.monotonic()
        self._clock_runs = clock_runs
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
        self.setWindowTitle(self.tr("Bürgerdesk"))
        self.model = AppointmentTableModel(self)
        self.calendar_model = CalendarModel(self)
        self.week_model = WeekModel(self)
        self.actions_by_step = self._make_step_actions()
        self._build()
        self._build_menus()
        self.statusBar().showMessage(self.tr("Datenbank wird geöffnet …"))
        self.refresh_timer = QTimer(self)
        self.refresh_timer.setInterval(REFRESH_MS)
        self.refresh_timer.timeout.connect(self.refresh)

    def now(self) -> datetime:
        """The current time (runs on from the start time when the clock runs)."""
        if not self._clock_runs:
            return self._start_now
        return self._start_now + timedelta(seconds=time.monotonic() - self._started)

    @property
    def database(self) -> DeskDatabase | None:
        """The open database (None until opened)."""
        return self._db

    @property
    def counter_number(self) -> int | None:
        """The clerk's own counter."""
        number = self.counter_box.currentData()
        return int(number) if number is not None else None

    # ----------------------------------------------------------------- layout
    def _make_step_actions(self) -> dict[Action, QAction]:
        actions: dict[Action, QAction] = {}
        for step, key in SHORTCUTS.items():
            label = action_label(step) + ("…" if step == Action.CANCEL else "")
            action = QAction(label, self)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.setEnabled(False)
            action.triggered.connect(lambda _checked=False, s=step: self.take_step(s))
            self.addAction(action)
            actions[step] = action
        return actions

    def _build(self) -> None:
        bar = QHBoxLayout()
        self.office_box = QComboBox()
        self.office_box.setMinimumContentsLength(14)
        self.office_box.setAccessibleName(self.tr("Standort"))
        self.counter_box = QComboBox()
        self.counter_box.setMinimumContentsLength(10)
        self.counter_box.setAccessibleName(self.tr("Schalter"))
        self.prev_button = QPushButton(self.tr("◀ Vortag"))
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("dddd, dd.MM.yyyy")
        self.date_edit.setDate(_qdate(self.now().date()))
        self.next_button = QPushButton(self.tr("Folgetag ▶"))
        self.today_button = QPushButton(self.tr("&Heute"))
        self.book_button = QPushButton(self.tr("&Neuer Termin …"))
        self.book_button.setObjectName("primaryButton")
        for label, widget in (
            (self.tr("&Standort:"), self.office_box),
            (self.tr("S&chalter:"), self.counter_box),
        ):
            caption = QLabel(label)
            caption.setBuddy(widget)
            bar.addWidget(caption)
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.book_button)
        days = QHBoxLayout()  # a row of its own: the window fits 1366 px with the side panel
        for widget in (self.prev_button, self.date_edit, self.next_button, self.today_button):
            days.addWidget(widget)
        days.addStretch(1)

        self.title = QLabel()
        self.title.setObjectName("dayTitle")
        self.title.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setObjectName("daySummary")
        self.legend = QLabel(
            self.tr(
                "Legende: @ frei online · ▨ frei nur intern · + zusätzlich freigegeben · "
                "▩ geschlossen · rote Linie: jetzt"
            )
        )
        self.legend.setObjectName("legend")
        self.legend.setWordWrap(True)

        self.calendar = CalendarView()
        self.calendar.setModel(self.calendar_model)
        self.week = QTableView()
        self.week.setModel(self.week_model)
        self.week.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.week.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.week.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.week.setAccessibleName(self.tr("Wochenübersicht"))
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.views = QTabWidget()
        self.views.addTab(self.calendar, self.tr("&Tag"))
        self.views.addTab(self.week, self.tr("&Woche"))
        self.views.addTab(self.table, self.tr("&Liste"))
        self.reception = ReceptionView(self._ops, self.now, self.ticket_printer)
        reception = QScrollArea()  # a short window scrolls the reception, never clips it
        reception.setWidget(self.reception)
        reception.setWidgetResizable(True)
        reception.setFrameShape(QScrollArea.Shape.NoFrame)
        self.views.addTab(reception, self.tr("&Empfang"))
        self.reception_page = reception
        self.empty = QLabel()
        self.empty.setObjectName("emptyDay")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.views)
        self.stack.addWidget(self.empty)
        self.panel = AppointmentPanel(self.actions_by_step)
        self.queue = QueuePanel(self._ops, self.now)
        self.queue.max_recalls = max(0, self._settings.value("max_recalls", 2, int))
        self.reception.issued.connect(lambda _info: self.queue.refresh())
        self.reception.checked_in.connect(lambda _code: self.queue.refresh())
        self.queue.called.connect(lambda _code: self.refresh())
        self.side = QTabWidget()
        for widget, label in (
            (self.panel, self.tr("Termin")),
            (self.queue, self.tr("Warteschlange")),
        ):
            scroll = QScrollArea()  # small windows scroll the panel instead of clipping it
            scroll.setWidget(widget)
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QScrollArea.Shape.NoFrame)
            self.side.addTab(scroll, label)
        self.side.setMinimumWidth(300)
        self.side.setMaximumWidth(400)

        column = QVBoxLayout()
        column.addLayout(bar)
        column.addLayout(days)
        column.addWidget(self.title)
        column.addWidget(self.summary)
        column.addWidget(self.stack, 1)
        column.addWidget(self.legend)
        left = QWidget()
        left.setLayout(column)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.side)
        splitter.setStretchFactor(0, 1)
        splitter.setCollapsible(0, False)
        self.setCentralWidget(splitter)

        self.sync_label = QLabel()
        self.sync_label.setObjectName("syncLabel")
        self.sync_label.hide()
        self.statusBar().addPermanentWidget(self.sync_label)
        self.user_label = QLabel(self.tr("Ohne Anmeldung (Einzelplatz)"))
        self.user_label.setObjectName("userLabel")
        self.statusBar().addPermanentWidget(self.user_label)
        self.db_label = QLabel()
        self.db_label.setObjectName("databaseLabel")
        self.statusBar().addPermanentWidget(self.db_label)

        self.office_box.currentIndexChanged.connect(self._office_changed)
        self.counter_box.currentIndexChanged.connect(self._counter_changed)
        self.date_edit.dateChanged.connect(lambda _d: self.reload())
        self.prev_button.clicked.connect(lambda: self.shift_day(-1))
        self.next_button.clicked.connect(lambda: self.shift_day(1))
        self.today_button.clicked.connect(self.go_today)
        self.views.currentChanged.connect(lambda _i: self._view_changed())
        self.calendar.selectionModel().currentChanged.connect(self._calendar_current)
        self.table.selectionModel().currentChanged.connect(self._list_current)
        self.week.doubleClicked.connect(self._week_day_chosen)
        QShortcut(QKeySequence("F9"), self, self.call_next_person)
        QShortcut(QKeySequence("Alt+Left"), self, lambda: self.shift_day(-1))
        QShortcut(QKeySequence("Alt+Right"), self, lambda: self.shift_day(1))
        # plain keys work while the calendar views have the focus (not in input fields)
        for key, handler in (
            ("Left", lambda: self.shift_day(-1)),
            ("Right", lambda: self.shift_day(1)),
            ("T", self.go_today),
            ("PgUp", lambda: self.shift_day(-7)),
            ("PgDown", lambda: self.shift_day(7)),
        ):
            shortcut = QShortcut(QKeySequence(key), self.views, handler)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._set_enabled(False)

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (
            self.office_box,
            self.counter_box,
            self.prev_button,
            self.date_edit,
            self.next_button,
            self.today_button,
            self.book_button,
        ):
            widget.setEnabled(enabled)

    # -------------------------------------------------------------- start-up
    def start(self) -> None:
        """Open the database in the background (creating the demo city on first start)."""
        if self._first_start:
            self._progress = QProgressDialog(
                self.tr("Die Demo-Stadt wird eingerichtet …"), "", 0, 0, self
            )
            self._progress.setWindowTitle(self.tr("Erster Start"))
            self._progress.setCancelButton(None)
            self._progress.setMinimumDuration(0)
            self._progress.setWindowModality(Qt.WindowModality.WindowModal)
            self._progress.show()
        self._ops.run(self._open_db, self._database_ready, self._database_failed)

    def _database_ready(self, db: DeskDatabase) -> None:
        self._db = db
        self.db_label.setText(self.tr("Datenbank: {0}").format(db.display_url))
        self.db_label.setToolTip(db.display_url)
        self._ops.run(lambda: _offices(db), self._offices_loaded, self._database_failed)

    def _database_failed(self, error: BaseException) -> None:
        self._close_progress()
        message = (
            str(error)
            if isinstance(error, DeskError)
            else self.tr("Unerwarteter Fehler beim Öffnen der Datenbank ({0}).").format(
                type(error).__name__
            )
        )
        if not isinstance(error, DeskError):
            log.error("opening the database failed", exc_info=error)
        self.statusBar().showMessage(message)
        self.empty.setText(message)
        self.stack.setCurrentWidget(self.empty)
        self.failed.emit(message)
        if self._show_dialogs:
            QMessageBox.critical(self, self.tr("Datenbank"), message)

    def _offices_loaded(self, offices: list[OfficeInfo]) -> None:
        self._close_progress()
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
        self._fill_counters()
        self.statusBar().clearMessage()
        self.reload()
        self.refresh_timer.start()
        if self.office is not None and self._db is not None:
            self.reception.set_office(self._db, self.office.id, self.office.name)
            self._queue_for_counter()
        if self._db is not None:
            self.database_opened.emit(self._db)

    def _close_progress(self) -> None:
        if self._progress is not None:
            self._progress.close()
            self._progress = None

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
        office = self.office
        self.counter_box.blockSignals(True)
        self.counter_box.clear()
        for counter in office.counters if office else ():
            self.counter_box.addItem(counter.name, counter.number)
        wanted = self.counter_box.findData(self._wanted_counter) if self._wanted_counter else -1
        self.counter_box.setCurrentIndex(max(wanted, 0))
        self.counter_box.blockSignals(False)
        self._counter_changed()

    def _office_changed(self) -> None:
        office = self.office
        if office is not None:
            self._settings.setValue("office", office.id)
            if self._db is not None:
                self.reception.set_office(self._db, office.id, office.name)
                self._queue_for_counter()
        self._fill_counters()
        self.reload()

    def _counter_changed(self) -> None:
        number = self.counter_box.currentData()
        if number is not None:
            self._settings.setValue("counter", int(number))
            self._wanted_counter = int(number)
        self.model.set_own_counter(number)
        self.refresh()
        self._queue_for_counter()

    def shift_day(self, days: int) -> None:
        """Show the day ``days`` away from the shown one."""
        self.date_edit.setDate(self.date_edit.date().addDays(days))

    def go_today(self) -> None:
        """Show today."""
        self.date_edit.setDate(_qdate(self.now().date()))

    # -------------------------------------------------------------- loading
    def reload(self) -> None:
        """Load the shown day of the chosen office in the background (a new day)."""
        self._load(fresh=True)

    def refresh(self) -> None:
        """Load the shown day again; changed appointments update in place, the scroll
        position and the selection stay."""
        self._load(fresh=False)

    def _load(self, fresh: bool) -> None:
        office, db = self.office, self._db
        if office is None or db is None:
            return
        day, now = self.day, self.now()
        self._generation += 1
        generation = self._generation
        self.title.setText(
            self.tr("Termine – {0} – {1}").format(
                office.name, QLocale().toString(_qdate(day), QLocale.FormatType.LongFormat)
            )
        )
        if fresh:
            self._load_message = self.tr("Termine werden geladen …")
            self.statusBar().showMessage(self._load_message)
        self._ops.run(
            lambda: _day(db, office.id, day, now),
            lambda result: self._day_loaded(generation, *result, fresh=fresh),
            self._load_failed,
        )
        if self.views.currentWidget() is self.week:
            self._load_week()

    def _day_loaded(
        self, generation: int, grid: DayGrid, closed: str | None = None, *, fresh: bool = True
    ) -> None:
        if generation != self._generation:
            return  # a newer request is on its way
        rows = list(grid.appointments)
        self.calendar.set_now(self.now())
        self.calendar_model.set_grid(grid, self.counter_number)
        self.model.set_rows(rows)
        if self.statusBar().currentMessage() == self._load_message:
            self.statusBar().clearMessage()  # not a step's or a booking's message
        active = [r for r in rows if r.status != AppointmentStatus.CANCELLED]
        done = sum(r.status == AppointmentStatus.DONE for r in rows)
        self.summary.setText(
            self.tr("{0} Termine · {1} erledigt · {2} storniert").format(
                len(active), done, len(rows) - len(active)
            )
        )
        if grid.times or rows:
            self.stack.setCurrentWidget(self.views)
            if self._pending_select is not None:
                wanted, self._pending_select = self._pending_select, None
                self.select_appointment(wanted)
            else:
                self._reselect(rows)
            if fresh and self.day == self.now().date():
                # after the view has laid out the new rows
                QTimer.singleShot(0, lambda: self._scroll_to_now(rows))
        else:
            weekday = QLocale().dayName(_qdate(self.day).dayOfWeek())
            text = self.tr("Keine Termine am {0}, {1}.").format(
                weekday, QLocale().toString(_qdate(self.day), "d. MMMM yyyy")
            )
            if closed:
                text += "\n" + self.tr("{0}: {1}").format(
                    self.office.name if self.office else "", closed
                )
            self.empty.setText(text)
            self.stack.setCurrentWidget(self.empty)
            self._select(None)
        self.day_loaded.emit()

    def _scroll_to_now(self, rows: list[AppointmentRow]) -> None:
        """On today, show the appointments from now on (earlier ones are done)."""
        now = self.now()
        self.calendar.scroll_to_now()
        upcoming = next((i for i, r in enumerate(rows) if r.ends_at > now), None)
        if upcoming is not None and self.model.rowCount() == len(rows):
            self.table.doItemsLayout()  # the scroll range is updated lazily otherwise
            index = self.model.index(upcoming, 0)
            self.table.scrollTo(index, QTableView.ScrollHint.PositionAtTop)

    def _load_failed(self, error: BaseException) -> None:
        if not isinstance(error, DeskError):
            log.error("loading the day failed", exc_info=error)
        message = (
            str(error)
            if isinstance(error, DeskError)
            else self.tr("Termine konnten nicht geladen werden ({0}).").format(type(error).__name__)
        )
        self._load_message = message
        self.statusBar().showMessage(message)

    def _view_changed(self) -> None:
        if self.views.currentWidget() is self.week:
            self._load_week()

    def _load_week(self) -> None:
        office, db = self.office, self._db
        if office is None or db is None:
            return
        monday = self.day - timedelta(days=self.day.weekday())
        now = self.now()
        self._week_generation += 1
        generation = self._week_generation
        self._ops.run(
            lambda: _week(db, office.id, monday, now),
            lambda week: self._week_loaded(generation, week),
            self._load_failed,
        )

    def _week_loaded(self, generation: int, week: WeekSummary) -> None:
        if generation != self._week_generation:
            return
        self.week_model.set_week(week, self.counter_number)
        self.week_loaded.emit()

    def _week_day_chosen(self, index: QModelIndex) -> None:
        day = self.week_model.day_at(index.row())
        if day is not None:
            self.views.setCurrentWidget(self.calendar)
            self.date_edit.setDate(_qdate(day))

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

        self._ops.run(lambda: _history(db, appointment_id), shown, self._load_failed)

    # -------------------------------------------------------------- steps
    def take_step(self, step: Action, reason: str | None = None) -> None:
        """Take a life-cycle step with the selected appointment (a cancellation asks why)."""
        row, db = self._selected, self._db
        if row is None or db is None:
            return
        if step == Action.CANCEL and reason is None:
            if not self._show_dialogs:
                return
            text, ok = QInputDialog.getText(
                self,
                self.tr("Termin stornieren"),
                self.tr("Grund der Stornierung für {0} ({1}):").format(
                    row.booking_code, row.citizen_name
                ),
            )
            if not ok:
                return
            reason = text
        counter, now = self.counter_number, self.now()
        user_id = self.user.id if self.user is not None else None
        self._ops.run(
            lambda: _perform(db, row.id, step, now, counter, reason, user_id),
            self._step_done,
            self._step_refused,
        )

    def _step_done(self, transition: Transition) -> None:
        self.statusBar().showMessage(
            self.tr("{0}: {1}").format(transition.booking_code, status_label(transition.status)),
            5000,
        )
        self.step_done.emit(transition)
        if self._selected is not None and self._selected.id == transition.appointment_id:
            self._load_history(transition.appointment_id)
        self.refresh()

    def _step_refused(self, error: BaseException) -> None:
        if isinstance(error, DeskError):
            message = str(error)
        else:
            log.error("a life-cycle step failed", exc_info=error)
            message = self.tr("Der Schritt ist fehlgeschlagen ({0}).").format(type(error).__name__)
        self.statusBar().showMessage(message, 8000)
        self.step_refused.emit(message)
        if self._show_dialogs:
            QMessageBox.warning(self, self.tr("Nicht möglich"), message)

    # ---------------------------------------------------------------- sync
    def show_sync_report(self, report: SyncReport) -> None:
        """A sync round finished: show the status, refresh when central changes arrived."""
        self.show_sync_status(report.status)
        if report.pulled or report.rejected:
            self.refresh()

    def show_sync_status(self, status: SyncStatus) -> None:
        """Show connected / offline since / waiting / conflicts in the status bar."""
        self.sync_label.setText(status_text(status))
        self.sync_label.setProperty("offline", not status.connected)
        self.sync_label.show()

    # ---------------------------------------------------------------- menus
    def _build_menus(self) -> None:
        menu = self.menuBar().addMenu(self.tr("&Termin"))
        self.book_action = menu.addAction(self.tr("&Neuer Termin …"), self.open_booking)
        self.book_action.setShortcut(QKeySequence("Ctrl+N"))
        self.book_button.clicked.connect(self.open_booking)
        self.search_action = menu.addAction(self.tr("&Suchen …"), self.open_search)
        self.search_action.setShortcut(QKeySequence("Ctrl+F"))
        menu.addSeparator()
        for action in self.actions_by_step.values():
            menu.addAction(action)
        menu.addSeparator()
        self.ics_action = menu.addAction(
            self.tr("Als &Kalenderdatei (.ics) speichern …"), self.save_ics_dialog
        )
        self.ics_action.setShortcut(QKeySequence("Ctrl+E"))
        self.lock_action = QAction(self.tr("Platz &sperren"), self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(self.lock)
        self.addAction(self.lock_action)  # works while the menu bar is not focused too
        self.print_action = menu.addAction(self.tr("Bestätigung &drucken …"), self.print_dialog)
        self.print_action.setShortcut(QKeySequence("Ctrl+P"))
        for action in (self.ics_action, self.print_action):
            action.setEnabled(False)
        menu.addSeparator()
        menu.addAction(self.lock_action)

        view = self.menuBar().addMenu(self.tr("&Ansicht"))
        for number, (label, widget) in enumerate(
            (
                (self.tr("&Tag"), self.calendar),
                (self.tr("&Woche"), self.week),
                (self.tr("&Liste"), self.table),
            ),
            start=1,
        ):
            action = view.addAction(label, lambda w=widget: self.views.setCurrentWidget(w))
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
        view.addSeparator()
        self.contrast_action = view.addAction(self.tr("&Hoher Kontrast"))
        self.contrast_action.setCheckable(True)
        self.contrast_action.setChecked(self._settings.value("high_contrast", False, bool))
        self.contrast_action.toggled.connect(self.set_high_contrast)
        self.set_high_contrast(self.contrast_action.isChecked())
        view.addAction(self.tr("Aktualisieren"), self.refresh_all).setShortcut(QKeySequence("F12"))
        view.addSeparator()
        self.display_action = view.addAction(
            self.tr("&Aufrufanzeige öffnen (zweiter Bildschirm)"), self.open_display
        )

        self.language_menu = self.menuBar().addMenu(self.tr("&Sprache"))
        current = i18n.chosen_language(self._settings)
        self.language_actions: dict[str, QAction] = {}
        for code, name in i18n.LANGUAGES.items():
            action = self.language_menu.addAction(name, lambda c=code: self.choose_language(c))
            action.setCheckable(True)
            action.setChecked(code == current)
            self.language_actions[code] = action
        help_menu = self.menuBar().addMenu(self.tr("&Hilfe"))
        help_menu.addAction(self.tr("&Tastenkürzel"), self.show_shortcuts).setShortcut(
            QKeySequence("F1")
        )

    def choose_language(self, code: str) -> None:
        """Remember the UI language; it applies from the next start."""
        self._settings.setValue("language", code)
        for other, action in self.language_actions.items():
            action.setChecked(other == code)
        message = (
            "Die Sprache wird beim nächsten Start umgestellt."
            if code == "de"
            else "The language changes at the next start."
        )
        self.statusBar().showMessage(message, 8000)
        if self._show_dialogs:
            QMessageBox.information(self, i18n.LANGUAGES[code], message)

    # -------------------------------------------------------------- sign-in
    def set_user(self, user: UserInfo | None) -> None:
        """Who works here now (status bar; stamped on every step)."""
        from desk.domain.status import ROLE_LABELS_DE

        self.user = user
        if user is None:
            self.user_label.setText(self.tr("Ohne Anmeldung (Einzelplatz)"))
        else:
            role = ROLE_LABELS_DE.get(user.role, user.role)
            self.user_label.setText(self.tr("{0} · {1}").format(user.display_name, role))

    def sign_in(self, locked_by: str | None = None) -> LoginDialog | None:
        """Ask for name and password; the calendar stays hidden until one is right.
        ``locked_by``: the lock screen of that user (another user may sign in instead)."""
        if self._db is None:
            return None
        self.centralWidget().hide()
        dialog = LoginDialog(self._ops, self._db, self, locked_by=locked_by)
        dialog.setModal(True)
        dialog.accepted.connect(lambda: self._signed_in(dialog))
        dialog.rejected.connect(lambda: self._sign_in_abandoned(locked_by))
        self.login_dialog = dialog
        dialog.open()
        return dialog

    def _signed_in(self, dialog: LoginDialog) -> None:
        self.set_user(dialog.user)
        self.login_dialog = None
        self.centralWidget().show()

    def _sign_in_abandoned(self, locked_by: str | None) -> None:
        self.login_dialog = None
        if locked_by is not None:  # "Abmelden" at the lock screen: the next one signs in
            self.set_user(None)
            QTimer.singleShot(0, self.sign_in)
        else:
            self.close()

    def lock(self) -> LoginDialog | None:
        """Ctrl+L: hide everything until the password is entered again."""
        if self.user is None:
            return None
        return self.sign_in(locked_by=self.user.username)

    def refresh_all(self) -> None:
        """F12: the calendar, the queue and the reception read again."""
        self.refresh()
        self.queue.refresh()
        self.reception.refresh()

    def call_next_person(self) -> None:
        """F9: call the head of the queue to this counter (shows the queue panel)."""
        self.side.setCurrentIndex(1)
        self.queue.call_next()

    def _queue_for_counter(self) -> None:
        office = self.office
        if office is not None and self._db is not None:
            self.queue.set_counter(self._db, office.id, self.counter_number)

    def open_display(self) -> QWidget | None:
        """The call display of the chosen office as a window on the second screen (or
        this one), reading the same database; closing it stops its reads."""
        from PySide6.QtGui import QGuiApplication

        from ui.display.run import choose_screen, place
        from ui.display.window import DisplayWindow

        db, office = self._db, self.office
        if db is None or office is None:
            return None
        for old in self._displays:  # one display window per office is enough
            old.close()
        window = DisplayWindow(self._ops, lambda: db, office.id, self.now)
        place(window, choose_screen(QGuiApplication.screens(), None), full_screen=False)
        window.start()
        self._displays = [window]
        return window

    def ticket_printer(self) -> QPrinter | None:
        """Where tickets print: the system's default printer, else a PDF per ticket in the
        data folder (setting "ticket_pdf_dir" forces PDFs into that folder)."""
        from PySide6.QtPrintSupport import QPrinterInfo

        folder = self._settings.value("ticket_pdf_dir", "", str)
        if not folder and QPrinterInfo.availablePrinterNames():
            return QPrinter(QPrinterInfo.defaultPrinter(), QPrinter.PrinterMode.HighResolution)
        from desk.config import paths

        target = Path(folder) if folder else paths().data_dir / "tickets"
        target.mkdir(parents=True, exist_ok=True)
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target / f"ticket-{self.now():%Y%m%d-%H%M%S%f}.pdf"))
        return printer

    def set_high_contrast(self, on: bool) -> None:
        """Black on white blocks with strong edges, remembered."""
        self._settings.setValue("high_contrast", on)
        self.calendar.delegate.high_contrast = on
        self.setProperty("highContrast", on)
        self.style().unpolish(self)
        self.style().polish(self)
        self.calendar.viewport().update()

    def show_shortcuts(self) -> None:
        """The clerk's keys at a glance."""
        lines = [
            self.tr("← / →  Vortag / Folgetag (im Kalender), Alt+← / Alt+→ überall"),
            self.tr("T  Heute · Bild↑ / Bild↓  Woche zurück / vor"),
            self.tr("Strg+1 / 2 / 3  Tag / Woche / Liste"),
            self.tr("Strg+N  Neuer Termin · Strg+F  Suchen"),
        ]
        lines += [f"{SHORTCUTS[s]}  {self.actions_by_step[s].text()}" for s in self.actions_by_step]
        lines += [self.tr("Strg+E  Kalenderdatei · Strg+P  Drucken · F12  Aktualisieren")]
        QMessageBox.information(self, self.tr("Tastenkürzel"), "\n".join(lines))

    def closeEvent(self, event: QCloseEvent) -> None:
        for timer in (self.refresh_timer, self.reception.timer, self.queue.timer):
            timer.stop()
        for display in self._displays:
            display.close()
        self._settings.sync()
        db, self._db = self._db, None
        if db is not None:
            self._ops.run(db.dispose, lambda _none: None)
        super().closeEvent(event)


# Database work runs on the worker thread; the desk services (and SQLAlchemy with
# them) are imported there, on first use, so the window paints before they load.
def _offices(db: DeskDatabase) -> list[OfficeInfo]:
    from desk.services.offices import list_offices

    return list_offices(db)


def _day(db: DeskDatabase, office_id: str, day: date, now: datetime) -> tuple[DayGrid, str | None]:
    from desk.services.agenda import office_closed_reason
    from desk.services.calendar import day_grid

    return day_grid(db, office_id, day, now), office_closed_reason(db, office_id, day)


def _week(db: DeskDatabase, office_id: str, monday: date, now: datetime) -> WeekSummary:
    from desk.services.calendar import week_summary

    return week_summary(db, office_id, monday, now)


def _history(db: DeskDatabase, appointment_id: uuid.UUID) -> list[HistoryEntry]:
    from desk.services.lifecycle import history

    return history(db, appointment_id)


def _perform(
    db: DeskDatabase,
    appointment_id: uuid.UUID,
    step: Action,
    now: datetime,
    counter: int | None,
    reason: str | None,
    user_id: uuid.UUID | None = None,
) -> Transition:
    from desk.services.lifecycle import perform

    return perform(
        db, appointment_id, step, now, counter_number=counter, reason=reason, user_id=user_id
    )


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)
