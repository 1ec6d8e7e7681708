"""Book an appointment at the counter or by phone: service, citizen, a day, a free slot.

The clerk chooses any day up to the office's internal reach (the first day with a
free slot to begin with) and sees every free slot of that day. Wrong input is marked
next to its field; a refused slot leaves the dialog open with the reason under the
slot list (read again) and everything typed kept. For the Anmeldung the dialog asks
the move-in date (empty until typed) and warns in its own row when the chosen slot is
after the Anmeldefrist.
"""

from __future__ import annotations

import itertools
import logging
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QLocale, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desk.domain import anmeldefrist
from desk.domain.contact import contact_faults
from desk.domain.errors import DeskError
from desk.domain.status import Channel
from desk.services.appointments.availability import INTERNAL_REACH_DAYS, Offer
from desk.services.appointments.booking import Booking, book
from desk.services.appointments.day_offers import DayOffers, day_offers
from desk.services.database import DeskDatabase
from desk.services.offices import OfficeInfo, ServiceInfo, office_services
from ui.accessible_names import name_form_fields
from ui.dialogs.booking_slots import SlotPicker
from ui.dialogs.move_in_field import MoveInField
from ui.failures import failure_text
from ui.ops import Ops
from ui.qt_dates import qdate
from ui.refusals import reason_text
from ui.screen_fit import keep_on_screen, scrolling
from ui.text_size import percent as text_percent
from ui.theme import DIALOG_STYLE, restyle

log = logging.getLogger(__name__)

REGISTRATION = "anmeldung"


class WrappedLabel(QLabel):
    """A word-wrapped label that keeps the height its text needs at its width (a
    dialog's layout does not ask for it, and the text would run over what is below)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)

    def setText(self, text: str) -> None:
        super().setText(text)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        need = self.heightForWidth(self.width())
        if need > 0 and need != self.minimumHeight():
            self.setMinimumHeight(need)


class BookingDialog(QDialog):
    """The booking form; ``booked`` carries the Booking once saved.

    Signals:
        suggestions_loaded(): the day's free slots were (re)listed.
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
        self._asked = 0
        self._day_asked: date | None = None  # a day the clerk chose (else the first free)
        self._earliest: Offer | None = None
        self._pending: datetime | None = None  # a start to choose once its day is listed
        self.booking: Booking | None = None
        self.setWindowTitle(self.tr("Termin buchen – {0}").format(office.name))
        # room for a day's slots; fits a 1366×768 screen at any text size
        self.resize(min(1300, 9 * text_percent()), 600)
        self.setStyleSheet(DIALOG_STYLE)
        keep_on_screen(self)  # at any text size
        self._build()
        self._ops.run(lambda: office_services(db, office.id), self._services_loaded, self._failed)

    # ----------------------------------------------------------------- layout
    def _build(self) -> None:
        self.problem_labels: dict[str, QLabel] = {}
        self._problem_fields: dict[str, QWidget] = {}
        form = self._form()
        today = self._now.astimezone(self._office_tz()).date()
        self.slots = SlotPicker(today)
        self.slots.day_edit.setMaximumDate(qdate(today + timedelta(days=INTERNAL_REACH_DAYS)))
        self.slot_list = self.slots.slot_list
        self.message = self.slots.message
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("&Buchen"))
        self.save_button.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Abbrechen"))
        left = QVBoxLayout()
        left.addLayout(form)
        left.addStretch(1)  # the form keeps its rows' heights; the list takes the room
        top = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        if text_percent() > 125:  # large text: the slots under the form, all of it scrolls
            top.setDirection(QBoxLayout.Direction.TopToBottom)
        top.addLayout(left, 5)
        top.addSpacing(12)
        top.addWidget(self.slots, 4)
        column = QVBoxLayout(self)
        if text_percent() > 125:
            column.addWidget(scrolling(top), 1)
        else:
            self.setMinimumWidth(860)
            column.addLayout(top, 1)
        column.addWidget(self.buttons)
        self._connect()
        self._tab_order()
        self._show_registration(False)

    def _office_tz(self) -> ZoneInfo:
        return ZoneInfo(self._office.timezone)

    def _form(self) -> QFormLayout:
        """The citizen's part: service, contact, channel, move-in date and Frist."""
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.service_box = QComboBox()
        self.name_edit = QLineEdit()
        self.phone_edit = QLineEdit()
        self.email_edit = QLineEdit()
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setFixedHeight(56)
        form.addRow(self.tr("&Dienstleistung:"), self.service_box)
        form.addRow(self.tr("&Name:"), self._with_problem("name", self.name_edit))
        form.addRow(self.tr("&Telefon:"), self._with_problem("phone", self.phone_edit))
        form.addRow(self.tr("&E-Mail:"), self._with_problem("email", self.email_edit))
        form.addRow(self.tr("N&otiz:"), self._with_problem("notes", self.notes_edit))
        form.addRow(self.tr("Gebucht:"), self._channels())
        self.move_in_caption = QLabel(self.tr("Ein&zugsdatum:"))
        self.move_in_part = self._move_in_part()
        self.move_in_caption.setBuddy(self.move_in_edit)
        form.addRow(self.move_in_caption, self.move_in_part)
        name_form_fields(form)  # each field named by its label (a screen reader says it)
        return form

    def _move_in_part(self) -> QWidget:
        """The move-in date, its problem, then the Frist and its button, one per row."""
        self.move_in_edit = MoveInField()
        box = self._with_problem("move_in", self.move_in_edit)
        self.frist_label = WrappedLabel()
        self.frist_label.setObjectName("fristLabel")
        self.earliest_button = QPushButton(self.tr("Frühesten Termin in der Frist wählen"))
        self.earliest_button.setAutoDefault(False)
        self.earliest_button.hide()
        layout = box.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.addWidget(self.frist_label)
        layout.addWidget(self.earliest_button)
        return box

    def _channels(self) -> QHBoxLayout:
        """How the booking came: at the counter (chosen) or by phone."""
        self.phone_channel = QRadioButton(self.tr("Telefon"))
        self.counter_channel = QRadioButton(self.tr("am Schalter"))
        self.counter_channel.setChecked(True)
        channel_group = QButtonGroup(self)
        channel_group.addButton(self.counter_channel)
        channel_group.addButton(self.phone_channel)
        for channel in (self.counter_channel, self.phone_channel):
            channel.setAccessibleDescription(self.tr("Wie der Termin gebucht wird"))
        channels = QHBoxLayout()
        channels.addWidget(self.counter_channel)
        channels.addWidget(self.phone_channel)
        channels.addStretch(1)
        return channels

    def _with_problem(self, key: str, field: QWidget) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addWidget(field)
        problem = QLabel()  # said with the others on saving, and as the field's description
        problem.setObjectName("fieldProblem")
        problem.setWordWrap(True)
        problem.hide()
        layout.addWidget(problem)
        self.problem_labels[key] = problem
        self._problem_fields[key] = field
        return box

    def _connect(self) -> None:
        self.service_box.currentIndexChanged.connect(self._service_changed)
        self.slots.slot_changed.connect(self._update_frist)
        self.slots.day_chosen.connect(self.show_day)
        self.slot_list.itemDoubleClicked.connect(lambda _i: self.save())
        self.move_in_edit.textChanged.connect(lambda _t: self._move_in_typed())
        self.earliest_button.clicked.connect(self.choose_earliest_within)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    def _tab_order(self) -> None:
        """The form from top to bottom, then the day, then the list, then the buttons."""
        chain: list[QWidget] = [
            self.service_box, self.name_edit, self.phone_edit, self.email_edit,
            self.notes_edit, self.counter_channel, self.phone_channel, self.move_in_edit,
            self.earliest_button, self.slots.day_edit, self.slot_list, self.save_button,
        ]  # fmt: skip
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

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
        self._load(self._day_asked)

    def _show_registration(self, shown: bool) -> None:
        self.move_in_caption.setVisible(shown)
        self.move_in_part.setVisible(shown)
        if not shown:
            self.earliest_button.hide()

    # -------------------------------------------------------------- the slots
    def show_day(self, day: date) -> None:
        """List another day's free slots (read in the background)."""
        self._day_asked = day
        self._load(day)

    def reload_suggestions(self, keep_message: bool = False) -> None:
        """Read the listed day's free slots again (in the background)."""
        self._load(self._day_asked or (self.slots.day if self._asked else None), keep_message)

    def _load(self, day: date | None, keep_message: bool = False) -> None:
        service, db, office, now = self.service_id, self._db, self._office.id, self._now
        if service is None:
            return
        self._asked += 1
        asked = self._asked
        self.slots.show_loading()
        if not keep_message:
            self.message.clear()
        self._ops.run(
            lambda: day_offers(db, office, service, day, now),
            lambda found: self._day_loaded(asked, service, found),
            self._failed,
        )

    def _day_loaded(self, asked: int, service: str, found: DayOffers) -> None:
        if asked != self._asked or service != self.service_id:
            return  # another day or service was asked for meanwhile
        self._earliest = found.earliest
        self.slots.show_day(found)
        pending, self._pending = self._pending, None
        if pending is not None:
            self.slots.choose(pending)
        self._update_frist()
        self.suggestions_loaded.emit()

    @property
    def day(self) -> date:
        """The day whose free slots are listed (or being read)."""
        return self.slots.day

    @property
    def offers(self) -> list[Offer]:
        """The free slots listed (of one day)."""
        return self.slots.offers

    @property
    def chosen(self) -> Offer | None:
        """The slot chosen in the list."""
        return self.slots.chosen

    def choose(self, start: datetime) -> bool:
        """Choose a listed slot by its start."""
        return self.slots.choose(start)

    # ------------------------------------------------------------ Anmeldefrist
    @property
    def move_in(self) -> date | None:
        """The move-in date (Anmeldung only; None while empty or not a whole date)."""
        if self.service_id != REGISTRATION:
            return None
        return self.move_in_edit.day()

    def frist(self) -> anmeldefrist.FristCheck | None:
        """The Anmeldefrist check of the chosen slot (Anmeldung with a move-in date)."""
        move_in = self.move_in
        if move_in is None:
            return None
        chosen = self.chosen
        candidates = [o.start for o in self.offers]
        if self._earliest is not None:
            candidates.append(self._earliest.start)
        return anmeldefrist.check(
            move_in, chosen.start if chosen else None, candidates, self._office_tz()
        )

    def _move_in_typed(self) -> None:
        problem = self.problem_labels["move_in"]
        if problem.isVisible() and self.move_in_edit.problem() is None:
            problem.hide()  # corrected: the mark goes at once; a new one comes on saving
            self.move_in_edit.setAccessibleDescription("")
        self._update_frist()

    def _update_frist(self) -> None:
        if self.service_id != REGISTRATION:
            return
        check = self.frist()
        late = check is not None and check.within is False
        if check is None:
            text = self.tr("Einzugsdatum eingeben, um die Anmeldefrist (14 Tage) zu prüfen.")
        else:
            deadline = QLocale().toString(
                QDate(check.deadline.year, check.deadline.month, check.deadline.day),
                "dddd, d. MMMM yyyy",
            )
            text = self.tr("Anmeldefrist (14 Tage nach Einzug): bis {0}.").format(deadline)
        if check is not None and late:
            text += " " + self.tr("⚠ Der gewählte Termin liegt nach der Frist.")
            if check.earliest_within is None:
                text += " " + self.tr("In der Frist ist kein Termin mehr frei.")
        self.frist_label.setText(text)
        self.frist_label.setProperty("warning", late)
        restyle(self.frist_label)
        self.earliest_button.setVisible(
            late and check is not None and check.earliest_within is not None
        )

    def choose_earliest_within(self) -> None:
        """Choose the earliest free slot within the Anmeldefrist (its day listed first)."""
        check = self.frist()
        if check is None or check.earliest_within is None:
            return
        start = check.earliest_within
        if not self.choose(start):
            self._pending = start
            self.show_day(start.astimezone(self._office_tz()).date())

    # ------------------------------------------------------------------- save
    def problems(self) -> dict[str, str]:
        """What is wrong with the input, per field (shown next to the fields)."""
        faults = contact_faults(
            self.name_edit.text(),
            self.phone_edit.text(),
            self.email_edit.text(),
            self.notes_edit.toPlainText(),
        )
        found = {key: reason_text(f.code, f.params) or str(f) for key, f in faults.items()}
        move_in = self.move_in_edit.problem()
        if self.service_id == REGISTRATION and move_in is not None:
            found["move_in"] = move_in
        self._mark(found)
        return found

    def _mark(self, found: dict[str, str]) -> None:
        """Each problem next to its field and as the field's description (a screen reader
        says it when the field gets the focus)."""
        for key, label in self.problem_labels.items():
            label.setText(found.get(key, ""))
            label.setVisible(key in found)
            self._problem_fields[key].setAccessibleDescription(found.get(key, ""))

    def save(self) -> None:
        """Book the chosen slot; on a refusal stay open with the reason under the slot
        list, which is read again."""
        found = self.problems()
        if found:
            short = self.tr("Bitte die markierten Felder prüfen.")
            fields = self._problem_fields  # one announcement: several would cut each other off
            said = " ".join(f"{fields[k].accessibleName()}: {text}" for k, text in found.items())
            self.message.setText(short, spoken=f"{short} {said}")
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
