"""Kapazität planen: a team lead edits an office's plan and sees its effect before saving.

Tabs on the left edit a draft; the preview on the right shows, per day for the
next 14 days, the portal's slots, internal slots and the walk-in quota before and
after, recomputed ~300 ms after the last edit on the worker thread, and the
appointments that would lose their slot, each needing a choice (move or keep).
A wrong value is refused next to its field and stays in it. A clerk sees it all
read-only.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desk.domain.capacity_change import (
    PlanChange,
    PlanInvalid,
    validate_change,
)
from desk.domain.errors import DeskError
from desk.services.admin.auth import UserInfo
from desk.services.capacity.plan import PlanView
from desk.services.capacity.preview import Preview
from desk.services.database import DeskDatabase
from desk.services.team_door import TeamDoor, as_door
from ui.accessible_names import name_by_label
from ui.changes import Change, What
from ui.date_field import DateField
from ui.dialogs.capacity_closures_tab import ClosuresTab, py_date
from ui.dialogs.capacity_fields import FieldError
from ui.dialogs.capacity_opening_tab import OpeningTab
from ui.dialogs.capacity_preview_pane import PreviewPane
from ui.dialogs.capacity_tabs import PolicyTab, ReleaseTab, WalkInTab
from ui.failures import failure_text
from ui.ops import Ops
from ui.qt_dates import qdate
from ui.screen_fit import keep_on_screen, scrolling
from ui.text_size import keep_sheet
from ui.text_size import percent as text_percent

log = logging.getLogger(__name__)
DEBOUNCE_MS = 300


class CapacityEditor(QDialog):
    """The capacity planning dialog of one office.

    Signals:
        plan_loaded(): the office's plan is shown (again, after a save).
        preview_updated(): the preview shows the current draft.
        saved(object): a change was saved (its ChangeSummary).
    """

    plan_loaded = Signal()
    preview_updated = Signal()
    saved = Signal(object)

    def __init__(
        self,
        ops: Ops,
        db: DeskDatabase | TeamDoor,
        user: UserInfo | None,
        office_id: str,
        now: Callable[[], datetime],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ops, self.user, self.office_id, self.now = ops, user, office_id, now
        self.door = as_door(db)
        self.read_only = user is None or not user.team_lead
        self.view: PlanView | None = None
        self._generation = 0
        self._pending_change: PlanChange | None = None
        self._loaded_draft: object = None  # the draft as loaded: what "unsaved" differs from
        self.discard_question: QMessageBox | None = None
        self._life = {"alive": True}  # results that come late find the dialog gone
        life = self._life
        self.destroyed.connect(lambda: life.update(alive=False))
        self.setWindowTitle(self.tr("Kapazität planen"))
        self.title = QLabel(self)
        keep_sheet(self.title, "font-weight: bold; font-size: 14pt;")  # follows the text size
        self.why = QLabel(
            self.tr(
                "Nur die Teamleitung kann Kapazität ändern; Sie sehen die Planung zur Ansicht."
            ),
            self,
        )
        self.why.setVisible(self.read_only)
        self.effective = DateField(self)
        self.effective.setCalendarPopup(True)
        self.effective.setDisplayFormat("dd.MM.yyyy")
        self.effective_error = FieldError(self)
        self.tabs = self._tabs()
        self.pane = PreviewPane(self)
        pane = self.pane
        self.preview_model, self.summary, self.status = (
            pane.preview_model,
            pane.summary,
            pane.status,
        )
        self.collision_model, self.save_button = pane.collision_model, pane.save_button
        self._layout()
        self.timer = self._debounce()
        self.collision_model.decided.connect(self._update_save)
        self.save_button.clicked.connect(self.save)
        self.release.release_requested.connect(self._release)
        self._set_read_only()
        door = self.door
        self.ops.run(lambda: door.load_plan(office_id, now()), self._loaded, self._failed)

    def _tabs(self) -> QTabWidget:
        """Opening hours, booking window, walk-in hour, closures and releases."""
        self.opening, self.policy = OpeningTab(self), PolicyTab(self)
        self.walk_in, self.closures, self.release = (
            WalkInTab(self),
            ClosuresTab(self),
            ReleaseTab(self),
        )
        tabs = QTabWidget(self)
        tabs.addTab(self.opening, self.tr("Öffnungszeiten"))
        tabs.addTab(self.policy, self.tr("Buchungsfenster"))
        tabs.addTab(self.walk_in, self.tr("Sprechstunde"))
        tabs.addTab(self.closures, self.tr("Schließzeiten"))
        tabs.addTab(self.release, self.tr("Freigaben"))
        return tabs

    def _debounce(self) -> QTimer:
        """One preview a moment after the last edit, not one per keystroke."""
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(DEBOUNCE_MS)
        timer.timeout.connect(self.refresh_preview)
        for signal in (
            self.opening.changed,
            self.policy.changed,
            self.walk_in.changed,
            self.closures.changed,
            self.effective.dateChanged,
        ):
            signal.connect(timer.start)
        return timer

    def _layout(self) -> None:
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        caption = QLabel(self.tr("Öffnungszeiten und Buchungsfenster gelten ab"), self)
        name_by_label(caption, self.effective)
        row.addWidget(caption)
        row.addWidget(self.effective)
        row.addStretch(1)
        left_layout.addLayout(row)
        left_layout.addWidget(self.effective_error)
        left_layout.addWidget(self.tabs, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        sizes = [540, 810]
        if text_percent() > 100:  # large text: each side scrolls, the window fits the screen
            left_layout.setContentsMargins(0, 0, 6, 0)
            splitter.addWidget(scrolling(left))
            splitter.addWidget(scrolling(self.pane))
        else:
            splitter.addWidget(left)
            splitter.addWidget(self.pane)
        if text_percent() > 125:  # and the preview under the plan, both the full width
            splitter.setOrientation(Qt.Orientation.Vertical)
            sizes = [810, 540]
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes(sizes)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.why)
        layout.addWidget(splitter, 1)
        # Tab as read: the date, the tabs, then the chosen tab's fields, then the preview
        QWidget.setTabOrder(self.effective, self.tabs)
        QWidget.setTabOrder(self.tabs, self.opening.table)
        keep_on_screen(self)  # at any text size

    def _set_read_only(self) -> None:
        ro = self.read_only
        for w in (self.effective, self.policy, self.walk_in, self.release, self.save_button):
            w.setEnabled(not ro)
        self.opening.set_read_only(ro)
        self.closures.set_read_only(ro)
        self.pane.collision_table.setEnabled(not ro)

    # -- loading and preview -------------------------------------------------------------

    def _loaded(self, view: PlanView) -> None:
        if not self._alive:
            return
        self.view = view
        self.title.setText(self.tr("Kapazität planen – {0}").format(view.office_name))
        self.effective.blockSignals(True)
        self.effective.setMinimumDate(qdate(view.on))
        self.effective.setDate(qdate(view.on))
        self.effective.blockSignals(False)
        for tab in (self.opening, self.policy, self.walk_in, self.closures, self.release):
            tab.load(view)
        self._loaded_draft = self._draft()
        self._set_read_only()
        self.plan_loaded.emit()
        self.refresh_preview()

    def change(self) -> PlanChange:
        """The draft as a change (PlanInvalid when a field cannot be read)."""
        templates, cells = self.opening.part()
        added, removed = self.closures.part()
        return PlanChange(
            py_date(self.effective.date()),
            templates,
            cells,
            self.policy.part(),
            self.walk_in.part(),
            added,
            removed,
        )

    def _clear_errors(self) -> None:
        for tab in (self.opening, self.policy, self.walk_in, self.closures):
            tab.clear_errors()
        self.effective_error.show_message("")
        self.pane.collision_error.show_message("")

    def show_error(self, field: str, message: str) -> None:
        """Show a refusal next to the field it names (else in the status line)."""
        if field == "effective_from":
            self.effective_error.show_message(message)
        elif field == "collisions" or field.startswith("collision."):
            self.pane.collision_error.show_message(message)
        elif not any(
            tab.show_error(field, message)
            for tab in (self.opening, self.policy, self.walk_in, self.closures)
        ):
            self.status.setText(message)
            return
        self.status.setText(self.tr("Bitte die markierte Eingabe korrigieren."))

    def refresh_preview(self) -> None:
        """Validate the draft and compute its preview on the worker thread."""
        if self.view is None:
            return
        self._clear_errors()
        view = self.view
        try:
            change = self.change()
            validate_change(
                change,
                view.on,
                view.counters,
                [s.id for s in view.services],
                [c.id for c in view.closures if c.id is not None],
            )
        except PlanInvalid as refused:
            self.show_error(refused.field, str(refused))
            self.save_button.setEnabled(False)
            return
        self.status.setText("")
        self._generation += 1
        generation = self._generation
        door, office, now = self.door, self.office_id, self.now()
        self.ops.run(
            lambda: door.preview(office, change, now),
            lambda result: self._previewed(generation, result),
            self._failed,
        )

    def _previewed(self, generation: int, result: Preview) -> None:
        if not self._alive or generation != self._generation:
            return  # a newer edit asked again
        self.pane.show_preview(result)
        self._pending_change = result.change
        self._update_save()
        self.preview_updated.emit()

    def _update_save(self) -> None:
        change = self._pending_change
        ready = change is not None and not change.empty and not self.collision_model.undecided()
        self.save_button.setEnabled(not self.read_only and ready)

    # -- actions -------------------------------------------------------------------------

    def save(self) -> None:
        """Save the draft with the choices made for colliding appointments."""
        if self.read_only or self.user is None:
            return
        try:
            change = self.change()
        except PlanInvalid as refused:
            self.show_error(refused.field, str(refused))
            return
        decisions = self.pane.decisions()
        door, office, user_id, now = self.door, self.office_id, self.user.id, self.now()
        self.save_button.setEnabled(False)
        self.status.setText(self.tr("Wird gespeichert …"))
        self.ops.run(
            lambda: door.save_plan_change(office, change, user_id, now, decisions),
            self._saved,
            self._failed,
            changes=Change(What.CAPACITY | What.APPOINTMENTS, office),
        )

    def _saved(self, summary: object) -> None:
        if not self._alive:
            return
        self.saved.emit(summary)
        door, office, now = self.door, self.office_id, self.now
        self.ops.run(lambda: door.load_plan(office, now()), self._reloaded, self._failed)

    def _reloaded(self, view: PlanView) -> None:
        self._loaded(view)
        self.status.setText(self.tr("Gespeichert. Die Änderung gilt für das Portal sofort."))

    def _release(self, counters: list[int]) -> None:
        if self.read_only or self.user is None:
            return
        door, office, user_id, now = self.door, self.office_id, self.user.id, self.now()

        def done(ids: list) -> None:
            if self._alive:
                n = len(ids)
                one, many = self.tr("1 Termin freigegeben"), self.tr("{0} Termine freigegeben")
                self.release.result.setText(one if n == 1 else many.format(n))
                self.refresh_preview()

        def refused(error: BaseException) -> None:
            if self._alive:
                refused = isinstance(error, DeskError)
                self.release.result.setText(
                    failure_text(error, log, "capacity release refused") if refused else ""
                )
                self._failed(error)

        self.ops.run(
            lambda: door.release_same_day_slots(office, counters, None, now, user_id),
            done,
            refused,
            changes=Change(What.CAPACITY | What.APPOINTMENTS, office),
        )

    def _failed(self, error: BaseException) -> None:
        if not self._alive:
            return
        unexpected = self.tr("Das hat nicht geklappt; bitte erneut versuchen.")
        words = failure_text(error, log, "capacity editor operation failed", unexpected)
        if isinstance(error, PlanInvalid):
            self.show_error(error.field, words)
        else:
            self.status.setText(words)
        self._update_save()

    # -- closing -------------------------------------------------------------------------

    def _draft(self) -> object:
        """What the tabs hold now, comparable with the loaded plan (a field that cannot be
        read counts as an edit); the date it takes effect from aside."""
        try:
            change = self.change()
        except PlanInvalid as unreadable:
            return ("unreadable", unreadable.field, str(unreadable))
        return (
            change.templates,
            change.cells,
            change.policy,
            change.walk_in,
            change.add_closures,
            change.remove_closures,
        )

    def unsaved(self) -> bool:
        """Whether the draft holds edits that were not saved."""
        if self.read_only or self.view is None:
            return False
        return self._draft() != self._loaded_draft

    def reject(self) -> None:
        """Escape or closing the window: unsaved edits are thrown away only when the team
        lead says so ("Verwerfen"); "Weiter bearbeiten" keeps the dialog and the draft."""
        if not self.unsaved():
            super().reject()
            return
        if self.discard_question is not None:
            return  # already asking
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Kapazität planen"),
            self.tr("Änderungen verwerfen?"),
            parent=self,
        )
        box.setInformativeText(self.tr("Die Änderungen an der Planung sind nicht gespeichert."))
        discard = box.addButton(self.tr("Verwerfen"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(self.tr("Weiter bearbeiten"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.finished.connect(lambda _code: self._answered(box.clickedButton() is discard))
        self.discard_question = box
        box.open()  # not exec(): no nested event loop

    def _answered(self, discard: bool) -> None:
        if self.discard_question is not None:
            self.discard_question.deleteLater()
        self.discard_question = None
        if discard:
            super().reject()

    @property
    def _alive(self) -> bool:
        return self._life["alive"]

    def done(self, result: int) -> None:
        """Closing: late results are ignored from now on."""
        self._life["alive"] = False
        self.timer.stop()
        super().done(result)
