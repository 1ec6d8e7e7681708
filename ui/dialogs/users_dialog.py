"""Benutzer verwalten: a team lead adds users, changes name, role, office and whether an
account is active, and sets passwords. Every change goes through desk.services.admin.users
on the worker thread (audited there); a refusal is shown next to the field it names."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk.domain.errors import DeskError
from desk.domain.status import Role
from desk.domain.users import UserInvalid
from desk.services.admin.users import UserRow
from desk.services.team_door import TeamDoor, as_door
from ui.accessible_names import name_by_label
from ui.changes import Change, What
from ui.dialogs.capacity_fields import FieldError
from ui.dialogs.users_password import PasswordDialog, password_edit
from ui.failures import failure_text
from ui.models.users_model import UsersTableModel
from ui.refusals import refusal_text
from ui.screen_fit import keep_on_screen

if TYPE_CHECKING:
    from desk.services.admin.auth import UserInfo
    from desk.services.database import DeskDatabase
    from desk.services.offices import OfficeInfo
    from ui.ops import Ops

log = logging.getLogger(__name__)

#: The form field a refusal's code belongs to: a refusal from the central service comes
#: back with its code but without the local error's field.
FIELD_OF_CODE = {
    "username_length": "username",
    "username_characters": "username",
    "username_taken": "username",
    "display_name_missing": "display_name",
    "display_name_too_long": "display_name",
    "display_name_invalid": "display_name",
    "unknown_role": "role",
    "user_office_unknown": "office",
    "users_office_only": "office",
    "password_too_short": "password",
    "password_too_long": "password",
    "password_is_username": "password",
    "password_common": "password",
}


def refused_field(error: BaseException) -> str | None:
    """The form field a refusal names (a local one's field, else by its code), or None."""
    if isinstance(error, UserInvalid):
        return error.field
    if isinstance(error, DeskError) and error.code is not None:
        return FIELD_OF_CODE.get(error.code)
    return None


def field_text(error: BaseException) -> str:
    """A field's refusal in the UI's language (desk's words without a known code)."""
    return (refusal_text(error) if isinstance(error, DeskError) else None) or str(error)


class UsersDialog(QDialog):
    """The users table above a form for a new or the selected user.

    Signals:
        loaded(): the users are shown (or the refusal to list them).
        answered(): a save or password operation came back (done or refused).
    """

    loaded = Signal()
    answered = Signal()

    def __init__(
        self,
        ops: Ops,
        db: DeskDatabase | TeamDoor,
        user: UserInfo,
        offices: list[OfficeInfo],
        now: Callable[[], datetime],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ops, self._door, self._user, self._now = ops, as_door(db), user, now
        self.password_dialog: PasswordDialog | None = None
        self.setWindowTitle(self.tr("Benutzer verwalten"))
        self.resize(900, 640)
        keep_on_screen(self)  # at any text size
        self.model = UsersTableModel(self)
        self.table = QTableView()
        self.table.setTabKeyNavigation(False)  # Tab leaves it; arrows move inside
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Benutzer"))
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.new_button = QPushButton(self.tr("Neuer Benutzer"))
        self.password_button = QPushButton(self.tr("Passwort setzen …"))
        self.unlock_button = QPushButton(self.tr("Anmeldesperre aufheben"))
        self.unlock_button.setToolTip(
            self.tr("Nach fünf falschen Passwörtern ist die Anmeldung 15 Minuten gesperrt")
        )
        self.form = QGroupBox()
        self.username = QLineEdit()
        self.display_name = QLineEdit()
        self.role = QComboBox()
        self.role.addItem(self.tr("Sachbearbeitung"), Role.CLERK.value)
        self.role.addItem(self.tr("Teamleitung"), Role.TEAM_LEAD.value)
        self.office = QComboBox()
        self.office.addItem(self.tr("alle Standorte"), None)
        for office in offices:
            self.office.addItem(office.name, office.id)
        self.active = QCheckBox(self.tr("Konto aktiv (darf sich anmelden)"))
        self.password = password_edit(self.tr("Passwort"))
        self.repeat = password_edit(self.tr("Passwort wiederholen"))
        names = ("username", "display_name", "role", "office", "active", "password", "repeat")
        self.errors = {name: FieldError(self) for name in names}
        self.save_button = QPushButton()
        # Enter in the form saves it; it never clicks "Neuer Benutzer", which empties it
        self.save_button.setDefault(True)
        for button in (self.new_button, self.password_button, self.unlock_button):
            button.setAutoDefault(False)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self._layout()
        self.table.selectionModel().currentRowChanged.connect(self._selected)
        self.new_button.clicked.connect(self.new_user)
        self.password_button.clicked.connect(self.ask_password)
        self.unlock_button.clicked.connect(self.unlock)
        self.save_button.clicked.connect(self.save)
        self.new_user()
        door, me = self._door, user.id
        self._ops.run(lambda: door.list_users(user_id=me), self._loaded, self._load_failed)

    def _layout(self) -> None:
        grid = QGridLayout(self.form)
        self.password_label = QLabel(self.tr("Passwort"))
        self.repeat_label = QLabel(self.tr("Passwort wiederholen"))
        fields: list[tuple[QLabel | None, QWidget, str]] = [
            (QLabel(self.tr("Benutzername")), self.username, "username"),
            (QLabel(self.tr("Name")), self.display_name, "display_name"),
            (QLabel(self.tr("Rolle")), self.role, "role"),
            (QLabel(self.tr("Standort")), self.office, "office"),
            (None, self.active, "active"),
            (self.password_label, self.password, "password"),
            (self.repeat_label, self.repeat, "repeat"),
        ]
        for row, (label, widget, name) in enumerate(fields):
            if label is not None:
                name_by_label(label, widget)
                grid.addWidget(label, row, 0)
            grid.addWidget(widget, row, 1)
            grid.addWidget(self.errors[name], row, 2)
        grid.addWidget(self.save_button, len(fields), 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.password_button)
        buttons.addWidget(self.unlock_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.form)
        layout.addWidget(self.status)

    @property
    def selected(self) -> UserRow | None:
        """The user the form changes (None: the form adds a new one)."""
        at = self.table.currentIndex().row() if self.table.selectionModel().hasSelection() else -1
        return self.model.rows[at] if at >= 0 else None

    def _loaded(self, rows: list[UserRow]) -> None:
        self.model.set_rows(rows)
        self.loaded.emit()

    def _load_failed(self, error: BaseException) -> None:
        self._show_refusal(error)
        for widget in (self.form, self.new_button, self.password_button, self.unlock_button):
            widget.setEnabled(False)
        self.loaded.emit()

    def _selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.model.rows[current.row()] if current.isValid() else None
        if row is None:
            self.new_user()
            return
        self._clear_errors()
        self.form.setTitle(self.tr("Benutzer {0} ändern").format(row.username))
        self.username.setText(row.username)
        self.username.setReadOnly(True)
        self.display_name.setText(row.display_name)
        self.role.setCurrentIndex(max(0, self.role.findData(row.role)))
        self.office.setCurrentIndex(max(0, self.office.findData(row.office_id)))
        self.active.setChecked(row.active)
        self.active.setEnabled(True)
        self._show_password_fields(False)
        self.save_button.setText(self.tr("Änderungen speichern"))
        self.password_button.setEnabled(True)
        self.unlock_button.setEnabled(row.locked_until is not None)

    def unlock(self) -> None:
        """Lift the selected user's lock after failed sign-ins (audited)."""
        target = self.selected
        if target is None:
            return
        door, me, now, target_id = self._door, self._user.id, self._now(), target.id
        self.unlock_button.setEnabled(False)

        def done(row: UserRow) -> None:
            self.model.put(row)
            self.status.setText(self.tr("Anmeldesperre von {0} aufgehoben.").format(row.username))
            self.answered.emit()

        def refused(error: BaseException) -> None:
            self.unlock_button.setEnabled(True)
            self._show_refusal(error)
            self.answered.emit()

        self._ops.run(
            lambda: door.unlock_user(user_id=me, target_id=target_id, now=now),
            done,
            refused,
            changes=Change(What.USERS),
        )

    def new_user(self) -> None:
        """Empty the form for a new user (and drop the table's selection)."""
        self.table.clearSelection()
        self.table.setCurrentIndex(QModelIndex())
        self._clear_errors()
        self.form.setTitle(self.tr("Neuer Benutzer"))
        for edit in (self.username, self.display_name, self.password, self.repeat):
            edit.clear()
        self.username.setReadOnly(False)
        self.role.setCurrentIndex(0)
        self.office.setCurrentIndex(0)
        self.active.setChecked(True)
        self.active.setEnabled(False)  # a new account is active
        self.unlock_button.setEnabled(False)
        self._show_password_fields(True)
        self.save_button.setText(self.tr("Benutzer anlegen"))
        self.password_button.setEnabled(False)

    def _show_password_fields(self, shown: bool) -> None:
        for widget in (self.password, self.repeat, self.password_label, self.repeat_label):
            widget.setVisible(shown)

    def _clear_errors(self) -> None:
        for error in self.errors.values():
            error.show_message("")
        self.status.setText("")

    def save(self) -> None:
        """Add the new user or save the selected one's changes (in the background)."""
        self._clear_errors()
        door, me, now = self._door, self._user.id, self._now()
        name, role, office = (
            self.display_name.text(),
            self.role.currentData(),
            self.office.currentData(),
        )
        target = self.selected
        work: Callable[[], UserRow]
        if target is None:
            if self.password.text() != self.repeat.text():
                self.errors["repeat"].show_message(self.tr("Die Passwörter stimmen nicht überein."))
                return
            username, password = self.username.text(), self.password.text()

            def work() -> UserRow:
                return door.create_user(
                    user_id=me,
                    username=username,
                    display_name=name,
                    role=role,
                    office_id=office,
                    password=password,
                    now=now,
                )
        else:
            target_id, active = target.id, self.active.isChecked()

            def work() -> UserRow:
                return door.change_user(
                    user_id=me,
                    target_id=target_id,
                    display_name=name,
                    role=role,
                    office_id=office,
                    active=active,
                    now=now,
                )

        self.save_button.setEnabled(False)
        self._ops.run(
            work,
            lambda row: self._saved(row, target),
            self._save_failed,
            changes=Change(What.USERS),
        )

    def _saved(self, row: UserRow, before: UserRow | None) -> None:
        self.save_button.setEnabled(True)
        at = self.model.put(row)
        self.table.selectRow(at)
        if before is None:
            self.status.setText(self.tr("Benutzer {0} angelegt.").format(row.username))
        elif row == before:
            self.status.setText(self.tr("Keine Änderung."))
        else:
            self.status.setText(self.tr("Benutzer {0} gespeichert.").format(row.username))
        self.answered.emit()

    def _save_failed(self, error: BaseException) -> None:
        """A refusal next to the field it names (everything typed stays), else below."""
        self.save_button.setEnabled(True)
        field = refused_field(error)
        if field in self.errors:
            self.errors[field].show_message(field_text(error))
            widget = getattr(self, field, None)
            if isinstance(widget, QWidget) and widget.isVisible():
                widget.setFocus()
        else:
            self._show_refusal(error)
        self.answered.emit()

    def ask_password(self) -> None:
        """Open the password dialog for the selected user."""
        target = self.selected
        if target is None:
            return
        dialog = PasswordDialog(target.username, self)
        dialog.chosen.connect(lambda password: self._set_password(dialog, target, password))
        self.password_dialog = dialog
        dialog.open()

    def _set_password(self, dialog: PasswordDialog, target: UserRow, password: str) -> None:
        door, me, now, target_id = self._door, self._user.id, self._now(), target.id
        dialog.buttons.setEnabled(False)

        def done(_row: Any) -> None:
            dialog.accept()
            self.status.setText(self.tr("Passwort von {0} gesetzt.").format(target.username))
            self.answered.emit()

        def refused(error: BaseException) -> None:
            dialog.buttons.setEnabled(True)
            if refused_field(error) == "password":
                dialog.password_error.show_message(field_text(error))
            else:
                dialog.reject()
                self._show_refusal(error)
            self.answered.emit()

        self._ops.run(
            lambda: door.set_password(user_id=me, target_id=target_id, password=password, now=now),
            done,
            refused,
            changes=Change(What.USERS),
        )

    def _show_refusal(self, error: BaseException) -> None:
        unexpected = self.tr("Das hat nicht geklappt ({0}); bitte erneut versuchen.")
        self.status.setText(failure_text(error, log, "user management failed", unexpected))
