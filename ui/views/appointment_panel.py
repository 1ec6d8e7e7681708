"""The side panel: the selected appointment, its possible steps and its history."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGridLayout,
    QLabel,
    QListWidget,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desk.domain.localtime import time_span
from desk.domain.steps import KEY_STEPS, Action, allowed_actions
from ui.labels import channel_label, status_label
from ui.views.button_grid import place_in_columns
from ui.views.window_actions import key_text

if TYPE_CHECKING:
    from desk.services.appointments.agenda import AppointmentRow
    from desk.services.appointments.lifecycle import HistoryEntry


class AppointmentPanel(QFrame):
    """Details of one appointment with buttons for its life-cycle steps."""

    def __init__(self, actions: dict[Action, QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("appointmentPanel")
        self.setMinimumWidth(280)
        self.setMaximumWidth(380)
        self._actions = actions
        self.heading = QLabel(self.tr("Kein Termin gewählt"))
        self.heading.setObjectName("panelHeading")
        self.heading.setWordWrap(True)
        self.fields: dict[str, QLabel] = {}
        form = self._form = QFormLayout()
        for key, caption in (
            ("time", self.tr("Zeit")),
            ("service", self.tr("Anliegen")),
            ("name", self.tr("Name")),
            ("code", self.tr("Buchungsnr.")),
            ("status", self.tr("Status")),
            ("channel", self.tr("Gebucht")),
            ("counter", self.tr("Schalter")),
        ):
            value = QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(value.textInteractionFlags())
            self.fields[key] = value
            form.addRow(caption + ":", value)
        self.keys_note = QLabel()  # the step keys act on the counter's person, not on this one
        self.keys_note.setObjectName("keysNote")
        self.keys_note.setWordWrap(True)
        self.keys_note.hide()
        buttons = self._button_grid = QGridLayout()
        self.buttons: dict[Action, QToolButton] = {}
        for i, action in enumerate(KEY_STEPS):
            button = QToolButton()
            button.setDefaultAction(actions[action])
            button.setMinimumHeight(34)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            self.buttons[action] = button
            buttons.addWidget(button, i // 2, i % 2)
        self.possible = QLabel()
        self.possible.setObjectName("possibleSteps")
        self.possible.setWordWrap(True)
        self.history = QListWidget()
        self.history.setAccessibleName(self.tr("Verlauf"))
        self.history.setWordWrap(True)
        self.history.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.keys_note)
        layout.addLayout(buttons)
        layout.addWidget(self.possible)
        layout.addWidget(QLabel(self.tr("Verlauf:")))
        layout.addWidget(self.history, 1)
        self.show_appointment(None)
        self._arrange_buttons()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # another text size
            self._arrange_buttons()

    def _arrange_buttons(self) -> None:
        """The step buttons two a row while two fit into the panel, else (large text) one
        a row and the fields under their captions."""
        grid = self._button_grid
        widest = max(button.sizeHint().width() for button in self.buttons.values())
        margins = self.contentsMargins().left() + self.contentsMargins().right()
        room = self.maximumWidth() - margins - 2 * grid.contentsMargins().left() - 24
        columns = 2 if 2 * widest + max(grid.horizontalSpacing(), 0) <= room else 1
        place_in_columns(grid, self.buttons.values(), columns)
        wrap = QFormLayout.RowWrapPolicy
        self._form.setRowWrapPolicy(wrap.DontWrapRows if columns == 2 else wrap.WrapAllRows)

    def show_appointment(self, row: AppointmentRow | None) -> None:
        """Show an appointment (None: nothing selected)."""
        if row is None:
            self.heading.setText(self.tr("Kein Termin gewählt"))
            for label in self.fields.values():
                label.clear()
            self.possible.setText(
                self.tr("Einen Termin im Kalender wählen (Pfeiltasten, Maus) oder suchen (Strg+F).")
            )
            self.history.clear()
            return
        self.heading.setText(f"{row.starts_at:%H:%M} · {row.service_name}")
        self.fields["time"].setText(
            f"{row.starts_at:%d.%m.%Y} {time_span(row.starts_at, row.ends_at, zone=True)}"
        )
        self.fields["service"].setText(row.service_name)
        self.fields["name"].setText(row.citizen_name)
        self.fields["code"].setText(row.booking_code)
        self.fields["status"].setText(status_label(row.status))
        self.fields["channel"].setText(channel_label(row.channel))
        self.fields["counter"].setText(row.counter_name)
        possible = [a for a in allowed_actions(row.status) if a in self._actions]
        if possible:
            steps = ", ".join(
                "{} ({})".format(
                    self._actions[a].text().replace("&", ""), key_text(self._actions[a].shortcut())
                )
                for a in possible
            )
            self.possible.setText(self.tr("Möglich: {0}").format(steps))
        else:
            self.possible.setText(self.tr("Keine weiteren Schritte möglich."))

    def note_person(self, code: str | None) -> None:
        """Say that the step buttons act on ``code``, the person at the counter (None: on
        the appointment shown here)."""
        self.keys_note.setVisible(code is not None)
        if code is not None:
            self.keys_note.setText(
                self.tr(
                    "Die Schritte unten wirken auf {0} (am Schalter), nicht auf diesen Termin."
                ).format(code)
            )

    def show_history(self, entries: list[HistoryEntry]) -> None:
        """Show the stamped steps of the appointment, oldest first."""
        self.history.clear()
        for entry in entries:
            parts = [f"{entry.at:%d.%m. %H:%M}", status_label(entry.status)]
            if entry.counter_name:
                parts.append(entry.counter_name)
            if entry.user_name:
                parts.append(entry.user_name)
            note = entry.note
            if note and entry.status == "booked" and note.startswith("gebucht ("):
                note = None  # "gebucht (portal)": the channel, shown in words instead
                parts.append(channel_label(entry.note.removeprefix("gebucht (").rstrip(")")))
            if note:
                parts.append(f"„{note}“")
            self.history.addItem(" · ".join(parts))
