"""Buttons in a grid whose number of columns follows the text size."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QGridLayout, QWidget


def place_in_columns(grid: QGridLayout, widgets: Iterable[QWidget], columns: int) -> None:
    """Put ``widgets`` into ``grid`` row by row, ``columns`` a row (again, after the text
    size changed: the widgets are taken out of their old places first)."""
    for i, widget in enumerate(widgets):
        grid.removeWidget(widget)
        grid.addWidget(widget, i // columns, i % columns)
