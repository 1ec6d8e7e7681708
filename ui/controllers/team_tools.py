"""The team lead's menu: capacity planning, audit log, statistics, staffing advisor,
users. The tools' modules load when a tool opens, not at start. Capacity and users live
where the portal reads them: behind the central service when this counter syncs, else
in the local database.

Texts keep the "MainWindow" translation context (written out at each call:
pyside6-lupdate reads only literal contexts and texts).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt

from ui.changes import Change, What

if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QDialog, QMainWindow, QMenuBar, QWidget

    from desk.services.database import DeskDatabase
    from desk.services.team_door import TeamDoor
    from ui.ops import Ops
    from ui.session import DeskSession


def page_dialog(parent: QWidget, title: str, page: QWidget) -> QDialog:
    """A non-modal dialog holding a page (statistics, advisor) with a close button."""
    from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout

    from ui.screen_fit import keep_on_screen, scrolling

    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    layout = QVBoxLayout(dialog)
    area = scrolling(page)  # at large text what does not fit scrolls
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no Tab stop: it scrolls to the focus
    layout.addWidget(area)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    dialog.resize(1200, 720)
    keep_on_screen(dialog)
    return dialog


class TeamTools(QObject):
    """Builds the "Teamleitung" menu in ``window``'s menu bar and opens its tools for the
    session's user; the tools are children of ``window``."""

    def __init__(self, session: DeskSession, ops: Ops, window: QMainWindow) -> None:
        super().__init__(window)
        self._session, self._ops, self._window = session, ops, window
        self.tool_windows: list[QWidget] = []
        self._build_menu(window.menuBar())
        session.user_changed.connect(lambda _user: self.update())
        self.update()

    def _build_menu(self, bar: QMenuBar) -> None:
        menu = bar.addMenu(QCoreApplication.translate("MainWindow", "T&eamleitung"))
        self.capacity_action = menu.addAction(
            QCoreApplication.translate("MainWindow", "&Kapazität planen …"), self.open_capacity
        )
        self.audit_action = menu.addAction(
            QCoreApplication.translate("MainWindow", "&Protokoll …"), self.open_audit
        )
        self.statistics_action = menu.addAction(
            QCoreApplication.translate("MainWindow", "&Statistik …"), self.open_statistics
        )
        self.staffing_action = menu.addAction(
            QCoreApplication.translate("MainWindow", "&Personalbedarf Sprechstunde …"),
            self.open_staffing,
        )
        menu.addSeparator()
        self.users_action = menu.addAction(
            QCoreApplication.translate("MainWindow", "&Benutzer verwalten …"), self.open_users
        )
        self.menu = menu

    def update(self) -> None:
        """Team leads use every tool; a clerk sees capacity read-only and nothing else."""
        user = self._session.user
        lead = user is not None and user.team_lead
        ready = self._session.ready
        reason = (
            ""
            if lead
            else QCoreApplication.translate(
                "MainWindow", "Nur für die Teamleitung (bitte als Teamleitung anmelden)"
            )
        )
        self.capacity_action.setEnabled(ready and user is not None)
        action: QAction
        for action in (
            self.audit_action,
            self.statistics_action,
            self.staffing_action,
            self.users_action,
        ):
            action.setEnabled(ready and lead)
            action.setToolTip(reason)
        self.menu.setToolTipsVisible(True)

    def _show_tool(self, tool: QWidget) -> None:
        self.tool_windows = [w for w in self.tool_windows if w.isVisible()]
        self.tool_windows.append(tool)
        tool.show()
        tool.raise_()
        tool.activateWindow()

    def open_capacity(self) -> QWidget | None:
        """The capacity editor with its what-if preview (read-only for a clerk)."""
        return self._on_planning_db(self._open_capacity_on)

    def open_users(self) -> QWidget | None:
        """User management (team lead)."""
        return self._on_planning_db(self._open_users_on)

    def _on_planning_db(
        self, then: Callable[[DeskDatabase | TeamDoor], QWidget | None]
    ) -> QWidget | None:
        """Call ``then`` with where capacity and users live: the central service (its
        door, made on the worker: the keyring may block) when this PC syncs, else the
        local database."""
        db = self._session.database
        if not self._session.ready or db is None:
            return None
        central = self._session.central
        if central is None:
            return then(db)
        self._window.statusBar().showMessage(
            QCoreApplication.translate("MainWindow", "Verbindung zum zentralen Dienst …")
        )
        self._ops.run(central.team_door, then, self._central_unreachable)
        return None

    def _central_unreachable(self, _error: BaseException) -> None:
        self._window.statusBar().clearMessage()
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(
            self._window,
            QCoreApplication.translate("MainWindow", "Zentraler Dienst"),
            QCoreApplication.translate(
                "MainWindow",
                "Der zentrale Dienst ist nicht erreichbar. Kapazität und Benutzer werden "
                "dort geändert, damit das Online-Portal und alle Schalter sie sofort sehen; "
                "bitte später erneut versuchen.",
            ),
        )

    def _open_users_on(self, db: DeskDatabase | TeamDoor) -> QWidget | None:
        from ui.dialogs.users_dialog import UsersDialog

        session = self._session
        if session.user is None:
            return None
        self._window.statusBar().clearMessage()
        dialog = UsersDialog(
            self._ops, db, session.user, list(session.offices), session.now, self._window
        )
        self._show_tool(dialog)
        return dialog

    def _open_capacity_on(self, db: DeskDatabase | TeamDoor) -> QWidget | None:
        from ui.dialogs.capacity_editor import CapacityEditor

        session = self._session
        if session.office is None:
            return None
        self._window.statusBar().clearMessage()
        office_id = session.office.id
        editor = CapacityEditor(self._ops, db, session.user, office_id, session.now, self._window)
        # a saved plan changes the calendar's free and closed cells: every view reads again
        editor.saved.connect(
            lambda _summary: self._ops.changes.tell(Change(What.CAPACITY, office_id))
        )
        self._show_tool(editor)
        return editor

    def open_audit(self) -> QWidget | None:
        """The audit log viewer (team lead)."""
        from ui.dialogs.audit_dialog import AuditDialog

        session = self._session
        if session.database is None or session.office is None or session.user is None:
            return None
        dialog = AuditDialog(
            self._ops, session.database, session.user, session.office.id, session.now,
            self._window,
        )  # fmt: skip
        self._show_tool(dialog)
        dialog.start()
        return dialog

    def open_statistics(self) -> QWidget | None:
        """Statistics with charts and CSV export (team lead)."""
        from ui.views.statistics_page import StatisticsPage

        session = self._session
        if session.database is None or session.office is None:
            return None
        user_id = session.user.id if session.user is not None else None
        page = StatisticsPage(
            self._ops, session.database, list(session.offices), session.office.id,
            session.now, user_id=user_id,
        )  # fmt: skip
        title = QCoreApplication.translate("MainWindow", "Statistik")
        dialog = page_dialog(self._window, title, page)
        self._show_tool(dialog)
        return dialog

    def open_staffing(self) -> QWidget | None:
        """The staffing advisor for the walk-in hour (team lead)."""
        from ui.views.staffing_panel import StaffingPanel

        session = self._session
        if session.database is None or session.office is None:
            return None
        panel = StaffingPanel(self._ops, session.database, session.office.id, session.now)
        title = QCoreApplication.translate("MainWindow", "Personalbedarf Sprechstunde")
        dialog = page_dialog(self._window, title, panel)
        dialog.resize(1000, 560)
        self._show_tool(dialog)
        return dialog
