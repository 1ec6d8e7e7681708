"""What was booked, where the clerk looks: the booking code large, to read out on the
phone or copy, with day, time, counter and name; it stays until dismissed."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk.services.appointments.booking import Booking
from ui.qt_dates import qdate
from ui.screen_fit import keep_on_screen
from ui.theme import DIALOG_STYLE


class BookedNotice(QDialog):
    """The booking code of a new appointment, selectable and with a copy button."""

    def __init__(self, booking: Booking, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.booking = booking
        self.setWindowTitle(self.tr("Termin gebucht"))
        self.setStyleSheet(DIALOG_STYLE)
        keep_on_screen(self)  # at any text size
        self.code_label = QLabel(booking.code)
        self.code_label.setObjectName("bookingCode")
        font = QFont(self.code_label.font())
        font.setPointSizeF(font.pointSizeF() * 2.4)
        font.setBold(True)
        font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 110)
        self.code_label.setFont(font)
        self.code_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code_label.setAccessibleName(self.tr("Buchungscode"))
        day = QLocale().toString(qdate(booking.start.date()), "dddd, dd.MM.yyyy")
        self.details = QLabel(
            self.tr("{0}, {1}–{2} Uhr · Schalter {3}\n{4}").format(
                day,
                f"{booking.start:%H:%M}",
                f"{booking.end:%H:%M}",
                booking.counter_number,
                booking.citizen_name,
            )
        )
        self.details.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.details.setWordWrap(True)
        self.copy_button = QPushButton(self.tr("Code &kopieren"))
        self.copy_button.setAutoDefault(False)
        self.copy_button.clicked.connect(self.copy_code)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(self.tr("Schließen"))
        close.setDefault(True)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(QLabel(self.tr("Buchungscode:")))
        column.addWidget(self.code_label)
        column.addWidget(self.details)
        column.addWidget(buttons)
        self.setMinimumWidth(420)

    def copy_code(self) -> None:
        """Put the booking code on the clipboard."""
        QGuiApplication.clipboard().setText(self.booking.code)
        self.copy_button.setText(self.tr("Kopiert ✓"))
