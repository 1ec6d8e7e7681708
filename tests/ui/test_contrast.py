"""Text contrast computed for every text colour pair of both themes (issue 18, WCAG 1.4.3
and, for the high-contrast theme, 1.4.6), and no colour literal in ui/ left out of it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtGui import QColor

from ui.contrast import (
    ColourPair,
    contrast_ratio,
    minimum_ratio,
    offenders,
    relative_luminance,
    text_colour_pairs,
)
from ui.gui import make_application

UI = Path(__file__).resolve().parents[2] / "ui"
HEX = re.compile(r"(?<![\w&])#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})(?![0-9a-zA-Z_])")

#: Colours in ui/ that no text is painted in or on: each with where it is and why.
NON_TEXT = {
    # ui/theme.py: the sync label's separator line; the ticket buttons' border
    "#bbbbbb": "sync label border",
    "#2f5fb3": "ticket button border; the calendar's booked edge",
    # ui/views/calendar_view.py: block edges and stripes (the text stands on the fill)
    "#a67c00": "calendar edge checked in",
    "#c25e00": "calendar edge called",
    "#1d7a34": "calendar edge in service",
    "#777777": "calendar edge done",
    "#8a3b99": "calendar edge no-show",
    # free time without a mark: internal-only (hatched) and closed (cross-hatched)
    "#fbfbf2": "calendar internal-only fill",
    "#bdbdbd": "calendar closed fill in high contrast",
    "#9e9e9e": "calendar closed hatching",
    "#b5b5a0": "calendar internal hatching",
    "#d0d0d0": "calendar row line",
    "#1a4fa0": "calendar selection frame (3:1 checked by test_focus_visible)",
    "#000000": "calendar focus frame",
    "#d32f2f": "calendar now line",
    # ui/views/statistics_charts.py: bars and lines (their numbers are in the table)
    "#4c78a8": "chart online bars, appointment wait lines",
    "#7e63b8": "chart internal bars",
    "#54a24b": "chart served bars",
    "#e45756": "chart no-show bars",
    "#c66a00": "chart ticket wait lines",
}


@pytest.fixture
def app(qapp):
    return make_application()


def names(colour: str) -> str:
    """#rgb or #rrggbb as #rrggbb, lower case."""
    digits = colour[1:].lower()
    return "#" + (digits if len(digits) == 6 else "".join(d * 2 for d in digits))


def test_the_ratio_is_the_wcag_formula():
    black, white = QColor("black"), QColor("white")
    assert relative_luminance(white) == pytest.approx(1.0)
    assert contrast_ratio(black, white) == pytest.approx(21.0)
    assert contrast_ratio(white, black) == pytest.approx(21.0)
    assert contrast_ratio(QColor("#767676"), white) == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio(QColor("#777777"), white) < 4.5  # the grey the tables had
    # a translucent text colour counts as painted over its background
    half_black = QColor(0, 0, 0, 128)
    assert contrast_ratio(half_black, white) == pytest.approx(
        contrast_ratio(QColor("#7f7f7f"), white), abs=0.05
    )


@pytest.mark.parametrize("high_contrast", [False, True], ids=["normal", "high-contrast"])
def test_every_text_colour_pair_has_enough_contrast(app, high_contrast):
    pairs = text_colour_pairs(high_contrast)
    assert len(pairs) > 60
    bad = offenders(pairs, high_contrast=high_contrast)
    assert not bad, "too little contrast:\n" + "\n".join(bad)


def test_the_minimum_is_stricter_in_high_contrast_and_milder_for_large_text():
    text = ColourPair("x", QColor("black"), QColor("white"))
    large = ColourPair("x", QColor("black"), QColor("white"), large=True)
    assert minimum_ratio(text, high_contrast=False) == 4.5
    assert minimum_ratio(large, high_contrast=False) == 3.0
    assert minimum_ratio(text, high_contrast=True) == 7.0
    assert minimum_ratio(large, high_contrast=True) == 4.5


def test_the_pairs_follow_the_sources_they_are_read_from(app, monkeypatch):
    import ui.theme
    import ui.views.calendar_view

    monkeypatch.setattr(ui.theme, "WARNING", "#ff8080")
    monkeypatch.setattr(ui.theme, "PLACEHOLDER", "#999999")
    monkeypatch.setitem(ui.views.calendar_view.MARK_COLOURS, "online", "#80c080")
    bad = "\n".join(offenders(text_colour_pairs(False), high_contrast=False))
    assert "warning on the window" in bad
    assert "PlaceholderText on Base: #999999" in bad
    assert "calendar mark online (other counter): #80c080" in bad


def test_every_colour_literal_in_ui_is_a_text_pair_or_listed_as_no_text(app):
    paired = {
        colour.name()
        for high_contrast in (False, True)
        for pair in text_colour_pairs(high_contrast)
        for colour in (pair.foreground, pair.background)
    }
    found: dict[str, list[str]] = {}
    for path in sorted(UI.rglob("*.py")):
        for match in HEX.finditer(path.read_text(encoding="utf-8")):
            found.setdefault(names(match.group()), []).append(str(path.relative_to(UI.parent)))
    assert len(found) > 40, "the search finds the colours"
    missing = {c: where for c, where in found.items() if c not in paired and c not in NON_TEXT}
    assert not missing, (
        "colours in no text pair of ui/contrast.py (add the pair) and not listed as "
        f"painting no text here (add them with the reason): {missing}"
    )
    stale = sorted(set(NON_TEXT) - set(found))
    assert not stale, f"listed as painting no text, but no longer in ui/: {stale}"


def test_the_charts_bars_and_lines_stand_out_from_their_background(app):
    """WCAG 1.4.11 (non-text contrast): every bar and line colour of the statistics is at
    least 3:1 against the chart's background, so no series is lost (the light blue of
    the internal bookings was 1.7:1, the orange wait lines 2.6:1)."""
    from PySide6.QtCharts import QChart

    from ui.views.statistics_charts import BARS, LINES

    background = QChart().backgroundBrush().color()
    colours = {label: colour for _key, label, colour in BARS}
    colours.update({label: colour for _key, label, colour, _dashed in LINES})
    weak = {
        label: round(contrast_ratio(QColor(colour), background), 2)
        for label, colour in colours.items()
        if contrast_ratio(QColor(colour), background) < 3.0
    }
    assert not weak, weak
