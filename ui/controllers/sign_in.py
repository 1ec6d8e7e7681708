"""Who works at this desk: sign-in at the start and the lock screen (Ctrl+L, or idle).
The window's contents stay hidden until the password is right.

Texts keep the "MainWindow" translation context (they were the window's).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication

from ui.announce import announce

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLabel, QMainWindow, QWidget

    from desk.services.admin.auth import UserInfo
    from ui.dialogs.login_dialog import LoginDialog
    from ui.idle_lock import Curtains
    from ui.ops import Ops
    from ui.session import DeskSession


class SignIn(QObject):
    """Sign-in, lock and the user shown in ``user_label``; ``covered()`` names the other
    windows a lock screen covers (the call display)."""

    def __init__(
        self,
        session: DeskSession,
        ops: Ops,
        window: QMainWindow,
        user_label: QLabel,
        covered: Callable[[], list[QWidget]],
    ) -> None:
        super().__init__(window)
        self._session, self._ops, self._window = session, ops, window
        self._user_label, self._covered = user_label, covered
        self.login_dialog: LoginDialog | None = None
        #: Where the keys go after a sign-in when nothing had the focus (the calendar).
        self.home: QWidget | None = None
        self._focus_before: QWidget | None = None
        #: The covers over every window while locked (None when not locked).
        self.curtains: Curtains | None = None
        session.user_changed.connect(self._show_user)

    def set_user(self, user: UserInfo | None) -> None:
        """Who works here now (status bar; stamped on every step)."""
        self._session.set_user(user)

    def _show_user(self, user: UserInfo | None) -> None:
        from ui.labels import role_label

        if user is None:
            self._user_label.setText(
                QCoreApplication.translate("MainWindow", "Ohne Anmeldung (Einzelplatz)")
            )
        else:
            self._user_label.setText(
                QCoreApplication.translate("MainWindow", "{0} · {1}").format(
                    user.display_name, role_label(user.role)
                )
            )

    def sign_in(
        self, locked_by: str | None = None, *, idle_minutes: int | None = None
    ) -> LoginDialog | None:
        """Ask for name and password; the window's contents stay hidden until one is right.
        ``locked_by``: the lock screen of that user: every window of the app is covered
        (open forms keep what was typed) and only that user's password unlocks; the
        other way out is "Abmelden". ``idle_minutes``: locked after that long idle."""
        session, window = self._session, self._window
        if session.database is None:
            return None
        focused = QApplication.focusWidget()
        inside = locked_by is not None and focused is not None and window.isAncestorOf(focused)
        self._focus_before = focused if inside else None
        window.centralWidget().hide()
        if session.user is None:  # users exist: nobody works here until one signs in
            self._user_label.setText(QCoreApplication.translate("MainWindow", "Nicht angemeldet"))
        from ui.dialogs.login_dialog import LoginDialog  # on first use, not at start

        dialog = LoginDialog(
            self._ops,
            session.database,
            window,
            locked_by=locked_by,
            idle_minutes=idle_minutes,
            authenticate=session.authenticator,
            demo_hint=session.central is None,  # a counter of the service: never
        )
        dialog.accepted.connect(lambda: self._signed_in(dialog))
        dialog.rejected.connect(lambda: self._sign_in_abandoned(locked_by))
        self.login_dialog = dialog
        if locked_by is None:
            dialog.setModal(True)
            dialog.open()
            return dialog
        self._cover(dialog)
        return dialog

    def _cover(self, dialog: LoginDialog) -> None:
        """The lock screen: curtains over every window, the dialog above open forms."""
        from ui.idle_lock import Curtains

        self.curtains = Curtains([dialog, *self._covered()])
        announced = dialog.message.text()
        self._window.statusBar().showMessage(announced)
        self._window.setAccessibleDescription(announced)
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)  # above open forms
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        announce(dialog.message, announced, assertive=True)  # locked by itself, maybe

    def _signed_in(self, dialog: LoginDialog) -> None:
        self.set_user(dialog.user)
        self.login_dialog = None
        self._lift_curtains()
        self._window.centralWidget().show()
        self._give_back_focus()

    def _give_back_focus(self) -> None:
        """The keys go where they were before the lock, else to ``home``: never nowhere."""
        before, self._focus_before = self._focus_before, None
        target = before if before is not None and before.isVisible() else self.home
        self._window.activateWindow()
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _sign_in_abandoned(self, locked_by: str | None) -> None:
        self.login_dialog = None
        if locked_by is not None:  # "Abmelden" at the lock screen: the next one signs in
            self._lift_curtains(close_forms=True)  # the leaving clerk's forms go too
            self.set_user(None)
            QTimer.singleShot(0, self.sign_in)
        else:
            self._window.close()

    def _lift_curtains(self, *, close_forms: bool = False) -> None:
        curtains, self.curtains = self.curtains, None
        self._window.setAccessibleDescription("")
        if curtains is not None:
            self._window.statusBar().clearMessage()
            curtains.lift(close_forms=close_forms)

    def end(self) -> None:
        """The window closes: its sign-in or lock dialog goes, quietly (no sign-out
        round, no new sign-in), and the covered forms with it."""
        dialog, self.login_dialog = self.login_dialog, None
        if dialog is not None:
            dialog.blockSignals(True)  # neither "Abmelden" nor a late "signed in"
            dialog.hide()
        self._lift_curtains(close_forms=True)

    def lock(self, *, idle_minutes: int | None = None) -> LoginDialog | None:
        """Ctrl+L (or ``idle_minutes`` without input): cover everything until the
        password is entered again. Nothing to do while nobody is signed in."""
        user = self._session.user
        if user is None or self.login_dialog is not None:
            return None
        return self.sign_in(locked_by=user.username, idle_minutes=idle_minutes)
