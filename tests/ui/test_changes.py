"""One change broadcast: an operation says what it changed, the hub tells every view;
and the default failure handler of operations without their own."""

from __future__ import annotations

import logging
import threading
from datetime import date

import pytest

from desk.domain.errors import RequestRefused
from ui.changes import SYNCED, Change, What

MITTE = "bb-mitte"


def test_a_change_concerns_views_of_its_kind_office_and_day():
    change = Change(What.TICKETS | What.APPOINTMENTS, MITTE, date(2024, 3, 20))
    assert change.concerns(What.TICKETS, MITTE)
    assert change.concerns(What.APPOINTMENTS, MITTE, date(2024, 3, 20))
    assert not change.concerns(What.APPOINTMENTS, MITTE, date(2024, 3, 21))
    assert not change.concerns(What.TICKETS, "bb-nord")
    assert not change.concerns(What.CAPACITY | What.USERS, MITTE)
    assert SYNCED.concerns(What.CAPACITY, "bb-nord", date(2030, 1, 1))


def test_an_operation_tells_its_change_after_its_result(qtbot, ops):
    heard: list[object] = []
    ops.changes.changed.connect(lambda change: heard.append(change))
    done = Change(What.TICKETS, MITTE)
    with qtbot.waitSignal(ops.changes.changed, timeout=5_000):
        ops.run(lambda: 7, lambda result: heard.append(result), changes=done)
    assert heard == [7, done]


def test_the_change_may_come_from_the_result(qtbot, ops):
    with qtbot.waitSignal(ops.changes.changed, timeout=5_000) as told:
        ops.run(
            lambda: "bb-nord", lambda _r: None, changes=lambda office: Change(What.USERS, office)
        )
    assert told.args == [Change(What.USERS, "bb-nord")]


def test_a_failed_operation_tells_no_change(qtbot, ops):
    def refuse() -> None:
        raise RequestRefused("nicht erlaubt")

    with (
        qtbot.assertNotEmitted(ops.changes.changed, wait=100),
        qtbot.waitCallback(timeout=5_000) as failed,
    ):
        ops.run(refuse, lambda _r: None, failed, changes=Change(What.ALL))
    assert isinstance(failed.args[0], RequestRefused)


def test_without_its_own_handler_a_refusal_is_told_in_its_words(qtbot, ops, caplog):
    def refuse() -> None:
        raise RequestRefused("Der Schalter ist geschlossen.")

    with caplog.at_level(logging.ERROR), qtbot.waitSignal(ops.failed, timeout=5_000) as told:
        ops.run(refuse, lambda _r: None)
    assert told.args == ["Der Schalter ist geschlossen."]
    assert not [r for r in caplog.records if r.name == "ui.ops"]  # a refusal is no fault


def test_without_its_own_handler_an_unexpected_error_is_logged_with_its_traceback(
    qtbot, ops, caplog
):
    def broken() -> None:
        raise ZeroDivisionError("division by zero")

    with caplog.at_level(logging.ERROR), qtbot.waitSignal(ops.failed, timeout=5_000) as told:
        ops.run(broken, lambda _r: None)
    assert told.args == ["Unerwarteter Fehler (ZeroDivisionError)."]
    [record] = [r for r in caplog.records if r.name == "ui.ops"]
    assert record.exc_info is not None and record.exc_info[0] is ZeroDivisionError


@pytest.mark.parametrize(
    ("error", "words", "logged"),
    [
        (RequestRefused("Nicht erlaubt."), "Nicht erlaubt.", False),
        (KeyError("x"), "Schritt fehlgeschlagen (KeyError).", True),
    ],
)
def test_an_own_handler_gets_the_default_words(qtbot, ops, caplog, error, words, logged):
    def fail() -> None:
        raise error

    shown: list[str] = []
    with caplog.at_level(logging.ERROR), qtbot.waitCallback(timeout=5_000) as called:
        ops.run(
            fail,
            lambda _r: None,
            ops.on_failure(
                lambda text: (shown.append(text), called()),
                "a step failed",
                "Schritt fehlgeschlagen ({0}).",
            ),
        )
    assert shown == [words]
    assert bool([r for r in caplog.records if r.message == "a step failed"]) is logged


def test_a_failed_operations_callbacks_are_let_go_on_the_gui_thread(qtbot, ops):
    """The worker may hold a failed operation's traceback a moment after its result went
    out: the callbacks (which may hold the last reference to a widget) are let go by the
    GUI thread, at the next delivery, never by the worker."""
    deleted_on: list[str] = []

    class Watched:
        def __del__(self) -> None:
            deleted_on.append(threading.current_thread().name)

    def fail() -> None:
        raise ValueError("kaputt")

    watched = Watched()
    with qtbot.waitCallback(timeout=5_000) as failed:
        ops.run(fail, lambda _r, w=watched: None, lambda error, w=watched: failed(error))
    del watched
    qtbot.wait(50)
    assert deleted_on == []  # kept until the worker has surely let go of the job
    with qtbot.waitCallback(timeout=5_000) as done:
        ops.run(lambda: 1, done)
    assert deleted_on == [threading.main_thread().name]
