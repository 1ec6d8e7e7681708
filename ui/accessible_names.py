"""Fields named by their visible labels, for screen readers (BITV 2.0 / EN 301 549 11).

A label's buddy gives the mnemonic (Alt+letter) its field; the accessible name is what
Orca or NVDA says when the field gets the focus. A combo box without one is read as its
current value only, so every field gets the label's words as its name here.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget

#: Qt's name of the action behind a line edit's clear button.
CLEAR_ACTION = "_q_qlineeditclearaction"


def label_words(text: str) -> str:
    """A label's text as a name: without the mnemonic "&" and the trailing colon."""
    words = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
    return words.strip().rstrip(":").strip()


def name_by_label(label: QLabel, field: QWidget) -> None:
    """Make ``label`` the buddy of ``field`` and name the field by the label's words
    (a name that already holds them, e.g. with a format hint, is kept)."""
    label.setBuddy(field)
    words = label_words(label.text())
    if words and words not in field.accessibleName():
        field.setAccessibleName(words)


def focusable_part(widget: QWidget) -> QWidget | None:
    """The widget itself when Tab reaches it, else its one child that Tab reaches (a
    field in a box that holds its problem line too); None for a group of several."""
    if widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
        return widget
    parts = [c for c in widget.findChildren(QWidget) if c.focusPolicy() & Qt.FocusPolicy.TabFocus]
    return parts[0] if len(parts) == 1 else None


def name_form_fields(form: QFormLayout) -> None:
    """Name the field of every row of ``form`` that has a label by that label."""
    for row in range(form.rowCount()):
        label_item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        field_item = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
        if label_item is None or field_item is None:
            continue
        label, widget = label_item.widget(), field_item.widget()
        if not isinstance(label, QLabel) or widget is None:
            continue
        field = focusable_part(widget)
        if field is not None:
            name_by_label(label, field)


def name_clear_button(edit: QLineEdit, name: str) -> None:
    """Turn on the field's clear button (✕) and give it a spoken name."""
    edit.setClearButtonEnabled(True)
    action = edit.findChild(QAction, CLEAR_ACTION)
    if action is not None:
        action.setText(name)
