"""The clerk's main window: office and counter, the counter calendar (day, week, list),
the selected appointment with its life-cycle steps, booking and search.

The window builds and lays out the widgets and wires the parts that do the work, each
with explicit dependencies (qutebrowser's way): the session (database, office, counter,
user, clock), the start sequence (ui.start_sequence), the office and counter boxes
(OfficeChooser), the day and its selection (DayController), the clerk's steps
(ClerkSteps), the walk-in side (WalkIn), sign-in and lock (SignIn), the team lead's
tools (TeamTools) and the menus (WindowMenus). Changes reach every view through the
operations' one broadcast (ui.changes). The public methods below are the window's
doors to its parts (for ui.gui, the idle lock and the tests).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFont, QFontMetrics, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
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

from desk.domain.steps import Action
from ui.accessible_names import name_by_label
from ui.announce import announce, show_state
from ui.changes import SYNCED
from ui.controllers.clerk_steps import ClerkSteps
from ui.controllers.counter_person import CounterPersonPart
from ui.controllers.day import DayController, DayWidgets
from ui.controllers.office_chooser import OfficeChooser
from ui.controllers.sign_in import SignIn
from ui.controllers.team_tools import TeamTools
from ui.controllers.walk_in import WalkIn, ticket_printer
from ui.date_field import DateField
from ui.labels import action_label
from ui.models.appointments_model import AppointmentTableModel
from ui.models.calendar_model import CalendarModel
from ui.models.week_model import WeekModel
from ui.ops import Ops
from ui.screen_fit import Scrolling
from ui.session import DeskSession
from ui.start_sequence import StartSequence
from ui.sync_status import SyncNews, status_text
from ui.text_size import percent as text_percent
from ui.theme import QUIET_TEXT, SUMMARY_TEXT, SYNC_LABEL_STYLE, restyle, style_label
from ui.views.appointment_panel import AppointmentPanel
from ui.views.calendar_view import CalendarView
from ui.views.current_person_bar import CurrentPersonBar
from ui.views.focus_places import focus_into
from ui.views.text_size_menu import TextSizeMenu
from ui.views.window_actions import SHORTCUTS, WindowMenus

if TYPE_CHECKING:
    import uuid
    from pathlib import Path

    from PySide6.QtGui import QCloseEvent, QPaintEvent
    from PySide6.QtPrintSupport import QPrinter

    from desk.domain.clock import Clock
    from desk.services.admin.auth import UserInfo
    from desk.services.appointments.agenda import AppointmentRow
    from desk.services.database import DeskDatabase
    from desk.services.offices import OfficeInfo
    from desk.sync.connect import CentralSession
    from desk.sync.engine import SyncReport, SyncStatus
    from ui.dialogs.booking_dialog import BookingDialog
    from ui.dialogs.login_dialog import LoginDialog
    from ui.dialogs.search_dialog import SearchDialog
    from ui.idle_lock import Curtains
    from ui.views.queue_panel import QueuePanel
    from ui.views.reception_view import ReceptionView

log = logging.getLogger(__name__)
REFRESH_MS = 20_000  # the passing of time (the now line, due states); changes are told


def scroll_page(widget: QWidget | None = None) -> QScrollArea:
    """A frameless scroll area: a short window scrolls its page instead of clipping it."""
    page = Scrolling()  # follows its page's minimum size (text sizes, late contents)
    if widget is not None:
        page.setWidget(widget)
    page.setWidgetResizable(True)
    page.setFrameShape(QScrollArea.Shape.NoFrame)
    # no Tab stop of its own (nothing to say or do there): Tab goes to the controls on
    # the page, and the page scrolls to show the one with the focus
    page.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return page


class MainWindow(QMainWindow):
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
        self._first_start = first_start
        self._sign_in_at_start = sign_in_at_start  # a database with users asks who works here
        self._progress: QProgressDialog | None = None
        self._displays: list[QWidget] = []
        self.session = DeskSession(clock, self)
        self._open_db = open_db  # what the start runs on the worker
        self.start_sequence = StartSequence(ops, open_db, self)
        self.setWindowTitle(self.tr("Bürgerdesk"))
        self.model = AppointmentTableModel(self)
        self.calendar_model = CalendarModel(self)
        self.week_model = WeekModel(self)
        self.actions_by_step = self._make_step_actions()
        self._build()
        self.days = DayController(self.session, ops, self._day_widgets(), self)
        self.chooser = OfficeChooser(
            self.session, settings, (self.office_box, self.counter_box), office_id,
            counter_number, self,
        )  # fmt: skip
        self.clerk = ClerkSteps(self.session, ops, self.days, self, show_dialogs)
        pages = (self.reception_page, self.queue_page)
        self.walk_in = WalkIn(self.session, ops, settings, pages, self)
        self.person = CounterPersonPart(
            self.person_bar, self.person_label, self.actions_by_step, self.days, self.walk_in,
            self.calendar_model, self.clerk, self.panel, self,
        )  # fmt: skip
        self.sign_in_part = SignIn(
            self.session, ops, self, self.user_label, lambda: list(self._displays)
        )
        self.sign_in_part.home = self.calendar  # the keys' place after signing in
        self.menus = WindowMenus(
            self.session, ops, self, settings, self.calendar, self.actions_by_step, show_dialogs
        )
        self._build_menus()
        self.team = TeamTools(self.session, ops, self)
        self._name_the_menus_actions()
        self._wire()
        self._set_enabled(False)
        self.statusBar().showMessage(self.tr("Datenbank wird geöffnet …"))
        self.refresh_timer = QTimer(self)
        self.refresh_timer.setInterval(REFRESH_MS)
        self.refresh_timer.timeout.connect(self.days.refresh)

    # --------------------------------------------------------------- layout
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
        """The widgets, laid out: the bars over the day's views, the side panel beside."""
        column = self._column = QVBoxLayout()
        self._office_bar = self._build_office_bar()
        column.addLayout(self._office_bar)
        column.addLayout(self._build_day_bar())
        self.person_bar = CurrentPersonBar()  # who the keys act on: see CounterPersonPart
        column.addWidget(self.person_bar)
        self._build_headings()
        column.addWidget(self.title)
        column.addWidget(self.summary)
        column.addWidget(self._build_day_views(), 1)
        column.addWidget(self.legend)
        left = self._day_column = QWidget()
        left.setLayout(column)
        self._day_page = scroll_page()  # holds the column at large text: see _text_size_changed
        self._day_page.setParent(self)  # kept, hidden, while not in use
        self._day_page.hide()
        splitter = self._splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self._build_side())
        splitter.setStretchFactor(0, 1)
        splitter.setCollapsible(0, False)
        self.setCentralWidget(splitter)
        self._build_status_bar()
        self._build_keys()

    def _build_office_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.office_box = QComboBox()
        self.office_box.setMinimumContentsLength(14)
        self.office_box.setAccessibleName(QCoreApplication.translate("MainWindow", "Standort"))
        self.counter_box = QComboBox()
        self.counter_box.setMinimumContentsLength(10)
        for box in (self.office_box, self.counter_box):  # as wide as the names, any text size
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.counter_box.setAccessibleName(QCoreApplication.translate("MainWindow", "Schalter"))
        self.book_button = QPushButton(QCoreApplication.translate("MainWindow", "&Neuer Termin …"))
        self.book_button.setObjectName("primaryButton")
        office = QCoreApplication.translate("MainWindow", "Standort:")
        for label, widget in (  # no Alt+S for the office: it opens the menu Sprache
            (office, self.office_box),
            (QCoreApplication.translate("MainWindow", "S&chalter:"), self.counter_box),
        ):
            caption = QLabel(label)
            name_by_label(caption, widget)
            bar.addWidget(caption)
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.book_button)
        return bar

    def _build_day_bar(self) -> QHBoxLayout:
        """A row of its own: the window fits 1366 px with the side panel."""
        self.prev_button = QPushButton(QCoreApplication.translate("MainWindow", "◀ Vortag"))
        self.date_edit = DateField()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("dddd, dd.MM.yyyy")
        self.date_edit.setAccessibleName(
            QCoreApplication.translate("MainWindow", "Angezeigter Tag")
        )
        self.prev_button.setAccessibleName(QCoreApplication.translate("MainWindow", "Vortag"))
        self.next_button = QPushButton(QCoreApplication.translate("MainWindow", "Folgetag ▶"))
        self.next_button.setAccessibleName(QCoreApplication.translate("MainWindow", "Folgetag"))
        today = QCoreApplication.translate("MainWindow", "Heute")
        self.today_button = QPushButton(today)  # Alt+H opens the menu Hilfe; T is today
        days = QHBoxLayout()
        for widget in (self.prev_button, self.date_edit, self.next_button, self.today_button):
            days.addWidget(widget)
        days.addStretch(1)
        self.prev_button.clicked.connect(lambda: self.shift_day(-1))
        self.next_button.clicked.connect(lambda: self.shift_day(1))
        self.today_button.clicked.connect(self.go_today)
        return days

    def _build_headings(self) -> None:
        self.title = QLabel()
        self.title.setObjectName("dayTitle")
        self.title.setWordWrap(True)
        style_label(self.title, point_size=16, weight=QFont.Weight.DemiBold, margins=(0, 6, 0, 2))
        self.summary = QLabel()
        self.summary.setObjectName("daySummary")
        style_label(self.summary, colour=SUMMARY_TEXT, margins=(0, 0, 0, 6))
        self.legend = QLabel(
            QCoreApplication.translate(
                "MainWindow",
                "Legende: @ frei online · ▨ frei nur intern · + zusätzlich freigegeben · "
                "▩ geschlossen · rote Linie: jetzt",
            )
        )
        self.legend.setObjectName("legend")
        self.legend.setWordWrap(True)

    def _build_day_views(self) -> QStackedWidget:
        """Day, week, list and the reception in tabs; a message instead when empty."""
        self.calendar = CalendarView()
        self.calendar.setModel(self.calendar_model)
        self.week = QTableView()
        self.week.setTabKeyNavigation(False)  # Tab leaves it; arrows move inside
        self.week.setModel(self.week_model)
        self.week.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.week.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.week.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.week.setAccessibleName(QCoreApplication.translate("MainWindow", "Wochenübersicht"))
        self.table = _appointment_table(self.model)
        self.views = QTabWidget()
        self.reception_page = scroll_page()  # the reception: see WalkIn.build
        self.reception_page.setAccessibleName(QCoreApplication.translate("MainWindow", "Empfang"))
        for page, label in (
            (self.calendar, QCoreApplication.translate("MainWindow", "&Tag")),
            (self.week, QCoreApplication.translate("MainWindow", "&Woche")),
            (self.table, QCoreApplication.translate("MainWindow", "&Liste")),
            (self.reception_page, QCoreApplication.translate("MainWindow", "&Empfang")),
        ):  # Strg+1 … 4 reach them; Alt+T and Alt+E open the menus Termin and Teamleitung
            self.views.addTab(page, label.replace("&", ""))
        self.empty = QLabel()
        self.empty.setObjectName("emptyDay")
        style_label(self.empty, point_size=14, colour=QUIET_TEXT)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.views)
        self.stack.addWidget(self.empty)
        return self.stack

    def _build_side(self) -> QTabWidget:
        self.panel = AppointmentPanel(self.actions_by_step)
        self.queue_page = scroll_page()  # the queue panel: see WalkIn.build
        self.side = QTabWidget()
        self._panel_page = scroll_page(self.panel)
        for page, label in (
            (self._panel_page, QCoreApplication.translate("MainWindow", "Termin")),
            (self.queue_page, QCoreApplication.translate("MainWindow", "Warteschlange")),
        ):
            page.setAccessibleName(label)  # the page scrolls with the arrow keys: a stop
            self.side.addTab(page, label)
        self.side.setMinimumWidth(300)
        self.side.setMaximumWidth(400)
        return self.side

    def _build_status_bar(self) -> None:
        self.sync_label = QLabel()
        self.sync_label.setObjectName("syncLabel")
        self.sync_label.setStyleSheet(SYNC_LABEL_STYLE)
        self.sync_label.hide()
        self.sync_news = SyncNews()  # offline, back online, a new conflict: announced
        self.user_label = QLabel(
            QCoreApplication.translate("MainWindow", "Ohne Anmeldung (Einzelplatz)")
        )
        self.user_label.setObjectName("userLabel")
        self.person_label = QLabel()
        self.person_label.setObjectName("counterPersonLabel")
        self.db_label = QLabel()
        self.db_label.setObjectName("databaseLabel")
        states = QWidget()  # the labels in one row; two at large text (_arrange_states)
        self._states = QGridLayout(states)
        self._states.setContentsMargins(0, 0, 0, 0)
        self._arrange_states(large=False)
        self.statusBar().addPermanentWidget(states)

    def _arrange_states(self, *, large: bool) -> None:
        """The status bar's labels side by side; at large text the sync state over the
        user and the counter's person (one row would be wider than the window)."""
        grid = self._states
        places = (
            [(self.sync_label, 0, 0, 2), (self.user_label, 1, 0, 1), (self.person_label, 1, 1, 1)]
            if large
            else [
                (self.sync_label, 0, 0, 1),
                (self.user_label, 0, 1, 1),
                (self.person_label, 0, 2, 1),
                (self.db_label, 0, 3, 1),
            ]
        )
        for label in (self.sync_label, self.user_label, self.person_label, self.db_label):
            grid.removeWidget(label)
        for label, row, column, span in places:
            grid.addWidget(label, row, column, 1, span)

    def _build_keys(self) -> None:
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

    def _build_menus(self) -> None:
        """Termin (the clerk's commands) and Ansicht (the views); then the menus of
        WindowMenus (language, help)."""
        menu = self.menuBar().addMenu(QCoreApplication.translate("MainWindow", "&Termin"))
        clerk = self.clerk
        self.book_action = menu.addAction(
            QCoreApplication.translate("MainWindow", "&Neuer Termin …"), self.open_booking
        )
        self.book_action.setShortcut(QKeySequence("Ctrl+N"))
        self.book_button.clicked.connect(self.open_booking)
        self.search_action = menu.addAction(
            QCoreApplication.translate("MainWindow", "&Suchen …"), self.open_search
        )
        self.search_action.setShortcut(QKeySequence("Ctrl+F"))
        menu.addSeparator()
        for action in self.actions_by_step.values():
            menu.addAction(action)
        menu.addSeparator()
        self.ics_action = menu.addAction(
            QCoreApplication.translate("MainWindow", "Als &Kalenderdatei (.ics) speichern …"),
            clerk.save_ics_dialog,
        )
        self.ics_action.setShortcut(QKeySequence("Ctrl+E"))
        self.lock_action = QAction(QCoreApplication.translate("MainWindow", "Platz &sperren"), self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(lambda: self.lock())
        self.addAction(self.lock_action)  # works while the menu bar is not focused too
        self.print_action = menu.addAction(
            QCoreApplication.translate("MainWindow", "Bestätigung &drucken …"), clerk.print_dialog
        )
        self.print_action.setShortcut(QKeySequence("Ctrl+P"))
        for action in (self.ics_action, self.print_action):
            action.setEnabled(False)
        menu.addSeparator()
        menu.addAction(self.lock_action)
        self._build_view_menu()
        self.menus.build_language_and_help(self.menuBar())

    def _build_view_menu(self) -> None:
        view = self.menuBar().addMenu(QCoreApplication.translate("MainWindow", "&Ansicht"))
        views, side = self.views, self.side
        places = (
            (QCoreApplication.translate("MainWindow", "&Tag"), views, self.calendar),
            (QCoreApplication.translate("MainWindow", "&Woche"), views, self.week),
            (QCoreApplication.translate("MainWindow", "&Liste"), views, self.table),
            (QCoreApplication.translate("MainWindow", "&Empfang"), views, self.reception_page),
            (QCoreApplication.translate("MainWindow", "Termin&details"), side, self._panel_page),
            (QCoreApplication.translate("MainWindow", "Warte&schlange"), side, self.queue_page),
        )  # Strg+1 … Strg+6
        for number, (label, tabs, page) in enumerate(places, start=1):
            action = view.addAction(label, lambda t=tabs, p=page: self.show_place(t, p))
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
        view.addSeparator()
        self.contrast_action = view.addAction(
            QCoreApplication.translate("MainWindow", "&Hoher Kontrast")
        )
        self.contrast_action.setCheckable(True)
        self.contrast_action.setChecked(self._settings.value("high_contrast", False, bool))
        self.contrast_action.toggled.connect(self.menus.set_high_contrast)
        if self.contrast_action.isChecked():
            self.menus.set_high_contrast(True)
        self.text_size = TextSizeMenu(self._settings, self)  # applies the remembered size
        self.text_size.build(view)
        self.text_size.changed.connect(self._text_size_changed)
        self._text_size_changed(text_percent())
        view.addAction(
            QCoreApplication.translate("MainWindow", "Aktualisieren"), self.refresh_all
        ).setShortcut(QKeySequence("F12"))
        view.addSeparator()
        self.display_action = view.addAction(
            QCoreApplication.translate("MainWindow", "&Aufrufanzeige öffnen (zweiter Bildschirm)"),
            self.open_display,
        )
        self.sync_action = view.addAction(
            QCoreApplication.translate("MainWindow", "Ab&gleich und Konflikte …"), self.open_sync
        )
        self.sync_action.setShortcut(QKeySequence("Ctrl+Shift+A"))

    def _text_size_changed(self, percent: int) -> None:
        """Larger text: the day's views keep room for some rows (the column beside the
        side panel scrolls instead), the side panel's tabs get room for their names, and
        there is no room for the database's path in the status bar (Hilfe → Über names
        it)."""
        large = percent > 100
        line = QFontMetrics(QApplication.font()).height()
        self.stack.setMinimumHeight(line * 11 if large else 0)
        self._place_book_button(large)
        self._arrange_states(large=large)
        column, page = self._day_column, self._day_page
        if large and page.widget() is not column:
            self._splitter.replaceWidget(0, page)
            page.setWidget(column)
            page.show()
            column.show()
        elif not large and page.widget() is column:
            self._splitter.replaceWidget(0, page.takeWidget())
            column.show()
            page.setParent(self)  # the splitter let it go
            page.hide()
        self.side.setMinimumWidth(480 if large else 300)
        self.side.setMaximumWidth(520 if large else 400)
        self.db_label.setVisible(not large)

    def _place_book_button(self, own_row: bool) -> None:
        """ "Neuer Termin …" at the end of the office bar, or (large text) in a row of its
        own under the day bar: the bar would be wider than the column."""
        button, bar, column = self.book_button, self._office_bar, self._column
        if own_row == (bar.indexOf(button) < 0):
            return
        (bar if own_row else column).removeWidget(button)
        if own_row:
            column.insertWidget(2, button, 0, Qt.AlignmentFlag.AlignLeft)
        else:
            bar.addWidget(button)

    def _name_the_menus_actions(self) -> None:
        """The parts' actions under the names the window always had."""
        team = self.team
        self.about_action = self.menus.about_action
        self.capacity_action, self.audit_action = team.capacity_action, team.audit_action
        self.statistics_action, self.staffing_action = team.statistics_action, team.staffing_action
        self.users_action, self.team_menu = team.users_action, team.menu

    def _day_widgets(self) -> DayWidgets:
        return DayWidgets(
            date_edit=self.date_edit,
            title=self.title,
            summary=self.summary,
            empty=self.empty,
            stack=self.stack,
            views=self.views,
            calendar=self.calendar,
            week=self.week,
            table=self.table,
            panel=self.panel,
            status=self.statusBar(),
            model=self.model,
            calendar_model=self.calendar_model,
            week_model=self.week_model,
        )

    def _wire(self) -> None:
        """The parts' signals: the start, the day, the steps, failures nobody handles."""
        start, days = self.start_sequence, self.days
        start.database_ready.connect(self._database_ready)
        start.offices_read.connect(self._offices_loaded)
        start.failed.connect(self._database_failed)
        start.side_reads.connect(self._start_side_reads)
        for view in (self.calendar, self.table):  # Enter on an appointment: to its details
            view.activated.connect(lambda _index: self._to_details())
        days.day_loaded.connect(start.first_day_done)
        days.day_failed.connect(lambda _message: start.first_day_done())
        days.day_loaded.connect(self.day_loaded)
        days.week_loaded.connect(self.week_loaded)
        days.history_loaded.connect(self.history_loaded)
        days.selection_changed.connect(self._selection_changed)
        self.clerk.step_done.connect(self.step_done)
        self.clerk.step_refused.connect(self.step_refused)
        self._ops.failed.connect(self._operation_failed)
        self.chooser.office_chosen.connect(self._office_chosen)
        self.chooser.counter_chosen.connect(self._counter_chosen)
        self.session.counter_changed.connect(self.model.set_own_counter)  # marked in the list

    # --------------------------------------------------------- the session
    @property
    def ops(self) -> Ops:
        """The window's operations queue."""
        return self._ops

    def now(self) -> datetime:
        """The current time of the desk's one clock."""
        return self.session.now()

    @property
    def clock(self) -> Clock:
        """The desk's one clock (the sync, housekeeping and the display take it too)."""
        return self.session.clock

    @property
    def database(self) -> DeskDatabase | None:
        """The open database (None until opened)."""
        return self.session.database

    @property
    def offices(self) -> list[OfficeInfo]:
        """The offices known (empty until the database is open)."""
        return list(self.session.offices)

    @property
    def office(self) -> OfficeInfo | None:
        """The office chosen."""
        return self.session.office

    @property
    def counter_number(self) -> int | None:
        """The clerk's own counter."""
        return self.session.counter

    @property
    def user(self) -> UserInfo | None:
        """Who works here (None: nobody signed in, or a desk without users)."""
        return self.session.user

    @property
    def central_session(self) -> CentralSession | None:
        """This PC's connection to the central service (None standalone)."""
        return self.session.central

    @central_session.setter
    def central_session(self, central: CentralSession | None) -> None:
        self.session.central = central

    @property
    def authenticator(self) -> Callable[[DeskDatabase, str, str], UserInfo] | None:
        """How a name and password are checked (see DeskSession.authenticator)."""
        return self.session.authenticator

    @authenticator.setter
    def authenticator(self, check: Callable[[DeskDatabase, str, str], UserInfo] | None) -> None:
        self.session.authenticator = check

    # ----------------------------------------------------------- the start
    def start(self) -> None:
        """Open the database in the background (creating the demo city on first start);
        a shown window opens it once it has painted (see ui.start_sequence)."""
        if self._first_start:
            self._progress = _first_start_progress(self)
        self.start_sequence.start(shown=self.isVisible())

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.start_sequence.paint():  # the first paint
            QTimer.singleShot(0, self.walk_in.build)  # the hidden tabs' contents
            self.painted.emit()

    def _database_ready(self, db: DeskDatabase) -> None:
        self.session.database = db
        self.db_label.setText(
            QCoreApplication.translate("MainWindow", "Datenbank: {0}").format(db.display_url)
        )
        self.db_label.setToolTip(db.display_url)

    def _database_failed(self, message: str) -> None:
        self._close_progress()
        self.statusBar().showMessage(message)
        self.empty.setText(message)
        self.stack.setCurrentWidget(self.empty)
        self.failed.emit(message)
        if self._show_dialogs:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.critical(
                self, QCoreApplication.translate("MainWindow", "Datenbank"), message
            )

    def _offices_loaded(self, offices: list[OfficeInfo], has_users: bool = False) -> None:
        self._close_progress()
        if has_users and self._sign_in_at_start:
            self.sign_in()  # before anything of the day is read, let alone shown
        self.chooser.fill(offices)
        self._set_enabled(bool(offices))
        self.team.update()
        self.statusBar().clearMessage()
        self.days.reload()  # the reception and the queue read once it is in
        self.refresh_timer.start()
        if self.session.database is not None:
            self.database_opened.emit(self.session.database)

    def _start_side_reads(self) -> None:
        """The reception's and the queue's first reads (once, after the first day)."""
        self.walk_in.serve_office()
        self.walk_in.serve_counter()

    def _close_progress(self) -> None:
        if self._progress is not None:
            self._progress.close()
            self._progress = None

    # ------------------------------------------------------------ choosing
    def _office_chosen(self) -> None:
        self.walk_in.serve_office()
        self.days.reload()  # each read once: the day, the reception, the queue
        self.walk_in.serve_counter()

    def _counter_chosen(self) -> None:
        self.days.refresh()
        self.walk_in.serve_counter()

    # ---------------------------------------------------- the parts' doors
    @property
    def day(self) -> date:
        """The day shown."""
        return self.days.day

    @property
    def selected(self) -> AppointmentRow | None:
        """The appointment the clerk works on."""
        return self.days.selected

    def reload(self) -> None:
        """Read the shown day again as a new day."""
        self.days.reload()

    def refresh(self) -> None:
        """Read the shown day again, in place (see DayController.refresh)."""
        self.days.refresh()

    def shift_day(self, days: int) -> None:
        """Show the day ``days`` away from the shown one."""
        self.days.shift_day(days)

    def go_today(self) -> None:
        """Show today."""
        self.days.go_today()

    def select_appointment(self, appointment_id: uuid.UUID) -> bool:
        """Select an appointment of the shown day in the calendar and the list."""
        return self.days.select_appointment(appointment_id)

    def take_step(self, step: Action, reason: str | None = None) -> None:
        """A step key: with the counter's current person if there is one (see
        CounterPersonPart), else with the selected appointment (see ClerkSteps)."""
        if self.person.takes(step):
            self.person.take(step)
        else:
            self.clerk.take_step(step, reason)

    def open_booking(self) -> BookingDialog | None:
        """Open the booking dialog (returned for tests)."""
        return self.clerk.open_booking()

    def open_search(self) -> SearchDialog | None:
        """Open the search by booking code or name."""
        return self.clerk.open_search()

    def export_ics(self, path: Path) -> None:
        """Write the selected appointment's calendar file (in the background)."""
        self.clerk.export_ics(path)

    @property
    def reception(self) -> ReceptionView:
        """The reception tab: walk-in tickets and check-in."""
        return self.walk_in.reception

    @property
    def queue(self) -> QueuePanel:
        """The side panel's queue: who waits, call next, recall."""
        return self.walk_in.queue

    def ticket_printer(self) -> QPrinter | None:
        """Where the reception's tickets print (see ui.controllers.walk_in)."""
        return ticket_printer(self._settings, self.session.now)

    @property
    def login_dialog(self) -> LoginDialog | None:
        """The open sign-in or lock dialog."""
        return self.sign_in_part.login_dialog

    @property
    def curtains(self) -> Curtains | None:
        """The covers over every window while locked (None when not locked)."""
        return self.sign_in_part.curtains

    def set_user(self, user: UserInfo | None) -> None:
        """Who works here now (status bar; stamped on every step)."""
        self.sign_in_part.set_user(user)

    def sign_in(
        self, locked_by: str | None = None, *, idle_minutes: int | None = None
    ) -> LoginDialog | None:
        """Ask for name and password (see SignIn.sign_in)."""
        return self.sign_in_part.sign_in(locked_by, idle_minutes=idle_minutes)

    def lock(self, *, idle_minutes: int | None = None) -> LoginDialog | None:
        """Ctrl+L (or idle): cover everything until the password is entered again."""
        return self.sign_in_part.lock(idle_minutes=idle_minutes)

    def end_sign_in(self) -> None:
        """The sign-in or lock dialog goes, quietly (see SignIn.end)."""
        self.sign_in_part.end()

    def open_capacity(self) -> QWidget | None:
        """The capacity editor (see TeamTools)."""
        return self.team.open_capacity()

    def open_users(self) -> QWidget | None:
        """User management (see TeamTools)."""
        return self.team.open_users()

    def open_audit(self) -> QWidget | None:
        """The audit log viewer (see TeamTools)."""
        return self.team.open_audit()

    def open_statistics(self) -> QWidget | None:
        """Statistics (see TeamTools)."""
        return self.team.open_statistics()

    def open_staffing(self) -> QWidget | None:
        """The staffing advisor (see TeamTools)."""
        return self.team.open_staffing()

    # ------------------------------------------------------ window-wide acts
    def refresh_all(self) -> None:
        """F12: the calendar, the queue and the reception read again."""
        self.days.refresh()
        self.queue.refresh()
        self.reception.refresh()

    def show_place(self, tabs: QTabWidget, page: QWidget) -> None:
        """Strg+1 … Strg+6: show a view or side tab and give it the keys (focus_into)."""
        tabs.setCurrentWidget(page)
        if self.centralWidget().isVisible():
            focus_into(page)

    def _to_details(self) -> None:
        """Enter on an appointment: the keys go to its details (a free slot: nothing)."""
        if self.selected is not None:
            self.show_place(self.side, self._panel_page)

    def call_next_person(self) -> None:
        """F9: call the head of the queue to this counter (shows the queue panel)."""
        self.side.setCurrentIndex(1)
        self.queue.call_next()

    def open_display(self) -> QWidget | None:
        """The call display of the chosen office as a window (see WindowMenus)."""
        window = self.menus.open_display(self._displays)
        if window is not None:
            self._displays = [window]
        return window

    def _selection_changed(self, row: AppointmentRow | None) -> None:
        for action in (self.ics_action, self.print_action):
            action.setEnabled(row is not None)
        self.person.show()  # the step keys: the counter's person, else the selection

    def _operation_failed(self, message: str) -> None:
        """The default for an operation without its own error handler: its words in the
        status bar (and a message box), and told to assistive technology."""
        self.statusBar().showMessage(message, 8000)
        if not self._show_dialogs:  # a message box is said by the screen reader itself
            announce(self.statusBar(), message, assertive=True)
        else:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(
                self, QCoreApplication.translate("MainWindow", "Nicht möglich"), message
            )

    # ---------------------------------------------------------------- sync
    def show_sync_report(self, report: SyncReport) -> None:
        """A sync round finished: show the status; central changes are told to every
        view (a push of the central service wakes the round)."""
        self.show_sync_status(report.status)
        conflict = self.sync_news.of_report(report)
        if conflict is not None:
            announce(self.sync_label, conflict.text, assertive=conflict.assertive)
        if report.pulled or report.rejected:
            self._ops.changes.tell(SYNCED)

    def open_sync(self) -> QWidget | None:
        """Strg+Umschalt+A: the sync state in words and the open conflicts (a dialog)."""
        from ui.dialogs.sync_dialog import SyncDialog

        db = self.session.database
        if db is None:
            return None
        state = self.sync_label.text() or (
            QCoreApplication.translate("MainWindow", "Einzelplatz: kein Abgleich mit der Zentrale")
            if self.session.central is None
            else QCoreApplication.translate("MainWindow", "Abgleich: noch kein Stand")
        )
        dialog = SyncDialog(self._ops, db, state, self.session.now, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: self.activateWindow())
        dialog.open()
        return dialog

    def show_sync_status(self, status: SyncStatus) -> None:
        """Show connected / offline since / waiting / conflicts in the status bar; going
        offline and back online are announced once."""
        show_state(self.sync_label, status_text(status))
        news = self.sync_news.of_status(status)
        if news is not None:
            announce(self.sync_label, news.text, assertive=news.assertive)
        self.sync_label.setProperty("offline", not status.connected)
        restyle(self.sync_label)
        self.sync_label.show()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.refresh_timer.stop()
        self.walk_in.stop()
        for display in self._displays:
            display.close()
        self.sign_in_part.end()  # a lock screen left open would keep the app running
        self._settings.sync()
        db, self.session.database = self.session.database, None
        if db is not None:
            self._ops.run(db.dispose, lambda _none: None)
        super().closeEvent(event)


def _appointment_table(model: AppointmentTableModel) -> QTableView:
    """The day's list: one row per appointment, selected whole."""
    table = QTableView()
    table.setTabKeyNavigation(False)  # Tab leaves it; arrows move inside
    table.setModel(model)
    table.setAccessibleName(QCoreApplication.translate("MainWindow", "Termine des Tages"))
    table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
    table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
    return table


def _first_start_progress(parent: QWidget) -> QProgressDialog:
    """The window-modal "the demo city is being set up" of the first start."""
    progress = QProgressDialog(
        QCoreApplication.translate("MainWindow", "Die Demo-Stadt wird eingerichtet …"),
        "",
        0,
        0,
        parent,
    )
    progress.setWindowTitle(QCoreApplication.translate("MainWindow", "Erster Start"))
    progress.setCancelButton(None)
    progress.setMinimumDuration(0)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.show()
    return progress
