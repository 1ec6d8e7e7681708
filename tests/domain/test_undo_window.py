"""One window for taking back a no-show, for appointments and tickets alike: up to and
including UNDO_MINUTES after it was noted."""

from __future__ import annotations

from datetime import datetime, timedelta

from desk.domain.localtime import BERLIN
from desk.domain.steps import UNDO_MINUTES, undo_since, undo_too_late

NOTED = datetime(2024, 3, 20, 8, 40, tzinfo=BERLIN)


def test_a_no_show_can_be_taken_back_for_exactly_the_undo_minutes():
    window = timedelta(minutes=UNDO_MINUTES)
    assert not undo_too_late(NOTED, NOTED)
    assert not undo_too_late(NOTED, NOTED + window)
    assert undo_too_late(NOTED, NOTED + window + timedelta(seconds=1))
    assert undo_since(NOTED + window) == NOTED
