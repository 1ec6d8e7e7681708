"""The main window's widgets: the office/counter/day bars, the calendar views and
reception in tabs, the side panel (appointment, queue), the status bar and the keys.

The reception tab and the queue panel are hidden at the start; they are built right
after the window's first paint (or on first use), so the first paint does not wait for
them. A mixin of MainWindow; texts keep the "MainWindow" translation context.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
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
from ui.labels import action_label
from ui.qt_dates import qdate
from ui.theme import SYNC_LABEL_STYLE, style_label
from ui.views.appointment_panel import AppointmentPanel
from ui.views.calendar_view import CalendarView
from ui.views.window_actions import SHORTCUTS

if TYPE_CHECKING:
    from ui.views.main_window import MainWindow
    from ui.views.queue_panel import QueuePanel
    from ui.views.reception_view import ReceptionView


def scroll_page(widget: QWidget | None = None) -> QScrollArea:
    """A frameless scroll area: a short window scrolls its page instead of clipping it."""
    page = QScrollArea()
    if widget is not None:
        page.setWidget(widget)
    page.setWidgetResizable(True)
    page.setFrameShape(QScrollArea.Shape.NoFrame)
    return page


class WindowLayout:
    """Builds the main window's widgets and wires them."""

    # ----------------------------------------------------------------- layout
    def _make_step_actions(self: MainWindow) -> dict[Action, QAction]:  # type: ignore[misc]
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

    def _build(self: MainWindow) -> None:  # type: ignore[misc]
        self._walk_in_views: tuple[ReceptionView, QueuePanel] | None = None
        bar = QHBoxLayout()
        self.office_box = QComboBox()
        self.office_box.setMinimumContentsLength(14)
        self.office_box.setAccessibleName(QCoreApplication.translate("MainWindow", "Standort"))
        self.counter_box = QComboBox()
        self.counter_box.setMinimumContentsLength(10)
        self.counter_box.setAccessibleName(QCoreApplication.translate("MainWindow", "Schalter"))
        self.prev_button = QPushButton(QCoreApplication.translate("MainWindow", "◀ Vortag"))
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("dddd, dd.MM.yyyy")
        self.date_edit.setDate(qdate(self.now().date()))
        self.next_button = QPushButton(QCoreApplication.translate("MainWindow", "Folgetag ▶"))
        self.today_button = QPushButton(QCoreApplication.translate("MainWindow", "&Heute"))
        self.book_button = QPushButton(QCoreApplication.translate("MainWindow", "&Neuer Termin …"))
        self.book_button.setObjectName("primaryButton")
        for label, widget in (
            (QCoreApplication.translate("MainWindow", "&Standort:"), self.office_box),
            (QCoreApplication.translate("MainWindow", "S&chalter:"), self.counter_box),
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
        style_label(self.title, point_size=16, weight=QFont.Weight.DemiBold, margins=(0, 6, 0, 2))
        self.summary = QLabel()
        self.summary.setObjectName("daySummary")
        style_label(self.summary, colour="#444444", margins=(0, 0, 0, 6))
        self.legend = QLabel(
            QCoreApplication.translate(
                "MainWindow",
                "Legende: @ frei online · ▨ frei nur intern · + zusätzlich freigegeben · "
                "▩ geschlossen · rote Linie: jetzt",
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
        self.week.setAccessibleName(QCoreApplication.translate("MainWindow", "Wochenübersicht"))
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
        self.views.addTab(self.calendar, QCoreApplication.translate("MainWindow", "&Tag"))
        self.views.addTab(self.week, QCoreApplication.translate("MainWindow", "&Woche"))
        self.views.addTab(self.table, QCoreApplication.translate("MainWindow", "&Liste"))
        self.reception_page = scroll_page()  # the reception: see _build_walk_in_views
        self.views.addTab(self.reception_page, QCoreApplication.translate("MainWindow", "&Empfang"))
        self.empty = QLabel()
        self.empty.setObjectName("emptyDay")
        style_label(self.empty, point_size=14, colour="#555555")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.views)
        self.stack.addWidget(self.empty)
        self.panel = AppointmentPanel(self.actions_by_step)
        self.queue_page = scroll_page()  # the queue panel: see _build_walk_in_views
        self.side = QTabWidget()
        for page, label in (
            (scroll_page(self.panel), QCoreApplication.translate("MainWindow", "Termin")),
            (self.queue_page, QCoreApplication.translate("MainWindow", "Warteschlange")),
        ):
            self.side.addTab(page, label)
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
        self.sync_label.setStyleSheet(SYNC_LABEL_STYLE)
        self.sync_label.hide()
        self.statusBar().addPermanentWidget(self.sync_label)
        self.user_label = QLabel(
            QCoreApplication.translate("MainWindow", "Ohne Anmeldung (Einzelplatz)")
        )
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

    @property
    def reception(self: MainWindow) -> ReceptionView:  # type: ignore[misc]
        """The reception tab: walk-in tickets and check-in."""
        return self._build_walk_in_views()[0]

    @property
    def queue(self: MainWindow) -> QueuePanel:  # type: ignore[misc]
        """The side panel's queue: who waits, call next, recall."""
        return self._build_walk_in_views()[1]

    def _build_walk_in_views(self: MainWindow) -> tuple[ReceptionView, QueuePanel]:  # type: ignore[misc]
        """Build the reception and the queue panel once (after the first paint, or when
        first used) and put them into their pages."""
        if self._walk_in_views is not None:
            return self._walk_in_views
        from ui.views.queue_panel import QueuePanel
        from ui.views.reception_view import ReceptionView

        reception = ReceptionView(self._ops, self.now, self.ticket_printer)
        queue = QueuePanel(self._ops, self.now)
        queue.max_recalls = max(0, self._settings.value("max_recalls", 2, int))
        # they and the day read again when an operation or the sync tells a change
        self.reception_page.setWidget(reception)
        self.queue_page.setWidget(queue)
        self._walk_in_views = (reception, queue)
        return self._walk_in_views

    def _set_enabled(self: MainWindow, enabled: bool) -> None:  # type: ignore[misc]
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
