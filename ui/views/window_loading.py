"""Loading the shown day (calendar, list) and week in the background; a refresh
updates changed cells in place and keeps scroll position and selection.

A mixin of MainWindow; texts keep the "MainWindow" translation context.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale, QModelIndex, QTimer
from PySide6.QtWidgets import (
    QTableView,
)

from desk.domain.status import AppointmentStatus
from ui.failures import failure_text
from ui.qt_dates import qdate
from ui.views import window_queries

if TYPE_CHECKING:
    from desk.services.appointments.agenda import AppointmentRow
    from desk.services.appointments.calendar import DayGrid, WeekSummary
    from ui.views.main_window import MainWindow

log = logging.getLogger("ui.views.main_window")


class DayLoading:
    """The day and the week, read off the GUI thread."""

    # -------------------------------------------------------------- loading
    def reload(self: MainWindow) -> None:  # type: ignore[misc]
        """Load the shown day of the chosen office in the background (a new day)."""
        self._load(fresh=True)

    def refresh(self: MainWindow) -> None:  # type: ignore[misc]
        """Load the shown day again; changed appointments update in place, the scroll
        position and the selection stay."""
        self._load(fresh=False)

    def _load(self: MainWindow, fresh: bool) -> None:  # type: ignore[misc]
        office, db = self.office, self._db
        if office is None or db is None:
            return
        day, now = self.day, self.now()
        self._generation += 1
        generation = self._generation
        self.title.setText(
            QCoreApplication.translate("MainWindow", "Termine – {0} – {1}").format(
                office.name, QLocale().toString(qdate(day), QLocale.FormatType.LongFormat)
            )
        )
        if fresh:
            self._load_message = QCoreApplication.translate(
                "MainWindow", "Termine werden geladen …"
            )
            self.statusBar().showMessage(self._load_message)
        self._ops.run(
            lambda: window_queries.day(db, office.id, day, now),
            lambda result: self._day_loaded(generation, *result, fresh=fresh),
            self._load_failed,
        )
        if self.views.currentWidget() is self.week:
            self._load_week()

    def _day_loaded(  # type: ignore[misc]
        self: MainWindow,
        generation: int,
        grid: DayGrid,
        closed: str | None = None,
        *,
        fresh: bool = True,
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
            QCoreApplication.translate(
                "MainWindow", "{0} Termine · {1} erledigt · {2} storniert"
            ).format(len(active), done, len(rows) - len(active))
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
            weekday = QLocale().dayName(qdate(self.day).dayOfWeek())
            text = QCoreApplication.translate("MainWindow", "Keine Termine am {0}, {1}.").format(
                weekday, QLocale().toString(qdate(self.day), "d. MMMM yyyy")
            )
            if closed:
                text += "\n" + QCoreApplication.translate("MainWindow", "{0}: {1}").format(
                    self.office.name if self.office else "", closed
                )
            self.empty.setText(text)
            self.stack.setCurrentWidget(self.empty)
            self._select(None)
        if self._side_reads_pending:  # the first day is in: paint it, then read the rest
            QTimer.singleShot(0, self._start_side_reads)
        self.day_loaded.emit()

    def _scroll_to_now(self: MainWindow, rows: list[AppointmentRow]) -> None:  # type: ignore[misc]
        """On today, show the appointments from now on (earlier ones are done)."""
        now = self.now()
        self.calendar.scroll_to_now()
        upcoming = next((i for i, r in enumerate(rows) if r.ends_at > now), None)
        if upcoming is not None and self.model.rowCount() == len(rows):
            self.table.doItemsLayout()  # the scroll range is updated lazily otherwise
            index = self.model.index(upcoming, 0)
            self.table.scrollTo(index, QTableView.ScrollHint.PositionAtTop)

    def _load_failed(self: MainWindow, error: BaseException) -> None:  # type: ignore[misc]
        message = failure_text(
            error,
            log,
            "loading the day failed",
            QCoreApplication.translate("MainWindow", "Termine konnten nicht geladen werden ({0})."),
        )
        self._load_message = message
        self.statusBar().showMessage(message)
        if self._side_reads_pending:
            QTimer.singleShot(0, self._start_side_reads)

    def _view_changed(self: MainWindow) -> None:  # type: ignore[misc]
        if self.views.currentWidget() is self.week:
            self._load_week()

    def _load_week(self: MainWindow) -> None:  # type: ignore[misc]
        office, db = self.office, self._db
        if office is None or db is None:
            return
        monday = self.day - timedelta(days=self.day.weekday())
        now = self.now()
        self._week_generation += 1
        generation = self._week_generation
        self._ops.run(
            lambda: window_queries.week(db, office.id, monday, now),
            lambda week: self._week_loaded(generation, week),
            self._load_failed,
        )

    def _week_loaded(self: MainWindow, generation: int, week: WeekSummary) -> None:  # type: ignore[misc]
        if generation != self._week_generation:
            return
        self.week_model.set_week(week, self.counter_number)
        self.week_loaded.emit()

    def _week_day_chosen(self: MainWindow, index: QModelIndex) -> None:  # type: ignore[misc]
        day = self.week_model.day_at(index.row())
        if day is not None:
            self.views.setCurrentWidget(self.calendar)
            self.date_edit.setDate(qdate(day))
