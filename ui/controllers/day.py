"""The shown day and its selection: the day (calendar, list) and the week read in the
background, a refresh that updates changed cells in place and keeps the scroll position
and the selection, and the selected appointment with its history.

Texts keep the "MainWindow" translation context (they were the window's).
"""

from __future__ import annotations

import logging
from datetime import date, timedelta
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QCoreApplication, QLocale, QModelIndex, QObject, QTimer, Signal
from PySide6.QtWidgets import QTableView

from desk.domain.status import AppointmentStatus
from ui.changes import Change, What
from ui.failures import failure_text
from ui.qt_dates import qdate
from ui.refusals import reason_text
from ui.views import window_queries

if TYPE_CHECKING:
    import uuid

    from PySide6.QtWidgets import QDateEdit, QLabel, QStackedWidget, QStatusBar, QTabWidget

    from desk.domain.refusals import Reason
    from desk.services.appointments.agenda import AppointmentRow
    from desk.services.appointments.calendar import DayGrid, WeekSummary
    from ui.models.appointments_model import AppointmentTableModel
    from ui.models.calendar_model import CalendarModel
    from ui.models.week_model import WeekModel
    from ui.ops import Ops
    from ui.session import DeskSession
    from ui.views.appointment_panel import AppointmentPanel
    from ui.views.calendar_view import CalendarView

log = logging.getLogger(__name__)


class DayWidgets(NamedTuple):
    """The widgets that show the day (built by the window)."""

    date_edit: QDateEdit
    title: QLabel
    summary: QLabel
    empty: QLabel
    stack: QStackedWidget
    views: QTabWidget
    calendar: CalendarView
    week: QTableView
    table: QTableView
    panel: AppointmentPanel
    status: QStatusBar
    model: AppointmentTableModel
    calendar_model: CalendarModel
    week_model: WeekModel


class DayController(QObject):
    """Loads the shown day and week of the session's office; keeps the selection.

    Signals:
        day_loaded(): the shown day is in the models (calendar, list).
        day_failed(str): the day could not be read; the message says why.
        week_loaded(): the week summary is in its model.
        history_loaded(): the selected appointment's history is shown.
        selection_changed(object): the selected appointment (AppointmentRow or None).
    """

    day_loaded = Signal()
    day_failed = Signal(str)
    week_loaded = Signal()
    history_loaded = Signal()
    selection_changed = Signal(object)

    def __init__(
        self, session: DeskSession, ops: Ops, widgets: DayWidgets, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._session, self._ops, self._w = session, ops, widgets
        self.generation = 0  # of the newest day request: older results are dropped
        self._week_generation = 0
        self._selected: AppointmentRow | None = None
        self._pending_select: uuid.UUID | None = None
        self._load_message: str | None = None  # the status message a load may clear
        widgets.date_edit.setDate(qdate(session.now().date()))
        widgets.date_edit.dateChanged.connect(lambda _d: self.reload())
        widgets.views.currentChanged.connect(lambda _i: self._view_changed())
        widgets.calendar.selectionModel().currentChanged.connect(self._calendar_current)
        widgets.table.selectionModel().currentChanged.connect(self._list_current)
        widgets.week.doubleClicked.connect(self._week_day_chosen)
        widgets.week.activated.connect(self._week_day_chosen)  # Enter too (twice is harmless)
        ops.changes.changed.connect(self._changed)

    @property
    def day(self) -> date:
        """The day shown."""
        return self._w.date_edit.date().toPython()  # type: ignore[no-any-return]

    @property
    def selected(self) -> AppointmentRow | None:
        """The appointment the clerk works on."""
        return self._selected

    def shift_day(self, days: int) -> None:
        """Show the day ``days`` away from the shown one."""
        self._w.date_edit.setDate(self._w.date_edit.date().addDays(days))

    def go_today(self) -> None:
        """Show today."""
        self._w.date_edit.setDate(qdate(self._session.now().date()))

    def show_and_select(self, day: date, appointment_id: uuid.UUID, change: Change) -> None:
        """A new appointment on ``day``: ``change`` is told to every view (the shown day
        reads again if it is ``day``), else ``day`` is shown; it is selected once in."""
        self._pending_select = appointment_id
        self._ops.changes.tell(change)
        if day != self.day:
            self._w.date_edit.setDate(qdate(day))

    def go_to(self, row: AppointmentRow) -> None:
        """Show the appointment's day and select it."""
        self._pending_select = row.id
        if row.starts_at.date() != self.day:
            self._w.date_edit.setDate(qdate(row.starts_at.date()))
        else:
            self.select_appointment(row.id)

    # -------------------------------------------------------------- loading
    def reload(self) -> None:
        """Load the shown day of the chosen office in the background (a new day)."""
        self._load(fresh=True)

    def refresh(self) -> None:
        """Load the shown day again; changed appointments update in place, the scroll
        position and the selection stay."""
        self._load(fresh=False)

    def _changed(self, change: Change) -> None:
        office = self._session.office
        if office is not None and change.concerns(
            What.APPOINTMENTS | What.CAPACITY, office.id, self.day
        ):
            self.refresh()

    def _load(self, fresh: bool) -> None:
        office, db = self._session.office, self._session.database
        if office is None or db is None:
            return
        day, now = self.day, self._session.now()
        self.generation += 1
        generation = self.generation
        self._w.title.setText(
            QCoreApplication.translate("MainWindow", "Termine – {0} – {1}").format(
                office.name, QLocale().toString(qdate(day), QLocale.FormatType.LongFormat)
            )
        )
        if fresh:
            self._load_message = QCoreApplication.translate(
                "MainWindow", "Termine werden geladen …"
            )
            self._w.status.showMessage(self._load_message)
        self._ops.run(
            lambda: window_queries.day(db, office.id, day, now),
            lambda result: self.day_read(generation, *result, fresh=fresh),
            self._load_failed,
        )
        if self._w.views.currentWidget() is self._w.week:
            self._load_week()

    def day_read(
        self, generation: int, grid: DayGrid, closed: Reason | None = None, *, fresh: bool = True
    ) -> None:
        """The day's grid arrived (dropped when a newer request is on its way)."""
        if generation != self.generation:
            return
        rows = list(grid.appointments)
        w = self._w
        w.calendar.set_now(self._session.now())
        w.calendar_model.set_grid(grid, self._session.counter)
        w.model.set_rows(rows)
        if w.status.currentMessage() == self._load_message:
            w.status.clearMessage()  # not a step's or a booking's message
        active = [r for r in rows if r.status != AppointmentStatus.CANCELLED]
        done = sum(r.status == AppointmentStatus.DONE for r in rows)
        w.summary.setText(
            QCoreApplication.translate(
                "MainWindow", "{0} Termine · {1} erledigt · {2} storniert"
            ).format(len(active), done, len(rows) - len(active))
        )
        if grid.times or rows:
            self._show_rows(rows, fresh)
        else:
            self._show_empty(closed)
        self.day_loaded.emit()

    def _show_rows(self, rows: list[AppointmentRow], fresh: bool) -> None:
        self._w.stack.setCurrentWidget(self._w.views)
        if self._pending_select is not None:
            wanted, self._pending_select = self._pending_select, None
            self.select_appointment(wanted)
        else:
            self._reselect(rows)
        if fresh and self.day == self._session.now().date():
            # after the view has laid out the new rows
            QTimer.singleShot(0, lambda: self.scroll_to_now(rows))

    def _show_empty(self, closed: Reason | None) -> None:
        day = qdate(self.day)
        weekday = QLocale().dayName(day.dayOfWeek())
        text = QCoreApplication.translate("MainWindow", "Keine Termine am {0}, {1}.").format(
            weekday, QLocale().toString(day, "d. MMMM yyyy")
        )
        if closed is not None:
            office = self._session.office
            said = reason_text(closed.code, closed.params) or str(closed)
            text += "\n" + QCoreApplication.translate("MainWindow", "{0}: {1}").format(
                office.name if office else "", said
            )
        self._w.empty.setText(text)
        self._w.stack.setCurrentWidget(self._w.empty)
        self._select(None)

    def scroll_to_now(self, rows: list[AppointmentRow]) -> None:
        """On today, show the appointments from now on (earlier ones are done)."""
        now = self._session.now()
        self._w.calendar.scroll_to_now()
        upcoming = next((i for i, r in enumerate(rows) if r.ends_at > now), None)
        if upcoming is not None and self._w.model.rowCount() == len(rows):
            self._w.table.doItemsLayout()  # the scroll range is updated lazily otherwise
            index = self._w.model.index(upcoming, 0)
            self._w.table.scrollTo(index, QTableView.ScrollHint.PositionAtTop)

    def _load_failed(self, error: BaseException) -> None:
        message = failure_text(
            error,
            log,
            "loading the day failed",
            QCoreApplication.translate("MainWindow", "Termine konnten nicht geladen werden ({0})."),
        )
        self._load_message = message
        self._w.status.showMessage(message)
        self.day_failed.emit(message)

    def _view_changed(self) -> None:
        if self._w.views.currentWidget() is self._w.week:
            self._load_week()

    def _load_week(self) -> None:
        office, db = self._session.office, self._session.database
        if office is None or db is None:
            return
        monday = self.day - timedelta(days=self.day.weekday())
        now = self._session.now()
        self._week_generation += 1
        generation = self._week_generation
        self._ops.run(
            lambda: window_queries.week(db, office.id, monday, now),
            lambda week: self._week_read(generation, week),
            self._load_failed,
        )

    def _week_read(self, generation: int, week: WeekSummary) -> None:
        if generation != self._week_generation:
            return
        self._w.week_model.set_week(week, self._session.counter)
        self.week_loaded.emit()

    def _week_day_chosen(self, index: QModelIndex) -> None:
        day = self._w.week_model.day_at(index.row())
        if day is not None:
            self._w.views.setCurrentWidget(self._w.calendar)
            self._w.date_edit.setDate(qdate(day))

    # ------------------------------------------------------------- selection
    def select_appointment(self, appointment_id: uuid.UUID) -> bool:
        """Select an appointment of the shown day in the calendar and the list."""
        w = self._w
        index = w.calendar_model.index_of(appointment_id)
        row = w.calendar_model.appointment_at(index) if index.isValid() else None
        if row is not None:
            w.calendar.setCurrentIndex(index)
            w.calendar.scrollTo(index)
        else:  # cancelled ones are only in the list
            row = next((r for r in w.model.rows if r.id == appointment_id), None)
            if row is not None:
                w.table.selectRow(w.model.rows.index(row))
        self._select(row)
        return row is not None

    def _calendar_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        model = self._w.calendar_model
        self._select(model.appointment_at(current) if current.isValid() else None)

    def _list_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._select(self._w.model.row_at(current.row()))

    def _reselect(self, rows: list[AppointmentRow]) -> None:
        """Keep the selected appointment selected (with its new state) after a load."""
        if self._selected is None:
            return
        again = next((r for r in rows if r.id == self._selected.id), None)
        if again is None:
            self._select(None)
            return
        index = self._w.calendar_model.index_of(again.id)
        if index.isValid() and self._w.calendar.currentIndex() != index:
            self._w.calendar.setCurrentIndex(index)
        self._select(again)

    def _select(self, row: AppointmentRow | None) -> None:
        changed = row != self._selected
        self._selected = row
        self.selection_changed.emit(row)
        if changed:
            self._w.panel.show_appointment(row)
            if row is not None:
                self.load_history(row.id)
            else:
                self._w.panel.history.clear()

    def load_history(self, appointment_id: uuid.UUID) -> None:
        """Read the appointment's history and show it while it is still selected."""
        db = self._session.database
        if db is None:
            return

        def shown(entries: list) -> None:  # type: ignore[type-arg]
            if self._selected is not None and self._selected.id == appointment_id:
                self._w.panel.show_history(entries)
                self.history_loaded.emit()

        self._ops.run(lambda: window_queries.history(db, appointment_id), shown, self._load_failed)
