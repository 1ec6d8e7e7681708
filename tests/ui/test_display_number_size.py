"""The call display's number is readable from the back of a waiting room: its capital
height is at least 14 % of the screen's height on every screen size (README,
"Barrierefreiheit", turns that into millimetres and metres per screen diagonal)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFontMetrics

from desk.services.walkin.tickets import call_next
from tests.ui.test_display import (  # noqa: F401 (fixtures)
    FIRST_TICKET,
    UPDATE_MS,
    WEST,
    at,
    demo_copy_url,
    desk,
    issue_tickets,
    open_display,
)

#: The share of the screen's height that README's table of reading distances rests on.
CAP_SHARE = 0.14


@pytest.mark.parametrize("size", [(1280, 720), (1366, 768), (1920, 1080), (3840, 2160)])
def test_the_called_number_is_at_least_a_seventh_of_the_screen_high(
    open_display,  # noqa: F811 (the fixture imported above)
    desk,  # noqa: F811
    qtbot,
    size,
):
    window = open_display()
    issue_tickets(desk, 1)
    call_next(desk, WEST, 3, at(10, 31))
    with qtbot.waitSignal(window.updated, timeout=UPDATE_MS):
        window.refresh()
    width, height = size
    window.resize(width, height)
    qtbot.waitUntil(lambda: window.height() == height)
    code = window.current_code
    assert code.text() == code.full_text() == FIRST_TICKET  # whole, not shortened
    cap = QFontMetrics(code.font()).capHeight()
    assert cap / height >= CAP_SHARE, f"{cap} px of {height} px"
    # and the counter it goes to, large too
    counter = QFontMetrics(window.current_counter.font()).capHeight()
    assert counter / height >= CAP_SHARE / 2, f"{counter} px of {height} px"
