"""The text size (Ansicht → Textgröße): 100, 125, 150 or 200 % of every text.

The application's font carries most of it (every widget without a font of its own
follows it). A widget with a size of its own (the day's title, the reception's big
buttons) gets it through ``keep_points`` or ``keep_sheet``: its base size is kept on
the widget, so ``rescale_widgets`` sizes it again when the clerk picks another size.
The call display fits its own text to its screen and takes no part.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, QEvent, QSettings
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QComboBox, QWidget

#: The sizes offered, in percent of the normal text.
PERCENTS = (100, 125, 150, 200)
#: The QSettings key remembering the chosen percent.
SETTING = "text_scale"

_POINTS_PROPERTY = "textBasePoints"
_SHEET_PROPERTY = "textBaseSheet"
_FONT_SIZE = re.compile(r"font-size:\s*(\d+(?:\.\d+)?)pt")
_percent = 100


def percent() -> int:
    """The text size in use, in percent."""
    return _percent


def set_percent(value: int) -> None:
    """Use ``value`` percent from now on (the caller sizes the fonts: theme.set_text_size)."""
    global _percent
    _percent = value if value in PERCENTS else 100


def points(base: float) -> float:
    """``base`` points at the text size in use."""
    return round(base * _percent / 100, 2)


def remembered(settings: QSettings) -> int:
    """The percent kept in ``settings``; 100 when none or not one of PERCENTS."""
    try:
        value = int(settings.value(SETTING, 100))  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return 100
    return value if value in PERCENTS else 100


def scaled_sheet(sheet: str) -> str:
    """``sheet`` with every ``font-size: Npt`` at the text size in use."""
    return _FONT_SIZE.sub(lambda m: f"font-size: {points(float(m.group(1)))}pt", sheet)


def keep_points(widget: QWidget, base: float, weight: QFont.Weight | None = None) -> None:
    """Give ``widget`` a font of ``base`` points at the text size in use (and
    ``weight``); it is sized again when the text size changes."""
    widget.setProperty(_POINTS_PROPERTY, float(base))
    font = widget.font()
    font.setPointSizeF(points(base))
    if weight is not None:
        font.setWeight(weight)
    widget.setFont(font)


def keep_sheet(widget: QWidget, sheet: str) -> None:
    """Set the style sheet ``sheet`` on ``widget`` with its ``font-size: Npt`` at the
    text size in use; set again when the text size changes."""
    widget.setProperty(_SHEET_PROPERTY, sheet)
    widget.setStyleSheet(scaled_sheet(sheet))


def rescale_widgets(app: QApplication) -> None:
    """Size every widget that has a size of its own again (after ``set_percent`` and the
    application's new font, which Qt tells the widgets by posted events: delivered here)."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.ApplicationFontChange.value)
    for widget in app.allWidgets():
        base = widget.property(_POINTS_PROPERTY)
        if isinstance(base, float):
            font = widget.font()
            font.setPointSizeF(points(base))
            widget.setFont(font)
        sheet = widget.property(_SHEET_PROPERTY)
        if isinstance(sheet, str):
            widget.setStyleSheet(scaled_sheet(sheet))
    _measure_boxes_again(app)


def _measure_boxes_again(app: QApplication) -> None:
    """A combo box keeps its minimum size from the old font (Qt forgets only its
    preferred size on a new font); a style change makes it measure both again."""
    for box in app.allWidgets():
        if isinstance(box, QComboBox):
            QCoreApplication.sendEvent(box, QEvent(QEvent.Type.StyleChange))
