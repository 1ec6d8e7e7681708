"""Text contrast (WCAG 2.x) of every text colour pair the app paints, in both themes.

The pairs are read from where the widgets take their colours: the palette of
``palette_for`` and the constants of the theme, the calendar's delegate, the table
models, the call display and the printed confirmation. A colour changed there changes
the pair here.

What is checked: text ≥ 4.5:1, large text (≥ 18 pt, or ≥ 14 pt bold) ≥ 3:1 (WCAG 1.4.3);
in the high-contrast theme ≥ 7:1 and ≥ 4.5:1 (WCAG 1.4.6), its reason to exist. The
normal theme's greyed-out text is left out: WCAG exempts inactive controls, and the
style's grey is what a clerk expects of "not now". The high-contrast theme's greyed-out
text is in: it is set to 7:1 there.

Not in: the palette's BrightText (none of the app's widgets paints text with it) and
colours under no text (lines, edges, patterns, the chart's bars; see the contrast test).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

NORMAL_MINIMUM, NORMAL_LARGE_MINIMUM = 4.5, 3.0
HIGH_CONTRAST_MINIMUM, HIGH_CONTRAST_LARGE_MINIMUM = 7.0, 4.5

Role = QPalette.ColorRole
Group = QPalette.ColorGroup
#: The palette's text roles on the backgrounds they are painted on.
PALETTE_PAIRS: tuple[tuple[Role, Role], ...] = (
    (Role.WindowText, Role.Window),
    (Role.Text, Role.Base),
    (Role.Text, Role.AlternateBase),
    (Role.Text, Role.Window),  # labels of item views without a frame, combo popups
    (Role.ButtonText, Role.Button),
    (Role.HighlightedText, Role.Highlight),
    (Role.ToolTipText, Role.ToolTipBase),
    (Role.PlaceholderText, Role.Base),
    (Role.Link, Role.Base),
    (Role.Link, Role.Window),
    (Role.LinkVisited, Role.Base),
    (Role.LinkVisited, Role.Window),
)
#: Greyed-out text, checked in the high-contrast theme only.
DISABLED_PAIRS: tuple[tuple[Role, Role], ...] = (
    (Role.WindowText, Role.Window),
    (Role.Text, Role.Base),
    (Role.ButtonText, Role.Button),
)


@dataclass(frozen=True)
class ColourPair:
    """Text of ``foreground`` on ``background``; ``large``: ≥ 18 pt or ≥ 14 pt bold."""

    name: str
    foreground: QColor
    background: QColor
    large: bool = False

    def ratio(self) -> float:
        """The pair's contrast ratio (1 to 21)."""
        return contrast_ratio(self.foreground, self.background)


def _linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: QColor) -> float:
    """WCAG 2.x relative luminance of an opaque sRGB colour (0 black to 1 white)."""
    red, green, blue = (_linear(c) for c in (colour.redF(), colour.greenF(), colour.blueF()))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def over(top: QColor, bottom: QColor) -> QColor:
    """``top`` (maybe translucent) as painted over the opaque ``bottom``."""
    alpha = top.alphaF()
    return QColor.fromRgbF(
        top.redF() * alpha + bottom.redF() * (1 - alpha),
        top.greenF() * alpha + bottom.greenF() * (1 - alpha),
        top.blueF() * alpha + bottom.blueF() * (1 - alpha),
    )


def contrast_ratio(foreground: QColor, background: QColor) -> float:
    """WCAG contrast ratio of text in ``foreground`` (painted over, if translucent) on
    ``background``: (L1 + 0.05) / (L2 + 0.05), from 1 to 21."""
    lighter, darker = sorted(
        (relative_luminance(over(foreground, background)), relative_luminance(background)),
        reverse=True,
    )
    return (lighter + 0.05) / (darker + 0.05)


def minimum_ratio(pair: ColourPair, *, high_contrast: bool) -> float:
    """The ratio ``pair`` must reach in the theme."""
    if high_contrast:
        return HIGH_CONTRAST_LARGE_MINIMUM if pair.large else HIGH_CONTRAST_MINIMUM
    return NORMAL_LARGE_MINIMUM if pair.large else NORMAL_MINIMUM


def offenders(pairs: list[ColourPair], *, high_contrast: bool) -> list[str]:
    """One line per pair below its minimum: name, colours, ratio and the minimum."""
    return [
        f"{p.name}: {_hex(p.foreground)} on {_hex(p.background)} = {p.ratio():.2f}:1 "
        f"(needs {minimum_ratio(p, high_contrast=high_contrast)}:1)"
        for p in pairs
        if p.ratio() < minimum_ratio(p, high_contrast=high_contrast)
    ]


def _hex(colour: QColor) -> str:
    """#rrggbb, or #aarrggbb for a translucent colour."""
    opaque = colour.alpha() == 255
    return colour.name(QColor.NameFormat.HexRgb if opaque else QColor.NameFormat.HexArgb)


def text_colour_pairs(high_contrast: bool) -> list[ColourPair]:
    """Every text colour pair the app paints in the normal or the high-contrast theme
    (a QApplication must exist)."""
    from ui.theme import palette_for

    app = QApplication.instance()
    assert isinstance(app, QApplication), "a QApplication must exist"
    palette = palette_for(app, high_contrast=high_contrast)
    return [
        *palette_pairs(palette, high_contrast=high_contrast),
        *theme_pairs(palette),
        *calendar_pairs(palette, high_contrast=high_contrast),
        *model_pairs(palette),
        *display_pairs(),
        *chart_pairs(),
        *printed_pairs(),
    ]


def palette_pairs(palette: QPalette, *, high_contrast: bool) -> list[ColourPair]:
    """The palette's text roles on their backgrounds, active and in a window without
    focus; greyed out in high contrast only."""
    groups = [(Group.Active, PALETTE_PAIRS), (Group.Inactive, PALETTE_PAIRS)]
    if high_contrast:
        groups.append((Group.Disabled, DISABLED_PAIRS))
    return [
        ColourPair(
            f"palette {group.name} {text.name} on {ground.name}",
            palette.color(group, text),
            palette.color(group, ground),
        )
        for group, roles in groups
        for text, ground in roles
    ]


def theme_pairs(palette: QPalette) -> list[ColourPair]:
    """The theme's own text colours: warnings, the day's summary, the empty day, the
    reception's ticket buttons (20 pt, demi-bold: large)."""
    from ui import theme

    window, base, text = (palette.color(r) for r in (Role.Window, Role.Base, Role.ButtonText))
    warning, quiet, summary = (
        QColor(c) for c in (theme.WARNING, theme.QUIET_TEXT, theme.SUMMARY_TEXT)
    )
    return [
        ColourPair("warning on the window (refusals, offline, field problems)", warning, window),
        ColourPair("warning on a field's base", warning, base),
        ColourPair("the day's summary", summary, window),
        ColourPair("the empty day's message", quiet, window),
        ColourPair("ticket button", text, QColor(theme.TICKET_FILL), large=True),
        ColourPair(
            "focused ticket button",
            QColor(theme.TICKET_FOCUS_TEXT),
            QColor(theme.TICKET_FOCUS),
            large=True,
        ),
    ]


def calendar_pairs(palette: QPalette, *, high_contrast: bool) -> list[ColourPair]:
    """The calendar delegate's block texts on each state's fill and the free cells'
    marks on their fills (at the own counter under its tint too), as it paints them."""
    from desk.domain.cells import CellKind
    from ui.views.calendar_view import STATUS_FILL, CalendarDelegate

    delegate = CalendarDelegate()
    delegate.high_contrast = high_contrast
    pairs = []
    for state in [*STATUS_FILL, "unknown"]:
        fill, _edge, text = delegate.block_colours(state)
        pairs.append(ColourPair(f"calendar block {state}", text, fill))
    for kind in CellKind:
        if kind == CellKind.BOOKED:
            continue
        for own in (False, True):
            fill, mark = delegate.free_colours(kind, own)
            if mark is not None:
                where = "own counter" if own else "other counter"
                pairs.append(ColourPair(f"calendar mark {kind} ({where})", mark, fill))
    delegate.deleteLater()
    return pairs


def model_pairs(palette: QPalette) -> list[ColourPair]:
    """The tables' own backgrounds under the palette's text, and their own greys on
    every row colour they can stand on."""
    from desk.domain.status import AppointmentStatus
    from ui.models.appointments_model import CANCELLED_TEXT, STATUS_COLOURS
    from ui.models.capacity_preview_model import CHANGED
    from ui.models.staffing_model import UNDERSTAFFED_BACKGROUND
    from ui.models.users_model import LOCKED
    from ui.models.week_model import CLOSED_DAY, FREE_DAY, FULL_DAY

    text, base, alternate = (palette.color(r) for r in (Role.Text, Role.Base, Role.AlternateBase))
    backgrounds = {f"status {state}": QColor(c) for state, c in STATUS_COLOURS.items()}
    backgrounds |= {
        "week closed (dotted)": QColor(CLOSED_DAY),
        "week full": QColor(FULL_DAY),
        "week free": QColor(FREE_DAY),
        "staffing understaffed": QColor(UNDERSTAFFED_BACKGROUND),
        "capacity preview changed": CHANGED,
    }
    pairs = [ColourPair(f"table text on {n}", text, c) for n, c in backgrounds.items()]
    cancelled = QColor(CANCELLED_TEXT)
    for name, ground in (
        ("base", base),
        ("alternate base", alternate),
        ("its status", QColor(STATUS_COLOURS[AppointmentStatus.CANCELLED])),
    ):
        pairs.append(ColourPair(f"cancelled appointment on {name}", cancelled, ground))
    pairs += [
        ColourPair("locked user on base", LOCKED, base),
        ColourPair("locked user on alternate base", LOCKED, alternate),
    ]
    return pairs


def display_pairs() -> list[ColourPair]:
    """The call display's own colours (the same in both themes): the newest call is at
    least a tenth of the screen's height, large."""
    from ui.display import window as display

    board, white = QColor(display.BOARD), QColor(display.BOARD_TEXT)
    return [
        ColourPair("display text on the board", white, board),
        ColourPair("display caption", QColor(display.CAPTION_TEXT), board),
        ColourPair("display previous calls", QColor(display.PREVIOUS_TEXT), board),
        ColourPair("display newest call", white, QColor(display.CURRENT), large=True),
        ColourPair(
            "display newest call flashing",
            QColor(display.FLASH_TEXT),
            QColor(display.FLASH),
            large=True,
        ),
        ColourPair("display stale warning", white, QColor(display.STALE)),
    ]


def chart_pairs() -> list[ColourPair]:
    """The statistics charts' title, axis labels and legend on the chart's background
    (QtCharts' own theme, the same in both themes)."""
    from PySide6.QtCharts import QChart, QValueAxis

    chart = QChart()
    axis = QValueAxis()
    chart.addAxis(axis, Qt.AlignmentFlag.AlignLeft)
    brush = chart.backgroundBrush()
    gradient = brush.gradient()  # the theme's background is a gradient: each of its stops
    stops = [c for _at, c in gradient.stops()] if gradient is not None else [brush.color()]
    grounds = list({c.name(): c for c in stops}.values())
    return [
        ColourPair(f"chart {name} on {ground.name()}", colour, ground)
        for ground in grounds
        for name, colour in (
            ("title", chart.titleBrush().color()),
            ("axis labels", axis.labelsBrush().color()),
            ("axis title", axis.titleBrush().color()),
            ("legend", chart.legend().labelColor()),
        )
    ]


def printed_pairs() -> list[ColourPair]:
    """The printed confirmation's grey line on the white page."""
    from ui.printing.confirmation import PRINTED_NOTE

    return [ColourPair("printed confirmation's date line", QColor(PRINTED_NOTE), QColor("white"))]
