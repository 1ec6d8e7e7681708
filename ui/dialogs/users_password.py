"""The "Passwort setzen" dialog of user management: two hidden fields that must match."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QGridLayout, QLabel, QLineEdit, QWidget

from ui.accessible_names import name_by_label
from ui.dialogs.capacity_fields import FieldError


def password_edit(name: str) -> QLineEdit:
    """A line edit that hides what is typed."""
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setAccessibleName(name)
    return edit


class PasswordDialog(QDialog):
    """Two password fields that must match; ``chosen`` carries the password.

    Signals:
        chosen(str): OK with two equal, non-empty passwords.
    """

    chosen = Signal(str)

    def __init__(self, username: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Passwort setzen"))
        self.password = password_edit(self.tr("Neues Passwort"))
        self.repeat = password_edit(self.tr("Passwort wiederholen"))
        self.password_error, self.repeat_error = FieldError(self), FieldError(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        grid = QGridLayout(self)
        grid.addWidget(QLabel(self.tr("Neues Passwort für {0}").format(username)), 0, 0, 1, 3)
        captions = QLabel(self.tr("Neues Passwort")), QLabel(self.tr("Passwort wiederholen"))
        name_by_label(captions[0], self.password)
        name_by_label(captions[1], self.repeat)
        grid.addWidget(captions[0], 1, 0)
        grid.addWidget(self.password, 1, 1)
        grid.addWidget(self.password_error, 1, 2)
        grid.addWidget(captions[1], 2, 0)
        grid.addWidget(self.repeat, 2, 1)
        grid.addWidget(self.repeat_error, 2, 2)
        grid.addWidget(self.buttons, 3, 0, 1, 3)
        self.buttons.accepted.connect(self._ok)
        self.buttons.rejected.connect(self.reject)

    def _ok(self) -> None:
        self.password_error.show_message("")
        self.repeat_error.show_message("")
        if self.password.text() != self.repeat.text():
            self.repeat_error.show_message(self.tr("Die Passwörter stimmen nicht überein."))
            return
        self.chosen.emit(self.password.text())
