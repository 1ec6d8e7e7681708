"""The clerk's main window: office and counter, a day, that day's appointments."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import QDate, QLocale, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk.domain.errors import DeskError
from desk.domain.status import AppointmentStatus
from desk.services.agenda import AppointmentRow, day_appointments, office_closed_reason
from desk.services.database import DeskDatabase
from desk.services.offices import OfficeInfo, list_offices
from desk.sync.engine import SyncReport, SyncStatus
from ui.models.appointments_model import AppointmentTableModel
from ui.ops import Ops
from ui.sync_status import status_text

log = logging.getLogger(__name__)
GERMAN = QLocale(QLocale.Language.German, QLocale.Country.Germany)


class MainWindow(QMainWindow):
    """Office/counter chooser, date navigation and the day's appointments.

    The database is opened by ``open_db`` on the worker thread; every query runs
    there too, and results arrive through ``Ops`` on the GUI thread.

    Signals:
        day_loaded(): the shown day's appointments are in the model.
        failed(str): the database could not be opened; the message says why.
        database_opened(DeskDatabase): the database is open and its offices are known
            (the sync may start).
    """

    day_loaded = Signal()
    failed = Signal(str)
    database_opened = Signal(object)

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
    ) -> None:
        super().__init__()
        self._show_dialogs = show_dialogs
        self._ops = ops
        self._settings = settings
        self._open_db = open_db
        self._now = now
        self._first_start = first_start
        self._wanted_office = office_id or settings.value("office", None, str)
        wanted_counter = counter_number or settings.value("counter", 0, int)
        self._wanted_counter = wanted_counter or None
        self._db: DeskDatabase | None = None
        self._offices: list[OfficeInfo] = []
        self._generation = 0
        self._progress: QProgressDialog | None = None
        self.setWindowTitle(self.tr("Bürgerdesk"))
        self.model = AppointmentTableModel(self)
        self._build()
        self.statusBar().showMessage(self.tr("Datenbank wird geöffnet …"))

    # ----------------------------------------------------------------- layout
    def _build(self) -> None:
        bar = QHBoxLayout()
        self.office_box = QComboBox()
        self.office_box.setMinimumContentsLength(18)
        self.office_box.setAccessibleName(self.tr("Standort"))
        self.counter_box = QComboBox()
        self.counter_box.setMinimumContentsLength(10)
        self.counter_box.setAccessibleName(self.tr("Schalter"))
        self.prev_button = QPushButton(self.tr("◀ Vortag"))
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setLocale(GERMAN)
        self.date_edit.setDisplayFormat("dddd, dd.MM.yyyy")
        self.date_edit.setDate(_qdate(self._now.date()))
        self.next_button = QPushButton(self.tr("Folgetag ▶"))
        self.today_button = QPushButton(self.tr("&Heute"))
        for label, widget in (
            (self.tr("&Standort:"), self.office_box),
            (self.tr("S&chalter:"), self.counter_box),
        ):
            caption = QLabel(label)
            caption.setBuddy(widget)
            bar.addWidget(caption)
            bar.addWidget(widget)
        bar.addSpacing(16)
        for widget in (self.prev_button, self.date_edit, self.next_button, self.today_button):
            bar.addWidget(widget)
        bar.addStretch(1)

        self.title = QLabel()
        self.title.setObjectName("dayTitle")
        self.summary = QLabel()
        self.summary.setObjectName("daySummary")
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.empty = QLabel()
        self.empty.setObjectName("emptyDay")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)

        column = QVBoxLayout()
        column.addLayout(bar)
        column.addWidget(self.title)
        column.addWidget(self.summary)
        column.addWidget(self.stack, 1)
        central = QWidget()
        central.setLayout(column)
        self.setCentralWidget(central)

        self.sync_label = QLabel()
        self.sync_label.setObjectName("syncLabel")
        self.sync_label.hide()
        self.statusBar().addPermanentWidget(self.sync_label)
        self.db_label = QLabel()
        self.db_label.setObjectName("databaseLabel")
        self.statusBar().addPermanentWidget(self.db_label)

        self.office_box.currentIndexChanged.connect(self._office_changed)
        self.counter_box.currentIndexChanged.connect(self._counter_changed)
        self.date_edit.dateChanged.connect(lambda _d: self.reload())
        self.prev_button.clicked.connect(lambda: self.shift_day(-1))
        self.next_button.clicked.connect(lambda: self.shift_day(1))
        self.today_button.clicked.connect(self.go_today)
        QShortcut(QKeySequence("Alt+Left"), self, lambda: self.shift_day(-1))
        QShortcut(QKeySequence("Alt+Right"), self, lambda: self.shift_day(1))
        self._set_enabled(False)

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (
            self.office_box,
            self.counter_box,
            self.prev_button,
            self.date_edit,
            self.next_button,
            self.today_button,
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
        self._ops.run(lambda: list_offices(db), self._offices_loaded, self._database_failed)

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
        self._fill_counters()
        self.reload()

    def _counter_changed(self) -> None:
        number = self.counter_box.currentData()
        if number is not None:
            self._settings.setValue("counter", int(number))
            self._wanted_counter = int(number)
        self.model.set_own_counter(number)

    def shift_day(self, days: int) -> None:
        """Show the day ``days`` away from the shown one."""
        self.date_edit.setDate(self.date_edit.date().addDays(days))

    def go_today(self) -> None:
        """Show today."""
        self.date_edit.setDate(_qdate(self._now.date()))

    # -------------------------------------------------------------- loading
    def reload(self) -> None:
        """Load the shown day's appointments of the chosen office in the background."""
        office, db = self.office, self._db
        if office is None or db is None:
            return
        day = self.day
        self._generation += 1
        generation = self._generation
        self.title.setText(
            self.tr("Termine – {0} – {1}").format(
                office.name, GERMAN.toString(_qdate(day), QLocale.FormatType.LongFormat)
            )
        )
        self.statusBar().showMessage(self.tr("Termine werden geladen …"))
        self._ops.run(
            lambda: (
                day_appointments(db, office.id, day),
                office_closed_reason(db, office.id, day),
            ),
            lambda result: self._day_loaded(generation, *result),
            self._load_failed,
        )

    def _day_loaded(
        self, generation: int, rows: list[AppointmentRow], closed: str | None = None
    ) -> None:
        if generation != self._generation:
            return  # a newer request is on its way
        self.model.set_rows(rows)
        self.statusBar().clearMessage()
        active = [r for r in rows if r.status != AppointmentStatus.CANCELLED]
        done = sum(r.status == AppointmentStatus.DONE for r in rows)
        self.summary.setText(
            self.tr("{0} Termine · {1} erledigt · {2} storniert").format(
                len(active), done, len(rows) - len(active)
            )
        )
        if rows:
            self.stack.setCurrentWidget(self.table)
            if self.day == self._now.date():
                # after the view has laid out the new rows
                QTimer.singleShot(0, lambda: self._scroll_to_now(rows))
        else:
            weekday = GERMAN.dayName(_qdate(self.day).dayOfWeek())
            text = self.tr("Keine Termine am {0}, {1}.").format(
                weekday, GERMAN.toString(_qdate(self.day), "d. MMMM yyyy")
            )
            if closed:
                text += "\n" + self.tr("{0}: {1}").format(
                    self.office.name if self.office else "", closed
                )
            self.empty.setText(text)
            self.stack.setCurrentWidget(self.empty)
        self.day_loaded.emit()

    def _scroll_to_now(self, rows: list[AppointmentRow]) -> None:
        """On today, show the appointments from now on (earlier ones are done)."""
        upcoming = next((i for i, r in enumerate(rows) if r.ends_at > self._now), None)
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
        self.statusBar().showMessage(message)

    def show_sync_report(self, report: SyncReport) -> None:
        """A sync round finished: show the status, reload when central changes arrived."""
        self.show_sync_status(report.status)
        if report.pulled or report.rejected:
            self.reload()

    def show_sync_status(self, status: SyncStatus) -> None:
        """Show connected / offline since / waiting / conflicts in the status bar."""
        self.sync_label.setText(status_text(status))
        self.sync_label.setProperty("offline", not status.connected)
        self.sync_label.show()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._settings.sync()
        db, self._db = self._db, None
        if db is not None:
            self._ops.run(db.dispose, lambda _none: None)
        super().closeEvent(event)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)
