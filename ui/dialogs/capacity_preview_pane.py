"""The capacity editor's right side: the preview per day, the collisions, Speichern."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk.domain.capacity_change import KEEP, Resolution
from desk.services.capacity.preview import Preview
from ui.dialogs.capacity_fields import ChoiceDelegate, FieldError
from ui.models.capacity_preview_model import CapacityPreviewModel
from ui.models.capacity_rows_model import MOVE, CollisionModel


def table_of(model: QAbstractItemModel, parent: QWidget) -> QTableView:
    """A read-only table over a model, columns sized to their contents."""
    table = QTableView(parent)
    table.setTabKeyNavigation(False)  # Tab leaves it; arrows move inside
    table.setModel(model)
    table.verticalHeader().hide()
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class PreviewPane(QWidget):
    """Preview before/after per day, the colliding appointments with a choice each,
    the status line and the save button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview_model = CapacityPreviewModel(self)
        self.preview_table = table_of(self.preview_model, self)
        self.preview_table.setAccessibleName(self.tr("Vorschau der nächsten 14 Tage"))
        self.summary = QLabel(self)
        self.collision_model = CollisionModel(self)
        self.collision_table = table_of(self.collision_model, self)
        self.collision_table.setAccessibleName(self.tr("Betroffene Termine"))
        self.collision_table.setItemDelegateForColumn(CollisionModel.CHOICE, ChoiceDelegate(self))
        self.collision_label = QLabel(self)
        self.collision_label.setWordWrap(True)
        self.collision_error = FieldError(self)
        self.save_button = QPushButton(self.tr("Speichern"), self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Vorschau: die nächsten 14 Tage"), self))
        layout.addWidget(self.summary)
        layout.addWidget(self.preview_table, 3)
        layout.addWidget(self.collision_label)
        layout.addWidget(self.collision_table, 1)
        layout.addWidget(self.collision_error)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)
        self.collision_model.modelReset.connect(self._open_choices)

    def show_preview(self, result: Preview) -> None:
        """Show a computed preview (choices made for the same appointments stay)."""
        self.preview_model.set_days(list(result.days))
        self.collision_model.set_collisions(list(result.collisions))
        changed = result.changed_days
        if not changed:
            summary = self.tr("Keine Änderung an den Zahlen")
        elif changed == 1:
            summary = self.tr("An 1 Tag ändern sich Zahlen (mit * markiert)")
        else:
            summary = self.tr("An {0} Tagen ändern sich Zahlen (mit * markiert)").format(changed)
        self.summary.setText(summary)
        count = len(result.collisions)
        if not count:
            lost = self.tr("Keine gebuchten Termine betroffen")
        elif count == 1:
            lost = self.tr("1 gebuchter Termin verliert seinen Platz – bitte wählen:")
        else:
            lost = self.tr(
                "{0} gebuchte Termine verlieren ihren Platz – bitte je Termin wählen:"
            ).format(count)
        self.collision_label.setText(lost)
        self.collision_table.setVisible(bool(count))

    def _open_choices(self) -> None:
        for row in range(self.collision_model.rowCount()):
            self.collision_table.openPersistentEditor(
                self.collision_model.index(row, CollisionModel.CHOICE)
            )

    def decisions(self) -> dict[uuid.UUID, Resolution]:
        """The choices made: move to the suggested slot, or keep."""
        choices = self.collision_model.choices()
        return {
            c.appointment_id: (
                Resolution(c.suggestion, c.suggestion_counter)
                if choices[c.appointment_id] == MOVE
                else KEEP
            )
            for c in self.collision_model.collisions
            if c.appointment_id in choices
        }
