"""The question why an appointment is cancelled: OK only with a reason; an empty one is
refused in the dialog, which stays open with what was typed."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from ui.dialogs.capacity_fields import FieldError
from ui.screen_fit import keep_on_screen


class ReasonDialog(QDialog):
    """A line for the reason; OK with an empty (or blank) one says a reason is needed."""

    def __init__(self, title: str, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.label = QLabel(label)
        self.label.setWordWrap(True)
        self.edit = QLineEdit()
        self.edit.setAccessibleName(self.tr("Grund"))
        self.label.setBuddy(self.edit)
        self.error = FieldError(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.edit)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._ok)
        self.buttons.rejected.connect(self.reject)
        self.edit.textChanged.connect(lambda _text: self.error.show_message(""))
        keep_on_screen(self)  # at any text size

    def reason(self) -> str:
        """The reason as typed, without surrounding blanks."""
        return self.edit.text().strip()

    def _ok(self) -> None:
        if not self.reason():
            self.error.show_message(self.tr("Bitte einen Grund angeben."))
            self.edit.setFocus()
            return
        self.accept()


def ask_reason(parent: QWidget | None, title: str, label: str) -> tuple[str, bool]:
    """Ask for a reason (modal), as ``QInputDialog.getText`` does: (reason, OK pressed);
    OK is only taken with a reason."""
    dialog = ReasonDialog(title, label, parent)
    try:
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        return (dialog.reason(), True) if accepted else ("", False)
    finally:
        dialog.deleteLater()
