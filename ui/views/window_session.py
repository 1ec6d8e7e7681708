"""Who works at this desk: sign-in at the start and the lock screen (Ctrl+L, or idle).

A mixin of MainWindow; the calendar stays hidden until the password is right.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QTimer

if TYPE_CHECKING:
    from collections.abc import Callable

    from desk.services.admin.auth import UserInfo
    from desk.services.database import DeskDatabase
    from desk.sync.connect import CentralSession
    from ui.dialogs.login_dialog import LoginDialog
    from ui.idle_lock import Curtains
    from ui.views.main_window import MainWindow


class SignInSession:
    """Sign-in, lock and the user shown in the status bar."""

    #: How a name and password are checked (worker thread): against the central service
    #: when this PC syncs through it (set by ui.gui.attach_sync), else the local database.
    authenticator: Callable[[DeskDatabase, str, str], UserInfo] | None = None
    #: This PC's connection to the central service (None standalone).
    central_session: CentralSession | None = None
    #: The covers over every window while locked (None when not locked).
    curtains: Curtains | None = None

    # -------------------------------------------------------------- sign-in
    def set_user(self: MainWindow, user: UserInfo | None) -> None:  # type: ignore[misc]
        """Who works here now (status bar; stamped on every step)."""
        from ui.labels import role_label

        self.user = user
        self.reception.user_id = user.id if user is not None else None
        self.queue.user_id = self.reception.user_id
        self.update_team_tools()
        if user is None:
            self.user_label.setText(
                QCoreApplication.translate("MainWindow", "Ohne Anmeldung (Einzelplatz)")
            )
        else:
            role = role_label(user.role)
            self.user_label.setText(
                QCoreApplication.translate("MainWindow", "{0} · {1}").format(
                    user.display_name, role
                )
            )

    def sign_in(  # type: ignore[misc]
        self: MainWindow, locked_by: str | None = None, *, idle_minutes: int | None = None
    ) -> LoginDialog | None:
        """Ask for name and password; the calendar stays hidden until one is right.
        ``locked_by``: the lock screen of that user: every window of the app is covered
        (open forms keep what was typed) and only that user's password unlocks; the
        other way out is "Abmelden". ``idle_minutes``: locked after that long idle."""
        if self._db is None:
            return None
        self.centralWidget().hide()
        if self.user is None:  # users exist: nobody works here until one signs in
            self.user_label.setText(QCoreApplication.translate("MainWindow", "Nicht angemeldet"))
        from ui.dialogs.login_dialog import LoginDialog  # on first use, not at start

        dialog = LoginDialog(
            self._ops,
            self._db,
            self,
            locked_by=locked_by,
            idle_minutes=idle_minutes,
            authenticate=self.authenticator,
            demo_hint=self.central_session is None,  # a counter of the service: never
        )
        dialog.accepted.connect(lambda: self._signed_in(dialog))
        dialog.rejected.connect(lambda: self._sign_in_abandoned(locked_by))
        self.login_dialog = dialog
        if locked_by is None:
            dialog.setModal(True)
            dialog.open()
            return dialog
        from ui.idle_lock import Curtains

        self.curtains = Curtains([dialog, *self._displays])
        announced = dialog.message.text()
        self.statusBar().showMessage(announced)
        self.setAccessibleDescription(announced)
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)  # above open forms
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def _signed_in(self: MainWindow, dialog: LoginDialog) -> None:  # type: ignore[misc]
        self.set_user(dialog.user)
        self.login_dialog = None
        self._lift_curtains()
        self.centralWidget().show()

    def _sign_in_abandoned(self: MainWindow, locked_by: str | None) -> None:  # type: ignore[misc]
        self.login_dialog = None
        if locked_by is not None:  # "Abmelden" at the lock screen: the next one signs in
            self._lift_curtains(close_forms=True)  # the leaving clerk's forms go too
            self.set_user(None)
            QTimer.singleShot(0, self.sign_in)
        else:
            self.close()

    def _lift_curtains(self: MainWindow, *, close_forms: bool = False) -> None:  # type: ignore[misc]
        curtains, self.curtains = self.curtains, None
        self.setAccessibleDescription("")
        if curtains is not None:
            self.statusBar().clearMessage()
            curtains.lift(close_forms=close_forms)

    def end_sign_in(self: MainWindow) -> None:  # type: ignore[misc]
        """The window closes: its sign-in or lock dialog goes, quietly (no sign-out
        round, no new sign-in), and the covered forms with it."""
        dialog, self.login_dialog = self.login_dialog, None
        if dialog is not None:
            dialog.blockSignals(True)  # neither "Abmelden" nor a late "signed in"
            dialog.hide()
        self._lift_curtains(close_forms=True)

    def lock(self: MainWindow, *, idle_minutes: int | None = None) -> LoginDialog | None:  # type: ignore[misc]
        """Ctrl+L (or ``idle_minutes`` without input): cover everything until the
        password is entered again. Nothing to do while nobody is signed in."""
        if self.user is None or self.login_dialog is not None:
            return None
        return self.sign_in(locked_by=self.user.username, idle_minutes=idle_minutes)
