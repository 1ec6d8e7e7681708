"""The reception's press ids (ui.ticket_press): a double click and a retry soon after a
failure send the same id, anything else a new one; nothing is sent while a press is on
its way; a ticket answered again is not new (not printed again)."""

from __future__ import annotations

import uuid

import pytest

from ui.ticket_press import RETRY_SECONDS, TicketPresses


class Seconds:
    """A clock the test moves on."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Seconds:
    return Seconds()


@pytest.fixture
def presses(clock: Seconds) -> TicketPresses:
    return TicketPresses(clock, lambda: 0.4)  # a double click: 400 ms


def test_a_click_within_the_double_click_interval_is_the_same_press(presses, clock):
    first = presses.press("sonstiges")
    assert first is not None
    assert presses.answered(uuid.uuid4()) is True
    clock.now += 0.12
    assert presses.press("sonstiges") == first
    assert presses.answered(uuid.uuid4()) is True
    clock.now += 0.39  # measured from the click before: a triple click is one press
    assert presses.press("sonstiges") == first


def test_a_click_after_the_interval_or_on_another_button_is_a_new_press(presses, clock):
    first = presses.press("sonstiges")
    presses.answered(uuid.uuid4())
    clock.now += 0.1
    other = presses.press("anmeldung")
    assert other not in (None, first)
    presses.answered(uuid.uuid4())
    clock.now += 0.5
    later = presses.press("anmeldung")
    assert later not in (None, first, other)


def test_nothing_is_sent_while_a_press_is_on_its_way(presses):
    assert presses.press("sonstiges") is not None
    assert presses.pending
    assert presses.press("sonstiges") is None
    assert presses.press("anmeldung") is None
    presses.answered(uuid.uuid4())
    assert not presses.pending


def test_a_retry_soon_after_a_failure_sends_the_same_id(presses, clock):
    first = presses.press("sonstiges")
    clock.now += 20  # the answer timed out
    presses.failed()
    assert not presses.pending
    clock.now += RETRY_SECONDS - 1
    assert presses.press("sonstiges") == first
    clock.now += 30
    presses.failed()
    clock.now += RETRY_SECONDS + 1  # much later: the next citizen
    assert presses.press("sonstiges") not in (None, first)


def test_another_button_after_a_failure_is_a_new_press(presses, clock):
    first = presses.press("sonstiges")
    presses.failed()
    clock.now += 1
    assert presses.press("anmeldung") not in (None, first)


def test_a_ticket_answered_again_is_not_new(presses):
    ticket = uuid.uuid4()
    presses.press("sonstiges")
    assert presses.answered(ticket) is True
    presses.press("sonstiges")
    assert presses.answered(ticket) is False
    presses.press("sonstiges")
    assert presses.answered(uuid.uuid4()) is True
