"""Help → Über Bürgerdesk: version, the software underneath, the database and the files
in use, and what the program does with personal data. Support reads it off the screen."""

from __future__ import annotations

import platform

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from desk import __version__
from desk.config import paths

PRODUCT = "Bürgerdesk"


class AboutDialog(QDialog):
    """The facts about this installation, each selectable for copying into a ticket."""

    def __init__(self, database: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Über {0}").format(PRODUCT))
        where = paths()
        title = QLabel(f"<b>{PRODUCT}</b> {__version__}")
        title.setObjectName("aboutTitle")
        self.facts: dict[str, QLabel] = {}
        form = QFormLayout()
        for key, label, value in (
            ("version", self.tr("Version:"), __version__),
            ("qt", self.tr("Qt / PySide6:"), f"{qVersion()} / {PySide6.__version__}"),
            ("python", self.tr("Python:"), platform.python_version()),
            ("database", self.tr("Datenbank:"), database or self.tr("noch nicht geöffnet")),
            ("data_dir", self.tr("Datenordner:"), str(where.data_dir)),
            ("log_file", self.tr("Protokolldatei:"), str(where.log_file)),
        ):
            shown = QLabel(value)
            shown.setTextFormat(Qt.TextFormat.PlainText)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            shown.setWordWrap(True)
            form.addRow(label, shown)
            self.facts[key] = shown
        privacy = QLabel(
            self.tr(
                "Datenschutz: Namen und Kontaktdaten bleiben in der Datenbank. Protokolle, "
                "Aufrufanzeige und Wartenummern enthalten keine personenbezogenen Daten; "
                "Daten erledigter Termine werden nach der Aufbewahrungsfrist anonymisiert."
            )
        )
        privacy.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(privacy)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)


def show_about(window: QWidget, database: str | None) -> AboutDialog:
    """Open the About dialog over the main window (window-modal), ``database`` the shown
    address of the open one; returned for tests."""
    dialog = AboutDialog(database, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
