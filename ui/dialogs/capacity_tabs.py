"""The capacity editor's smaller tabs: Buchungsfenster, Sprechstunde, Freigaben."""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from desk.domain.capacity_change import PlanInvalid, PlanPolicy, WalkInPlan
from desk.domain.status import PolicyKind
from desk.domain.walkin import ASK, REFUSE
from desk.services.capacity.plan import PlanView
from ui.accessible_names import name_form_fields
from ui.dialogs.capacity_fields import FieldError, py_time, q_time
from ui.labels import WEEKDAYS, weekday_label


def _spin(parent: QWidget, top: int, suffix: str = "") -> QSpinBox:
    box = QSpinBox(parent)
    box.setRange(0, top)
    box.setSuffix(suffix)
    return box


class PolicyTab(QWidget):
    """The office-wide booking policy: kind, its fields, the portal's share.

    Signals:
        changed(): a field changed.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = QComboBox(self)
        self.kind.addItem(self.tr("Rollierend: N Tage im Voraus"), PolicyKind.ROLLING)
        self.kind.addItem(self.tr("Wöchentliche Freigabe"), PolicyKind.WEEKLY_RELEASE)
        self.kind.addItem(self.tr("Gestaffelt: frei, dann mit Gebühr"), PolicyKind.TIERED)
        self.horizon = _spin(self, 730, self.tr(" Tage"))
        self.release_weekday = QComboBox(self)
        for i in range(len(WEEKDAYS)):
            self.release_weekday.addItem(weekday_label(i), i)
        self.release_time = QTimeEdit(self)
        self.release_time.setDisplayFormat("HH:mm")
        self.free_months = _spin(self, 60, self.tr(" Monate"))
        self.fee_months = _spin(self, 60, self.tr(" Monate"))
        self.fee = QDoubleSpinBox(self)
        self.fee.setRange(0, 10000)
        self.fee.setSuffix(" €")
        self.share = _spin(self, 100, " %")
        self.lead = _spin(self, 10080, self.tr(" Min."))
        self.errors = {name: FieldError(self) for name in ("horizon_days", "fee_months", "other")}
        self.form = QFormLayout(self)
        self.form.addRow(self.tr("Art"), self.kind)
        self.form.addRow(self.tr("Online buchbar"), self.horizon)
        self.form.addRow("", self.errors["horizon_days"])
        self.form.addRow(self.tr("Freigabe am"), self.release_weekday)
        self.form.addRow(self.tr("Freigabe um"), self.release_time)
        self.form.addRow(self.tr("Ohne Gebühr"), self.free_months)
        self.form.addRow(self.tr("Mit Gebühr bis"), self.fee_months)
        self.form.addRow("", self.errors["fee_months"])
        self.form.addRow(self.tr("Gebühr"), self.fee)
        self.form.addRow(self.tr("Online-Anteil"), self.share)
        self.form.addRow(self.tr("Vorlauf online"), self.lead)
        self.form.addRow("", self.errors["other"])
        name_form_fields(self.form)
        self._none = True
        self._loading = False
        self.kind.currentIndexChanged.connect(self._show_fields)
        for signal in (
            self.kind.currentIndexChanged,
            self.horizon.valueChanged,
            self.release_weekday.currentIndexChanged,
            self.release_time.timeChanged,
            self.free_months.valueChanged,
            self.fee_months.valueChanged,
            self.fee.valueChanged,
            self.share.valueChanged,
            self.lead.valueChanged,
        ):
            signal.connect(self._edited)

    def load(self, view: PlanView) -> None:
        """Show the policy in force (an office without one keeps none until edited)."""
        p = view.policy or PlanPolicy(PolicyKind.ROLLING, horizon_days=14)
        self._none = view.policy is None
        self._loading = True
        self.kind.setCurrentIndex(max(self.kind.findData(p.kind), 0))
        self.horizon.setValue(p.horizon_days or 0)
        self.release_weekday.setCurrentIndex(p.release_weekday or 0)
        self.release_time.setTime(q_time(p.release_time, time(18)))
        self.free_months.setValue(p.free_months or 0)
        self.fee_months.setValue(p.fee_months or 0)
        self.fee.setValue((p.fee_cents or 0) / 100)
        self.share.setValue(p.portal_share_percent)
        self.lead.setValue(p.min_lead_minutes)
        self._loading = False
        self._show_fields()

    def _show_fields(self) -> None:
        kind = self.kind.currentData()
        rows = {
            self.horizon: kind == PolicyKind.ROLLING,
            self.release_weekday: kind == PolicyKind.WEEKLY_RELEASE,
            self.release_time: kind == PolicyKind.WEEKLY_RELEASE,
            self.free_months: kind == PolicyKind.TIERED,
            self.fee_months: kind == PolicyKind.TIERED,
            self.fee: kind == PolicyKind.TIERED,
        }
        for widget, visible in rows.items():
            self.form.setRowVisible(widget, visible)

    def _edited(self) -> None:
        if not self._loading:
            self._none = False
            self.changed.emit()

    def part(self) -> PlanPolicy | None:
        """The policy as entered (None: the office has none and it was not edited)."""
        if self._none:
            return None
        kind = PolicyKind(self.kind.currentData())
        tiered = kind == PolicyKind.TIERED
        weekly = kind == PolicyKind.WEEKLY_RELEASE
        return PlanPolicy(
            kind,
            horizon_days=self.horizon.value() if kind == PolicyKind.ROLLING else None,
            release_weekday=self.release_weekday.currentData() if weekly else None,
            release_time=py_time(self.release_time.time()) if weekly else None,
            free_months=self.free_months.value() if tiered else None,
            fee_months=(self.fee_months.value() or None) if tiered else None,
            fee_cents=round(self.fee.value() * 100) if tiered else None,
            portal_share_percent=self.share.value(),
            min_lead_minutes=self.lead.value(),
        )

    def show_error(self, field: str, message: str) -> bool:
        """Show a message next to its field when it belongs to this tab."""
        if not field.startswith("policy."):
            return False
        name = field.split(".", 1)[1]
        self.errors.get(name, self.errors["other"]).show_message(message)
        return True

    def clear_errors(self) -> None:
        """Hide every field message."""
        for label in self.errors.values():
            label.show_message("")


class WalkInTab(QWidget):
    """Kontingentsprechstunde: the window, the daily quota, and what F9 does while someone
    is at the counter (an office setting: ask or refuse).

    Signals:
        changed(): a field changed.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.offered = QCheckBox(self.tr("Sprechstunde ohne Termin anbieten"), self)
        self.starts, self.ends = QTimeEdit(self), QTimeEdit(self)
        for edit in (self.starts, self.ends):
            edit.setDisplayFormat("HH:mm")
        self.quota = QLineEdit(self)
        self.quota.setPlaceholderText(self.tr("leer = unbegrenzt"))
        self.ends_error, self.quota_error = FieldError(self), FieldError(self)
        self.if_someone_current = QComboBox(self)
        self.if_someone_current.setObjectName("ifSomeoneCurrent")
        self.if_someone_current.addItem(self.tr("nachfragen"), ASK)
        self.if_someone_current.addItem(self.tr("ablehnen"), REFUSE)
        self.f9_error = FieldError(self)
        form = QFormLayout(self)
        form.addRow("", self.offered)
        form.addRow(self.tr("Beginn"), self.starts)
        form.addRow(self.tr("Ende"), self.ends)
        form.addRow("", self.ends_error)
        form.addRow(self.tr("Kontingent pro Tag"), self.quota)
        form.addRow("", self.quota_error)
        form.addRow(self.tr("F9 bei besetztem Schalter:"), self.if_someone_current)
        form.addRow("", self.f9_error)
        name_form_fields(form)
        self._loading = False
        for signal in (
            self.offered.toggled,
            self.starts.timeChanged,
            self.ends.timeChanged,
            self.quota.textChanged,
            self.if_someone_current.currentIndexChanged,
        ):
            signal.connect(self._edited)

    def load(self, view: PlanView) -> None:
        """Show the walk-in hour in force."""
        w = view.walk_in
        self._loading = True
        self.offered.setChecked(w.starts is not None)
        self.starts.setTime(q_time(w.starts))
        self.ends.setTime(q_time(w.ends, time(9)))
        self.quota.setText("" if w.quota is None else str(w.quota))
        found = self.if_someone_current.findData(w.if_someone_current)
        self.if_someone_current.setCurrentIndex(max(found, 0))
        self._loading = False

    def _edited(self) -> None:
        if not self._loading:
            self.changed.emit()

    def part(self) -> WalkInPlan:
        """The walk-in hour as entered; a quota that is no whole number is refused."""
        text = self.quota.text().strip()
        try:
            quota = int(text) if text else None
        except ValueError:
            raise PlanInvalid("walk_in.quota", self.tr("Bitte eine ganze Zahl eingeben")) from None
        f9 = str(self.if_someone_current.currentData())
        if not self.offered.isChecked():
            return WalkInPlan(None, None, quota, f9)
        return WalkInPlan(py_time(self.starts.time()), py_time(self.ends.time()), quota, f9)

    def show_error(self, field: str, message: str) -> bool:
        """Show a message next to its field when it belongs to this tab."""
        if not field.startswith("walk_in."):
            return False
        errors = {"walk_in.quota": self.quota_error, "walk_in.if_someone_current": self.f9_error}
        errors.get(field, self.ends_error).show_message(message)
        return True

    def clear_errors(self) -> None:
        """Hide every field message."""
        for error in (self.ends_error, self.quota_error, self.f9_error):
            error.show_message("")


class ReleaseTab(QWidget):
    """Release all of today's remaining slots at chosen counters for the portal.

    Signals:
        release_requested(list): the counters to release today's remaining slots at.
    """

    release_requested = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.note = QLabel(
            self.tr(
                "Gibt alle heute noch freien Termine der gewählten Schalter zusätzlich für das "
                "Online-Portal frei (unabhängig von Buchungsfenster und Online-Anteil)."
            ),
            self,
        )
        self.note.setWordWrap(True)
        self.counters = QWidget(self)
        self._counter_layout = QVBoxLayout(self.counters)
        self.boxes: dict[int, QCheckBox] = {}
        self.button = QPushButton(self.tr("Restliche Termine heute freigeben"), self)
        self.result = QLabel(self)
        self.result.setWordWrap(True)
        layout = QVBoxLayout(self)
        for w in (self.note, self.counters, self.button, self.result):
            layout.addWidget(w)
        layout.addStretch(1)
        self.button.clicked.connect(self._request)

    def load(self, view: PlanView) -> None:
        """One check box per counter."""
        for box in self.boxes.values():
            box.deleteLater()
        self.boxes = {}
        for n in view.counters:
            self.boxes[n] = QCheckBox(self.tr("Schalter {0}").format(n), self.counters)
            self._counter_layout.addWidget(self.boxes[n])

    def _request(self) -> None:
        chosen = [n for n, box in self.boxes.items() if box.isChecked()]
        if not chosen:
            self.result.setText(self.tr("Bitte mindestens einen Schalter wählen"))
            return
        self.release_requested.emit(chosen)
