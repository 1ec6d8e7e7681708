"""The office and counter boxes: filled once the offices are known, the given or
remembered ones chosen, each choice taken into the session and remembered in the
settings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Signal

if TYPE_CHECKING:
    from PySide6.QtWidgets import QComboBox

    from desk.services.offices import OfficeInfo
    from ui.session import DeskSession


class OfficeChooser(QObject):
    """Keeps ``office_box`` and ``counter_box`` and the session's office and counter in
    step; ``office_id`` and ``counter_number`` (else the remembered ones) are chosen
    when the boxes are filled.

    Signals:
        office_chosen(): the clerk chose another office (its counters are filled).
        counter_chosen(): the clerk chose another counter.
    """

    office_chosen = Signal()
    counter_chosen = Signal()

    def __init__(
        self,
        session: DeskSession,
        settings: QSettings,
        boxes: tuple[QComboBox, QComboBox],
        office_id: str | None = None,
        counter_number: int | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._session, self._settings = session, settings
        self._office_box, self._counter_box = boxes
        self._wanted_office = office_id or settings.value("office", None, str)
        self._wanted_counter = counter_number or settings.value("counter", 0, int) or None
        self._office_box.currentIndexChanged.connect(self._office_changed)
        self._counter_box.currentIndexChanged.connect(self._counter_changed)

    def fill(self, offices: list[OfficeInfo]) -> None:
        """The offices are known: into the box and the session, the wanted one chosen,
        then its counters (no signal: nothing was chosen yet)."""
        self._session.offices = list(offices)
        box = self._office_box
        box.blockSignals(True)
        box.clear()
        for office in offices:
            box.addItem(office.name, office.id)
        wanted = box.findData(self._wanted_office) if self._wanted_office else -1
        box.setCurrentIndex(max(wanted, 0))
        box.blockSignals(False)
        self._take_office()
        self._fill_counters()

    def _take_office(self) -> None:
        """The office chosen in the box into the session, remembered."""
        index, offices = self._office_box.currentIndex(), self._session.offices
        office = offices[index] if 0 <= index < len(offices) else None
        if office is not None:
            self._settings.setValue("office", office.id)
        self._session.set_office(office)

    def _fill_counters(self) -> None:
        """The chosen office's counters in the box, the wanted one chosen."""
        office, box = self._session.office, self._counter_box
        box.blockSignals(True)
        box.clear()
        for counter in office.counters if office else ():
            box.addItem(counter.name, counter.number)
        wanted = box.findData(self._wanted_counter) if self._wanted_counter else -1
        box.setCurrentIndex(max(wanted, 0))
        box.blockSignals(False)
        self._take_counter()

    def _take_counter(self) -> None:
        """The counter chosen in the box into the session, remembered."""
        number = self._counter_box.currentData()
        if number is not None:
            self._settings.setValue("counter", int(number))
            self._wanted_counter = int(number)
        self._session.set_counter(int(number) if number is not None else None)

    def _office_changed(self) -> None:
        self._take_office()
        self._fill_counters()
        self.office_chosen.emit()

    def _counter_changed(self) -> None:
        self._take_counter()
        self.counter_chosen.emit()
