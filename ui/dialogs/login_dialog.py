"""Sign in at the start, or unlock a locked counter (Ctrl+L), with name and password."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ui.announce import MessageLine
from ui.failures import failure_text
from ui.ops import Ops
from ui.screen_fit import keep_on_screen
from ui.theme import DIALOG_STYLE

if TYPE_CHECKING:
    from collections.abc import Callable

    from desk.demo.recognised import DemoAccounts
    from desk.services.admin.auth import UserInfo
    from desk.services.database import DeskDatabase


log = logging.getLogger(__name__)
HINT_WIDTH = 420  # px: the demo users' names in two or three lines


class LoginDialog(QDialog):
    """User name and password, checked in the background; a wrong pair keeps the dialog
    open with the reason. ``user`` holds the signed-in user after ``accepted``.

    On a demo database (decided from its data, on the worker) the sign-in at the start
    names the demo users and their password (``demo_hint``; never on a counter of the
    central service). The lock screen (``locked_by``) unlocks for that user only.

    Signals:
        checked(): a sign-in attempt ended (accepted or refused).
        hint_checked(): whether to show the demo users is decided (shown or not).
    """

    checked = Signal()
    hint_checked = Signal()

    def __init__(
        self,
        ops: Ops,
        db: DeskDatabase,
        parent: QWidget | None = None,
        *,
        locked_by: str | None = None,
        idle_minutes: int | None = None,
        authenticate: Callable[[DeskDatabase, str, str], UserInfo] | None = None,
        demo_hint: bool = False,
    ) -> None:
        super().__init__(parent)
        self._ops, self._db = ops, db
        self._authenticate = authenticate or _authenticate
        self.user: UserInfo | None = None
        locked = locked_by is not None
        self.setWindowTitle(self.tr("Gesperrt") if locked else self.tr("Anmelden"))
        self.setStyleSheet(DIALOG_STYLE)
        keep_on_screen(self)  # at any text size
        self.name_edit = QLineEdit(locked_by or "")
        self.name_edit.setReadOnly(locked)  # another user: "Abmelden", then sign in
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        if idle_minutes is not None:
            told = self.tr(
                "Gesperrt nach {0} min ohne Eingabe. Zum Entsperren das Passwort eingeben."
            ).format(idle_minutes)
        else:
            told = self.tr("Der Platz ist gesperrt. Zum Entsperren das Passwort eingeben.")
        self.message = MessageLine(told if locked else "")  # a refusal is announced
        self.message.setObjectName("dialogMessage" if not locked else "")
        self.message.setWordWrap(True)
        self.message.setAccessibleName(told if locked else "")
        self.hint = QLabel()
        self.hint.setObjectName("demoHint")
        self.hint.setWordWrap(True)
        self.hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hint.hide()
        form = QFormLayout()
        form.addRow(self.tr("&Benutzer:"), self.name_edit)
        form.addRow(self.tr("&Passwort:"), self.password_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("&Entsperren") if locked else self.tr("&Anmelden")
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            self.tr("Beenden") if not locked else self.tr("Abmelden")
        )
        column = QVBoxLayout(self)
        column.addWidget(self.hint)
        column.addLayout(form)
        column.addWidget(self.message)
        column.addWidget(self.buttons)
        self.buttons.accepted.connect(self.sign_in)
        self.buttons.rejected.connect(self.reject)
        (self.password_edit if locked else self.name_edit).setFocus()
        if demo_hint and not locked:
            self._ops.run(lambda: _demo_accounts(db), self._show_hint, self._no_hint)

    def _show_hint(self, accounts: DemoAccounts | None) -> None:
        if accounts is not None:
            self.hint.setText(
                self.tr(
                    "Demo-Datenbank – anmelden als:\n{0} (Teamleitung)\n{1} (Sachbearbeitung)\n"
                    "Passwort für alle: {2}"
                ).format(
                    ", ".join(accounts.team_leads) or "–",
                    ", ".join(accounts.clerks) or "–",
                    accounts.password,
                )
            )
            self.hint.setMinimumWidth(max(self.width(), HINT_WIDTH))
            self.hint.show()
            self.adjustSize()  # the dialog was laid out before the hint arrived
            parent = self.parentWidget()
            if parent is not None:  # centred again, as it opened
                self.move(parent.geometry().center() - self.rect().center())
        self.hint_checked.emit()

    def _no_hint(self, _error: BaseException) -> None:
        self.hint_checked.emit()  # no hint is the safe answer

    def sign_in(self) -> None:
        """Check the name and password (in the background)."""
        db, name, password = self._db, self.name_edit.text(), self.password_edit.text()
        check = self._authenticate
        self.buttons.setEnabled(False)
        self._ops.run(lambda: check(db, name, password), self._signed_in, self._refused)

    def _signed_in(self, user: UserInfo) -> None:
        self.user = user
        self.buttons.setEnabled(True)
        self.checked.emit()
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.password_edit.clear()
        self.password_edit.setFocus()
        unexpected = self.tr("Anmeldung nicht möglich ({0}).")
        self.message.setText(failure_text(error, log, "sign-in failed", unexpected))
        self.checked.emit()


def _authenticate(db: DeskDatabase, name: str, password: str) -> UserInfo:
    from desk.services.admin.auth import authenticate

    return authenticate(db, name, password)


def _demo_accounts(db: DeskDatabase) -> DemoAccounts | None:
    from desk.demo.recognised import demo_accounts

    return demo_accounts(db)
