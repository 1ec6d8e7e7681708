"""Small pieces of the capacity editor: an error label under a field, the choice editor
of a collision row, Qt ↔ Python time conversions."""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, QTime
from PySide6.QtWidgets import QComboBox, QLabel, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from ui.models.capacity_rows_model import KEEP, MOVE
from ui.theme import WARNING

Index = QModelIndex | QPersistentModelIndex


class FieldError(QLabel):
    """A red message under a field; hidden while empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(f"color: {WARNING};")
        self.setWordWrap(True)
        self.hide()

    def show_message(self, message: str) -> None:
        """Show ``message`` (empty: hide)."""
        self.setText(message)
        self.setVisible(bool(message))


def py_time(value: QTime) -> time:
    """A QTime as a Python time (minutes)."""
    return time(value.hour(), value.minute())


def q_time(value: time | None, default: time = time(8)) -> QTime:
    """A Python time as a QTime."""
    value = value or default
    return QTime(value.hour, value.minute)


class ChoiceDelegate(QStyledItemDelegate):
    """A combo box per collision row: Verschieben / Behalten (committed at once)."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        box = QComboBox(parent)
        code = index.siblingAtColumn(0).data(Qt.ItemDataRole.DisplayRole)
        box.setAccessibleName(self.tr("Entscheidung für {0}").format(code))
        box.addItem(self.tr("bitte wählen"), "")
        box.addItem(self.tr("Verschieben"), MOVE)
        box.addItem(self.tr("Behalten"), KEEP)
        box.currentIndexChanged.connect(lambda _i: self.commitData.emit(box))
        return box

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        value = index.data(Qt.ItemDataRole.EditRole) or ""
        at = editor.findData(value)
        if at != editor.currentIndex():
            editor.blockSignals(True)
            editor.setCurrentIndex(max(at, 0))
            editor.blockSignals(False)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        value = editor.currentData()
        if value and not model.setData(index, value, Qt.ItemDataRole.EditRole):
            self.setEditorData(editor, index)  # refused (no free slot to move to)
