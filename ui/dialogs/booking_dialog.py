"""Book an appointment at the counter or by phone: service, citizen, a free slot.

Wrong input is marked next to its field; a slot taken meanwhile leaves the dialog
open with the reason and fresh suggestions. For the Anmeldung the dialog asks the
move-in date and warns when the chosen slot is after the Anmeldefrist.
"""

from __future__ import annotations

import logging
from datetime import date, datetime

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desk.domain import anmeldefrist
from desk.domain.contact import contact_problems
from desk.domain.errors import DeskError
from desk.domain.status import Channel
from desk.services.appointments.availability import Offer
from desk.services.appointments.booking import Booking, book, suggestions
from desk.services.database import DeskDatabase
from desk.services.offices import OfficeInfo, ServiceInfo, office_services
from ui.failures import failure_text
from ui.ops import Ops
from ui.qt_dates import qdate
from ui.theme import DIALOG_STYLE, restyle

log = logging.getLogger(__name__)

SUGGESTION_DAYS = 42  # internal capacity reaches beyond the portal's 14 days
SUGGESTION_LIMIT = 40
REGISTRATION = "anmeldung"


class BookingDialog(QDialog):
    """The booking form; ``booked`` carries the Booking once saved.

    Signals:
        suggestions_loaded(): the list of free slots was (re)filled.
        save_finished(): a save attempt ended (booked or refused).
    """

    suggestions_loaded = Signal()
    save_finished = Signal()

    def __init__(
        self,
        ops: Ops,
        db: DeskDatabase,
        office: OfficeInfo,
        now: datetime,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ops, self._db, self._office, self._now = ops, db, office, now
        self._services: list[ServiceInfo] = []
        self._offers: list[Offer] = []
        self.booking: Booking | None = None
        self.setWindowTitle(self.tr("Termin buchen – {0}").format(office.name))
        self.setMinimumWidth(620)
        self.setStyleSheet(DIALOG_STYLE)
        self._build()
        self._ops.run(lambda: office_services(db, office.id), self._services_loaded, self._failed)

    # ----------------------------------------------------------------- layout
    def _build(self) -> None:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.service_box = QComboBox()
        self.name_edit = QLineEdit()
        self.phone_edit = QLineEdit()
        self.email_edit = QLineEdit()
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setFixedHeight(56)
        self.move_in_edit = QDateEdit()
        self.move_in_edit.setCalendarPopup(True)
        self.move_in_edit.setDisplayFormat("dd.MM.yyyy")
        today = self._now.date()
        self.move_in_edit.setDate(QDate(today.year, today.month, today.day))
        self.frist_label = QLabel()
        self.frist_label.setObjectName("fristLabel")
        self.frist_label.setWordWrap(True)
        channels = self._channels()
        self.problem_labels: dict[str, QLabel] = {}
        form.addRow(self.tr("&Dienstleistung:"), self.service_box)
        form.addRow(self.tr("&Name:"), self._with_problem("name", self.name_edit))
        form.addRow(self.tr("&Telefon:"), self._with_problem("phone", self.phone_edit))
        form.addRow(self.tr("&E-Mail:"), self._with_problem("email", self.email_edit))
        form.addRow(self.tr("N&otiz:"), self._with_problem("notes", self.notes_edit))
        form.addRow(self.tr("Gebucht:"), channels)
        self.move_in_caption = QLabel(self.tr("Ein&zugsdatum:"))
        self.move_in_caption.setBuddy(self.move_in_edit)
        form.addRow(self.move_in_caption, self.move_in_edit)
        form.addRow("", self.frist_label)

        slots_caption = self._lower_part()
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(slots_caption)
        column.addWidget(self.slot_list, 1)
        column.addWidget(self.earliest_button)
        column.addWidget(self.message)
        column.addWidget(self.buttons)

        self.service_box.currentIndexChanged.connect(self._service_changed)
        self.slot_list.currentRowChanged.connect(lambda _r: self._update_frist())
        self.slot_list.itemDoubleClicked.connect(lambda _i: self.save())
        self.move_in_edit.dateChanged.connect(lambda _d: self._update_frist())
        self.earliest_button.clicked.connect(self.choose_earliest_within)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self._show_registration(False)

    def _channels(self) -> QHBoxLayout:
        """How the booking came: at the counter (chosen) or by phone."""
        self.phone_channel = QRadioButton(self.tr("Telefon"))
        self.counter_channel = QRadioButton(self.tr("am Schalter"))
        self.counter_channel.setChecked(True)
        channel_group = QButtonGroup(self)
        channel_group.addButton(self.counter_channel)
        channel_group.addButton(self.phone_channel)
        channels = QHBoxLayout()
        channels.addWidget(self.counter_channel)
        channels.addWidget(self.phone_channel)
        channels.addStretch(1)
        return channels

    def _lower_part(self) -> QLabel:
        """The free starts, the earliest-within-the-Frist button, the message and the
        buttons; returns the list's caption."""
        self.slot_list = QListWidget()
        self.slot_list.setAccessibleName(self.tr("Freie Termine"))
        self.slot_list.setMinimumHeight(180)
        slots_caption = QLabel(
            self.tr("&Freie Termine (nächste {0} Tage):").format(SUGGESTION_DAYS)
        )
        slots_caption.setBuddy(self.slot_list)
        self.earliest_button = QPushButton(self.tr("Frühesten Termin in der Frist wählen"))
        self.earliest_button.hide()
        self.message = QLabel()
        self.message.setObjectName("dialogMessage")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("&Buchen"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Abbrechen"))

        return slots_caption

    def _with_problem(self, key: str, field: QWidget) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addWidget(field)
        problem = QLabel()
        problem.setObjectName("fieldProblem")
        problem.hide()
        layout.addWidget(problem)
        self.problem_labels[key] = problem
        return box

    # --------------------------------------------------------------- services
    def _services_loaded(self, services: list[ServiceInfo]) -> None:
        self._services = services
        self.service_box.blockSignals(True)
        for service in services:
            self.service_box.addItem(f"{service.name} ({service.minutes} min)", service.id)
        self.service_box.blockSignals(False)
        self._service_changed()

    @property
    def service_id(self) -> str | None:
        """The chosen service."""
        data = self.service_box.currentData()
        return str(data) if data is not None else None

    def select_service(self, service_id: str) -> None:
        """Choose a service by id (loads its free slots)."""
        index = self.service_box.findData(service_id)
        if index >= 0:
            self.service_box.setCurrentIndex(index)

    def _service_changed(self) -> None:
        self._show_registration(self.service_id == REGISTRATION)
        self.reload_suggestions()

    def _show_registration(self, shown: bool) -> None:
        for widget in (self.move_in_caption, self.move_in_edit, self.frist_label):
            widget.setVisible(shown)
        if not shown:
            self.earliest_button.hide()

    # ------------------------------------------------------------ suggestions
    def reload_suggestions(self, keep_message: bool = False) -> None:
        """Ask for the service's next free slots (in the background)."""
        service, db, office, now = self.service_id, self._db, self._office.id, self._now
        if service is None:
            return
        self.slot_list.clear()
        self.slot_list.addItem(self.tr("Freie Termine werden gesucht …"))
        self.slot_list.setEnabled(False)
        if not keep_message:
            self.message.clear()
        self._ops.run(
            lambda: suggestions(db, office, service, now, SUGGESTION_DAYS, SUGGESTION_LIMIT),
            lambda offers: self._suggestions_loaded(service, offers),
            self._failed,
        )

    def _suggestions_loaded(self, service: str, offers: list[Offer]) -> None:
        if service != self.service_id:
            return  # the clerk chose another service meanwhile
        self._offers = offers
        self.slot_list.clear()
        self.slot_list.setEnabled(True)
        for offer in offers:
            day = QLocale().toString(qdate(offer.start.date()), "ddd dd.MM.yyyy")
            text = self.tr("{0}, {1}–{2} · Schalter {3}").format(
                day, f"{offer.start:%H:%M}", f"{offer.end:%H:%M}", offer.counter_number
            )
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, offer.start)
            self.slot_list.addItem(item)
        if not offers:
            self.slot_list.addItem(
                self.tr("Keine freien Termine in den nächsten {0} Tagen").format(SUGGESTION_DAYS)
            )
            self.slot_list.setEnabled(False)
        else:
            self.slot_list.setCurrentRow(0)
        self._update_frist()
        self.suggestions_loaded.emit()

    @property
    def offers(self) -> list[Offer]:
        """The free slots listed."""
        return list(self._offers)

    @property
    def chosen(self) -> Offer | None:
        """The slot chosen in the list."""
        row = self.slot_list.currentRow()
        return self._offers[row] if 0 <= row < len(self._offers) else None

    def choose(self, start: datetime) -> bool:
        """Choose a listed slot by its start."""
        for row, offer in enumerate(self._offers):
            if offer.start == start:
                self.slot_list.setCurrentRow(row)
                return True
        return False

    # ------------------------------------------------------------ Anmeldefrist
    @property
    def move_in(self) -> date | None:
        """The move-in date (Anmeldung only)."""
        if self.service_id != REGISTRATION:
            return None
        return self.move_in_edit.date().toPython()  # type: ignore[no-any-return]

    def frist(self) -> anmeldefrist.FristCheck | None:
        """The Anmeldefrist check of the chosen slot (Anmeldung only)."""
        move_in = self.move_in
        if move_in is None:
            return None
        chosen = self.chosen
        return anmeldefrist.check(
            move_in, chosen.start if chosen else None, [o.start for o in self._offers]
        )

    def _update_frist(self) -> None:
        check = self.frist()
        if check is None:
            return
        deadline = QLocale().toString(
            QDate(check.deadline.year, check.deadline.month, check.deadline.day),
            "dddd, d. MMMM yyyy",
        )
        text = self.tr("Anmeldefrist (14 Tage nach Einzug): bis {0}.").format(deadline)
        late = check.within is False
        if late:
            text += " " + self.tr("⚠ Der gewählte Termin liegt nach der Frist.")
            if check.earliest_within is None:
                text += " " + self.tr("In der Frist ist kein Termin mehr frei.")
        self.frist_label.setText(text)
        self.frist_label.setProperty("warning", late)
        restyle(self.frist_label)
        self.earliest_button.setVisible(late and check.earliest_within is not None)

    def choose_earliest_within(self) -> None:
        """Choose the earliest free slot within the Anmeldefrist."""
        check = self.frist()
        if check is not None and check.earliest_within is not None:
            self.choose(check.earliest_within)

    # ------------------------------------------------------------------- save
    def problems(self) -> dict[str, str]:
        """What is wrong with the input, per field (shown next to the fields)."""
        found = contact_problems(
            self.name_edit.text(),
            self.phone_edit.text(),
            self.email_edit.text(),
            self.notes_edit.toPlainText(),
        )
        for key, label in self.problem_labels.items():
            label.setText(found.get(key, ""))
            label.setVisible(key in found)
        return found

    def save(self) -> None:
        """Book the chosen slot; on a refusal stay open with the reason and new slots."""
        found = self.problems()
        if found:
            self.message.setText(self.tr("Bitte die markierten Felder prüfen."))
            self.save_finished.emit()
            return
        offer, service = self.chosen, self.service_id
        if offer is None or service is None:
            self.message.setText(self.tr("Bitte einen freien Termin wählen."))
            self.save_finished.emit()
            return
        db, office, now = self._db, self._office.id, self._now
        name = self.name_edit.text()
        phone = self.phone_edit.text().strip() or None
        email = self.email_edit.text().strip() or None
        notes = self.notes_edit.toPlainText().strip() or None
        channel = Channel.PHONE if self.phone_channel.isChecked() else Channel.COUNTER
        move_in = self.move_in
        self.save_button.setEnabled(False)
        self.message.setText(self.tr("Wird gebucht …"))
        self._ops.run(
            lambda: book(
                db,
                office,
                service,
                offer.start,
                name,
                now,
                channel=channel,
                phone=phone,
                email=email,
                notes=notes,
                move_in=move_in,
                counter_number=offer.counter_number,  # the counter the list showed
            ),
            self._booked,
            self._refused,
        )

    def _booked(self, booking: Booking) -> None:
        self.booking = booking
        self.save_button.setEnabled(True)
        self.save_finished.emit()
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(error, DeskError):
            told = self.tr("Nicht gebucht: {0}. Bitte einen anderen Termin wählen.")
            self.message.setText(told.format(failure_text(error, log, "booking failed")))
        else:
            unexpected = self.tr(
                "Nicht gebucht: unerwarteter Fehler ({0}). Bitte erneut versuchen."
            )
            self.message.setText(failure_text(error, log, "booking failed", unexpected))
        self.reload_suggestions(keep_message=True)
        self.save_finished.emit()

    def _failed(self, error: BaseException) -> None:
        reason = failure_text(error, log, "booking dialog query failed")
        self.message.setText(self.tr("Fehler: {0}").format(reason))
