"""The team lead's menu: capacity planning, audit log, statistics, staffing advisor.

A mixin of MainWindow; texts keep the "MainWindow" translation context (written out
at each call: pyside6-lupdate reads only literal contexts and texts). The tools'
modules load when a tool opens, not at start. Capacity and users live where the portal
reads them: behind the central service when this counter syncs, else in the local
database.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog, QWidget

    from desk.services.database import DeskDatabase
    from desk.services.team_door import TeamDoor
    from ui.views.main_window import MainWindow


def page_dialog(parent: QWidget, title: str, page: QWidget) -> QDialog:
    """A non-modal dialog holding a page (statistics, advisor) with a close button."""
    from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout

    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    layout = QVBoxLayout(dialog)
    layout.addWidget(page)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    dialog.resize(1200, 720)
    return dialog


class TeamLeadTools:
    """Builds the "Teamleitung" menu and opens its tools for the signed-in user."""

    def _build_team_menu(self: MainWindow) -> None:  # type: ignore[misc]
        menu = self.menuBar().addMenu(QCoreApplication.translate("MainWindow", "T&eamleitung"))
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
        self.team_menu = menu
        self.tool_windows: list[QWidget] = []
        self.update_team_tools()

    def update_team_tools(self: MainWindow) -> None:  # type: ignore[misc]
        """Team leads use every tool; a clerk sees capacity read-only and nothing else."""
        lead = self.user is not None and self.user.team_lead
        ready = self._db is not None and self.office is not None
        reason = (
            ""
            if lead
            else QCoreApplication.translate(
                "MainWindow", "Nur für die Teamleitung (bitte als Teamleitung anmelden)"
            )
        )
        self.capacity_action.setEnabled(ready and self.user is not None)
        action: QAction
        for action in (
            self.audit_action,
            self.statistics_action,
            self.staffing_action,
            self.users_action,
        ):
            action.setEnabled(ready and lead)
            action.setToolTip(reason)
        self.team_menu.setToolTipsVisible(True)

    def _tool_ready(self: MainWindow) -> bool:  # type: ignore[misc]
        return self._db is not None and self.office is not None

    def _show_tool(self: MainWindow, tool: QWidget) -> None:  # type: ignore[misc]
        self.tool_windows = [w for w in self.tool_windows if w.isVisible()]
        self.tool_windows.append(tool)
        tool.show()
        tool.raise_()
        tool.activateWindow()

    def open_capacity(self: MainWindow) -> QWidget | None:  # type: ignore[misc]
        """The capacity editor with its what-if preview (read-only for a clerk)."""
        return self._on_planning_db(self._open_capacity_on)

    def open_users(self: MainWindow) -> QWidget | None:  # type: ignore[misc]
        """User management (team lead)."""
        return self._on_planning_db(self._open_users_on)

    def _on_planning_db(  # type: ignore[misc]
        self: MainWindow, then: Callable[[DeskDatabase | TeamDoor], QWidget | None]
    ) -> QWidget | None:
        """Call ``then`` with where capacity and users live: the central service (its
        door, made on the worker: the keyring may block) when this PC syncs, else the
        local database."""
        if not self._tool_ready() or self._db is None:
            return None
        central = self.central_session
        if central is None:
            return then(self._db)
        self.statusBar().showMessage(
            QCoreApplication.translate("MainWindow", "Verbindung zum zentralen Dienst …")
        )
        self._ops.run(central.team_door, then, self._central_unreachable)
        return None

    def _central_unreachable(self: MainWindow, error: BaseException) -> None:  # type: ignore[misc]
        self.statusBar().clearMessage()
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(
            self,
            QCoreApplication.translate("MainWindow", "Zentraler Dienst"),
            QCoreApplication.translate(
                "MainWindow",
                "Der zentrale Dienst ist nicht erreichbar. Kapazität und Benutzer werden "
                "dort geändert, damit das Online-Portal und alle Schalter sie sofort sehen; "
                "bitte später erneut versuchen.",
            ),
        )

    def _open_users_on(self: MainWindow, db: DeskDatabase | TeamDoor) -> QWidget | None:  # type: ignore[misc]
        from ui.dialogs.users_dialog import UsersDialog

        if self.user is None:
            return None
        self.statusBar().clearMessage()
        dialog = UsersDialog(self._ops, db, self.user, self.offices, self.now, self)
        self._show_tool(dialog)
        return dialog

    def _open_capacity_on(self: MainWindow, db: DeskDatabase | TeamDoor) -> QWidget | None:  # type: ignore[misc]
        from ui.dialogs.capacity_editor import CapacityEditor

        if self.office is None:
            return None
        self.statusBar().clearMessage()
        editor = CapacityEditor(self._ops, db, self.user, self.office.id, self.now, self)
        self._show_tool(editor)
        return editor

    def open_audit(self: MainWindow) -> QWidget | None:  # type: ignore[misc]
        """The audit log viewer (team lead)."""
        from ui.dialogs.audit_dialog import AuditDialog

        if not self._tool_ready() or self.user is None or self.office is None:
            return None
        assert self._db is not None
        dialog = AuditDialog(self._ops, self._db, self.user, self.office.id, self.now, self)
        self._show_tool(dialog)
        dialog.start()
        return dialog

    def open_statistics(self: MainWindow) -> QWidget | None:  # type: ignore[misc]
        """Statistics with charts and CSV export (team lead)."""
        from ui.views.statistics_page import StatisticsPage

        if not self._tool_ready() or self.office is None:
            return None
        assert self._db is not None
        user_id = self.user.id if self.user is not None else None
        page = StatisticsPage(
            self._ops, self._db, self.offices, self.office.id, self.now, user_id=user_id
        )
        dialog = page_dialog(self, QCoreApplication.translate("MainWindow", "Statistik"), page)
        self._show_tool(dialog)
        return dialog

    def open_staffing(self: MainWindow) -> QWidget | None:  # type: ignore[misc]
        """The staffing advisor for the walk-in hour (team lead)."""
        from ui.views.staffing_panel import StaffingPanel

        if not self._tool_ready() or self.office is None:
            return None
        assert self._db is not None
        panel = StaffingPanel(self._ops, self._db, self.office.id, self.now)
        dialog = page_dialog(
            self, QCoreApplication.translate("MainWindow", "Personalbedarf Sprechstunde"), panel
        )
        dialog.resize(1000, 560)
        self._show_tool(dialog)
        return dialog
