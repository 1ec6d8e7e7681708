"""Refusals carry a code and params: every code desk raises has its German sentence, the
sentence is built from code and params (as the command line and the service show it),
and the params are plain values that survive JSON and pickling."""

from __future__ import annotations

import ast
import json
import math
import pickle
from datetime import date, datetime
from pathlib import Path

import pytest

from desk.domain.erlang import StaffingInputRefused, erlang_c
from desk.domain.errors import BookingRefused, DeskError, RequestRefused, UnknownId
from desk.domain.localtime import BERLIN
from desk.domain.names import name_problem
from desk.domain.policy import portal_decision
from desk.domain.refusals import GERMAN, Reason, german
from desk.domain.slots import closed_reason, office_closed
from desk.domain.status import OfficeKind
from desk.domain.walkin import WalkInRules, no_ticket_reason, refusal
from desk.services.admin.sessions import NO_USERS
from desk.services.walkin.staffing import advise

DESK = Path(__file__).resolve().parents[2] / "desk"


def literal_codes(call: ast.Call) -> list[str]:
    """The codes a call names: ``X.of("code", …)``, ``german("code", …)``, or
    ``SomeRefusal(…, code="code")``."""
    func = call.func
    called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    named = [
        k.value.value
        for k in call.keywords
        if k.arg == "code" and called[:1].isupper() and isinstance(k.value, ast.Constant)
    ]
    if called in ("of", "german") and call.args and isinstance(call.args[0], ast.Constant):
        named.append(call.args[0].value)
    return [str(n) for n in named]


def named_codes() -> set[str]:
    """Every literal code desk names anywhere."""
    return {
        code
        for path in DESK.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        for code in literal_codes(node)
    }


def test_every_code_desk_names_has_a_german_sentence_and_every_sentence_is_used():
    named = named_codes() | set(NO_USERS.values())
    assert named - set(GERMAN) == set()
    assert set(GERMAN) - named == set()


def test_the_sentence_is_built_from_code_and_params_as_before():
    when = datetime(2024, 3, 18, 10, 0, tzinfo=BERLIN)
    taken = BookingRefused.of("slot_taken", when=when)
    assert str(taken) == "der Termin 18.03.2024 10:00 ist bereits vergeben"
    assert (taken.code, taken.params) == ("slot_taken", {"when": "2024-03-18T10:00:00+01:00"})
    unknown = UnknownId.of("unknown_booking_code", code="XY12-AB34")
    assert str(unknown) == "Unbekannter Buchungscode 'XY12-AB34'"
    period = RequestRefused.of("period_reversed", first=date(2024, 3, 19), last=date(2024, 3, 18))
    assert str(period) == "Der Zeitraum beginnt (19.03.2024) nach seinem Ende (18.03.2024)"
    step = RequestRefused.of("step_not_possible", code="AB12", status="done", step="aufgerufen")
    assert str(step) == "Termin AB12 ist „erledigt“ – „aufgerufen“ ist von dort aus nicht möglich"


def test_a_message_without_a_code_stays_as_it_is():
    plain = RequestRefused("Irgendein Grund")
    assert (str(plain), plain.code, plain.params) == ("Irgendein Grund", None, {})
    given = RequestRefused("So gesagt", code="slot_taken", params={"when": "x"})
    assert str(given) == "So gesagt" and given.code == "slot_taken"


def test_params_are_json_and_survive_pickling():
    refused = BookingRefused.of(
        "move_no_room", code="AB12", to=datetime(2024, 3, 18, 9, 30, tzinfo=BERLIN)
    )
    assert json.loads(json.dumps(refused.params)) == refused.params
    back = pickle.loads(pickle.dumps(refused))
    assert isinstance(back, BookingRefused) and isinstance(back, DeskError)
    assert (str(back), back.code, back.params) == (str(refused), refused.code, refused.params)
    assert german(refused.code or "", back.params) == str(refused)


def test_a_reason_inside_a_refusal_is_a_code_that_survives_json_and_pickling():
    closed = office_closed(date(2024, 12, 25), [])
    assert closed == Reason.of("closed_holiday", name="Erster Weihnachtstag")
    refused = BookingRefused.of(
        "office_closed", day=date(2024, 12, 25), office="Bürgerbüro Mitte", closed=closed
    )
    assert str(refused) == "am 25.12.2024 ist Bürgerbüro Mitte Feiertag (Erster Weihnachtstag)"
    assert refused.params["closed"] == {
        "code": "closed_holiday",
        "params": {"name": "Erster Weihnachtstag"},
    }
    sent = json.loads(json.dumps({"detail": str(refused), "params": refused.params}))
    rebuilt = RequestRefused(sent["detail"], code="office_closed", params=sent["params"])
    assert rebuilt.params == refused.params  # as the client rebuilds a service's refusal
    assert german("office_closed", rebuilt.params) == str(refused)
    back = pickle.loads(pickle.dumps(refused))
    assert (str(back), back.params) == (str(refused), refused.params)


def test_the_old_german_reasons_read_as_before_from_their_codes():
    rules = WalkInRules(OfficeKind.BUERGERBUERO, quota=3)
    monday = datetime(2024, 3, 18, 8, 30, tzinfo=BERLIN)
    assert no_ticket_reason(rules, monday, None, 3) == Reason.of("walk_in_quota_used_up", quota=3)
    assert refusal(rules, monday, None, 3) == (
        "das Tageskontingent von 3 Wartenummern ist ausgeschöpft"
    )
    assert closed_reason(date(2024, 3, 29), []) == "Feiertag (Karfreitag)"
    assert name_problem("\u2066x") == "enthält Steuerzeichen der Schreibrichtung (U+2066)"
    decision = portal_decision(None, datetime(2024, 3, 19, 9, tzinfo=BERLIN), monday)
    assert decision.why == Reason.of("window_no_online")
    assert decision.reason == "für diesen Standort gibt es keine Online-Buchung"


def test_staffing_figures_out_of_range_are_refused_by_code():
    with pytest.raises(StaffingInputRefused) as caught:
        erlang_c(0, 1.0)
    assert (caught.value.code, caught.value.params) == (
        "staffing_counters",
        {"minimum": 1, "value": "0"},
    )
    assert str(caught.value) == "Die Zahl der Schalter muss eine ganze Zahl ab 1 sein, nicht 0"
    with pytest.raises(StaffingInputRefused) as caught:
        advise([], 0.8, math.nan)
    assert caught.value.code == "staffing_threshold"
    assert str(caught.value) == "Die Schwelle muss größer als 0 Minuten sein, nicht nan"
