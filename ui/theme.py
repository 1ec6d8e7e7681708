"""The app's look: calm, readable from a metre away.

The font size, the bold headers and the selection colour are set on the application in
code; the few widgets that need more (the day's title, the reception, the queue, the
dialogs' messages) get it where they are built. There is no style sheet on the whole
application: with one, Qt polishes and paints every widget through its style-sheet
style, which cost about 10 ms of the window's first paint.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from ui import text_size

#: The app's font size (points): readable from a metre away.
POINT_SIZE = 11.0
#: Selected rows and cells: white on this blue.
SELECTION = "#1f5fbf"
#: Warnings and refusals (with a word or sign too, never by colour alone).
WARNING = "#a40000"
#: Quieter text beside the black: the day's summary, the empty day's message.
SUMMARY_TEXT = "#444444"
QUIET_TEXT = "#555555"
#: A field's placeholder and a visited link in the normal theme (the style's own are
#: half-transparent black, 4:1 on white, and magenta, 3:1).
PLACEHOLDER = "#595959"
LINK_VISITED = "#7b1fa2"
#: The reception's ticket buttons: dark text on light blue; the focused one turns dark
#: blue with white text (the focus seen from a metre away, WCAG 2.4.7).
TICKET_FILL = "#e3efff"
TICKET_EDGE = "#2f5fb3"
TICKET_FOCUS = "#1a4fa0"
TICKET_FOCUS_TEXT = "#ffffff"

#: The reception tab: the big ticket buttons and what the walk-in hour is doing.
RECEPTION_STYLE = f"""
QLabel#receptionHeading {{ font-size: 16pt; font-weight: 600; }}
QLabel#receptionStatus {{ font-size: 14pt; }}
QLabel#receptionClosed {{ font-size: 13pt; color: {WARNING}; font-weight: 600; }}
QLabel#receptionLastTicket {{ font-size: 13pt; }}
QPushButton#ticketButton {{ font-size: 20pt; font-weight: 600; }}
QPushButton#ticketButton:enabled {{
    background: {TICKET_FILL}; border: 2px solid {TICKET_EDGE}; border-radius: 8px;
}}
QPushButton#ticketButton:enabled:focus {{
    background: {TICKET_FOCUS}; color: {TICKET_FOCUS_TEXT}; border: 3px solid {TICKET_FOCUS};
    outline: none; /* the style's pale focus wash would dim the white text */
}}
"""

#: The queue panel: the ticket being served and the call button.
QUEUE_STYLE = """
QLabel#queueCurrent { font-size: 16pt; font-weight: 700; }
QPushButton#callNextButton { font-size: 14pt; font-weight: 600; min-height: 40px; }
"""

#: Dialogs: a problem next to its field, the Anmeldefrist warning, the refusal message.
DIALOG_STYLE = f"""
QLabel#fieldProblem {{ color: {WARNING}; }}
QLabel#fristLabel[warning="true"] {{ color: {WARNING}; font-weight: 600; }}
QLabel#dialogMessage {{ color: {WARNING}; font-weight: 600; }}
"""

#: The sync state in the status bar, set apart from its neighbours; red and bold offline.
SYNC_LABEL_STYLE = f"""
QLabel {{ padding: 0 12px; border-right: 1px solid #bbbbbb; }}
QLabel[offline="true"] {{ color: {WARNING}; font-weight: 600; }}
"""


def apply_theme(app: QApplication) -> None:
    """The app's font size, bold table headers and colours (set before the first window
    is built: nothing is polished twice)."""
    _set_fonts(app)
    app.setPalette(palette_for(app))


def _set_fonts(app: QApplication) -> None:
    """The app's font at the text size in use, the table headers' bold beside it."""
    font = app.font()
    font.setPointSizeF(text_size.points(POINT_SIZE))
    app.setFont(font)
    header = QFont(font)
    header.setWeight(QFont.Weight.DemiBold)
    QApplication.setFont(header, "QHeaderView")


def set_text_size(app: QApplication, percent: int) -> None:
    """Every text of every open window and dialog (and of those opened later) at
    ``percent`` % (one of text_size.PERCENTS); nothing happens when it is in use."""
    if percent == text_size.percent() and app.font().pointSizeF() == text_size.points(POINT_SIZE):
        return
    text_size.set_percent(percent)
    _set_fonts(app)
    text_size.rescale_widgets(app)


def palette_for(app: QApplication, *, high_contrast: bool = False) -> QPalette:
    """The style's colours with the app's selection blue; with ``high_contrast`` black
    on white everywhere, black frames and a black selection with white text."""
    palette = app.style().standardPalette()
    selection = "black" if high_contrast else SELECTION
    colours: dict[QPalette.ColorRole, str] = {
        QPalette.ColorRole.Highlight: selection,
        QPalette.ColorRole.HighlightedText: "white",
        QPalette.ColorRole.PlaceholderText: PLACEHOLDER,
        QPalette.ColorRole.LinkVisited: LINK_VISITED,
    }
    if high_contrast:
        for role in (
            QPalette.ColorRole.Window,
            QPalette.ColorRole.Base,
            QPalette.ColorRole.Button,
            QPalette.ColorRole.Light,
            QPalette.ColorRole.Midlight,
            QPalette.ColorRole.ToolTipBase,
        ):
            colours[role] = "white"
        for role in (
            QPalette.ColorRole.WindowText,
            QPalette.ColorRole.Text,
            QPalette.ColorRole.ButtonText,
            QPalette.ColorRole.ToolTipText,
            QPalette.ColorRole.Mid,
            QPalette.ColorRole.Dark,
            QPalette.ColorRole.Shadow,
        ):
            colours[role] = "black"
        colours[QPalette.ColorRole.AlternateBase] = "#eeeeee"
        colours[QPalette.ColorRole.PlaceholderText] = "#404040"
    for role, colour in colours.items():
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            palette.setColor(group, role, QColor(colour))
    if high_contrast:  # greyed out, still readable: 7:1 on white (not the style's grey)
        for role in (
            QPalette.ColorRole.WindowText,
            QPalette.ColorRole.Text,
            QPalette.ColorRole.ButtonText,
        ):
            palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#595959"))
        for role in (
            QPalette.ColorRole.Window,
            QPalette.ColorRole.Base,
            QPalette.ColorRole.Button,
        ):
            palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("white"))
    return palette


def set_high_contrast(app: QApplication, on: bool) -> None:
    """Switch the whole app (every window and dialog) to high contrast or back."""
    app.setPalette(palette_for(app, high_contrast=on))


def style_label(
    label: QLabel,
    *,
    point_size: float | None = None,
    weight: QFont.Weight | None = None,
    colour: str | None = None,
    margins: tuple[int, int, int, int] | None = None,
) -> None:
    """Give ``label`` its own size, weight, text colour or margins (left, top, right,
    bottom), in code rather than by a style sheet."""
    if point_size is not None:  # at the text size in use, sized again when it changes
        text_size.keep_points(label, point_size, weight)
    elif weight is not None:
        font = label.font()
        font.setWeight(weight)
        label.setFont(font)
    if colour is not None:
        palette = label.palette()
        palette.setColor(QPalette.ColorRole.WindowText, QColor(colour))
        label.setPalette(palette)
    if margins is not None:
        label.setContentsMargins(*margins)


def restyle(widget: QWidget) -> None:
    """Apply the style sheet again after a property its rules select on has changed."""
    widget.style().unpolish(widget)
    widget.style().polish(widget)
