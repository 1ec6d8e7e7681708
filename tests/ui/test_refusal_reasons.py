"""A refusal's reason is a code too: a name's fault, why an office is closed, why the
portal may not book, why no ticket can be issued, a staffing figure out of range and a
refused sync operation each read in the UI's language, no German piece left inside,
while desk's German sentence (``str(err)``) stays as it was. All English comes from the
shipped catalogue."""

from __future__ import annotations

import string
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from desk.domain import erlang
from desk.domain.contact import contact_problems
from desk.domain.errors import BookingRefused, DeskError, RequestRefused
from desk.domain.localtime import BERLIN
from desk.domain.policy import Policy, portal_decision
from desk.domain.status import Channel, PolicyKind, TicketReason
from desk.domain.users import checked_display_name
from desk.services.appointments.booking import book, clean_name
from desk.services.database import open_database
from desk.services.walkin.staffing import staffing_advice
from desk.services.walkin.tickets import issue_ticket
from tests.ui.test_reception import demo_copy_url, reception  # noqa: F401 (fixtures)
from tests.ui.test_translations import messages
from tests.ui.walkin_support import MITTE, copy_of
from ui import i18n
from ui.refusals import TEMPLATES, conflict_text, refusal_text, status_reason_text

#: The codes this change brought or changed.
MINE = (
    *("name_invalid", "display_name_invalid", "office_closed", "outside_window", "no_ticket"),
    *("name_not_utf8", "name_bidi_controls", "name_control_chars", "name_invisible"),
    *("closed_holiday", "closed_closure", "closed_no_hours"),
    *("window_no_online", "window_in_past", "window_too_soon", "window_beyond"),
    *("window_not_released", "window_unknown_kind"),
    *("walk_in_not_offered", "walk_in_closed", "walk_in_outside_hours"),
    *("walk_in_weekdays_only", "walk_in_hours", "walk_in_quota_used_up"),
    *("staffing_counters", "staffing_at_least", "staffing_positive", "staffing_share"),
    *("staffing_threshold", "staffing_target", "staffing_weeks"),
    *("op_unknown", "op_other_device", "op_against_central", "op_device_kind", "op_bad_user"),
    *("op_user_not_here", "op_bad_value", "op_other_office", "op_other_counter"),
    *("op_portal_channel", "op_bad_time", "op_unknown_step", "op_reception_check_in_only"),
    *("op_unknown_ticket_reason", "op_unknown_appointment", "op_number_not_leased"),
    *("op_quota_used_centrally", "op_ticket_not_issued", "op_called_twice", "op_ticket_missing"),
)
#: The words desk passes as ``{…:word}`` that this change brought.
WORDS = ("Ankünfte je Stunde", "Mittlere Bearbeitungszeit", "Verkehrsangebot", "Schwelle")
#: Words only German has: none may be left in an English refusal.
GERMAN_PIECES = (
    "Feiertag",
    "geschlossen",
    "enthält",
    "Sprechstunde",
    "Buchungsfenster",
    "freigegeben",
    "Uhr",
    "Ankünfte",
    "Wartenummer",
    "Gerät",
)


@pytest.fixture
def english(qapp) -> Iterator[None]:
    app = QCoreApplication.instance()
    assert app is not None
    installed = i18n.install(app, "en")
    try:
        yield
    finally:
        i18n.remove(app, installed)
        i18n.install(app, "de")


@pytest.fixture
def city(demo_sqlite_url: str, tmp_path: Path) -> Iterator[object]:
    """A private copy of the seeded demo city (Wednesday 2024-03-20 10:30)."""
    db = open_database(copy_of(demo_sqlite_url, tmp_path / "city.sqlite"))
    yield db
    db.dispose()


def refused(call, *args: object, **kwargs: object) -> DeskError:  # type: ignore[no-untyped-def]
    with pytest.raises(DeskError) as caught:
        call(*args, **kwargs)
    return caught.value


def english_of(error: DeskError) -> str:
    said = refusal_text(error)
    assert said is not None, error.code
    assert not [w for w in GERMAN_PIECES if w in said], said
    return said


def test_a_names_fault_reads_in_english_and_its_german_is_as_before(english):
    bidi = refused(clean_name, "Ali\u202eKhan")
    assert str(bidi) == "Der Name enthält Steuerzeichen der Schreibrichtung (U+202E)"
    assert bidi.params == {"problem": {"code": "name_bidi_controls", "params": {"chars": "U+202E"}}}
    assert english_of(bidi) == "The name contains writing-direction control characters (U+202E)"
    user = refused(checked_display_name, "\u200b\u200b")
    assert str(user) == "Name: besteht nur aus unsichtbaren Zeichen"
    assert english_of(user) == "Name: consists of invisible characters only"
    control = refused(clean_name, "Anna\x07")
    assert english_of(control) == "The name contains control characters that are not allowed"


def test_a_booking_on_a_holiday_says_so_in_english(english, city):
    good_friday = datetime(2024, 3, 29, 10, tzinfo=BERLIN)
    now = datetime(2024, 3, 20, 10, 30, tzinfo=BERLIN)
    error = refused(
        book, city, MITTE, "personalausweis", good_friday, "Anna", now, channel=Channel.PHONE
    )
    assert isinstance(error, BookingRefused) and error.code == "office_closed"
    assert str(error).endswith(" Feiertag (Karfreitag)")
    assert error.params["closed"] == {"code": "closed_holiday", "params": {"name": "Karfreitag"}}
    office = error.params["office"]
    assert english_of(error) == (
        f"on 29/03/2024 {office} is closed for a public holiday (Karfreitag)"
    )


def test_the_day_view_says_in_english_why_the_office_is_closed(english, qtbot, make_window,
                                                               demo_sqlite_url):  # fmt: skip
    window = make_window(demo_sqlite_url, office_id="bb-mitte")
    with qtbot.waitSignal(window.day_loaded, timeout=20_000):
        window.start()
    with qtbot.waitSignal(window.day_loaded, timeout=10_000):
        window.shift_day(9)
    assert window.day == date(2024, 3, 29)
    assert window.stack.currentWidget() is window.empty
    assert window.empty.text().endswith(
        "Bürgerbüro Mitte: closed for a public holiday (Karfreitag)"
    ), window.empty.text()
    with qtbot.waitSignal(window.day_loaded, timeout=10_000):
        window.shift_day(1)  # Saturday
    assert window.empty.text().endswith("Bürgerbüro Mitte: no opening hours")


POLICY = Policy(PolicyKind.ROLLING, date(2024, 1, 1), horizon_days=14, min_lead_minutes=60)
WEEKLY = Policy(
    PolicyKind.WEEKLY_RELEASE, date(2024, 1, 1), release_weekday=0, release_time=time(8)
)


def window_refusal(policy: Policy | None, start: datetime, now: datetime) -> BookingRefused:
    """The refusal booking makes of the portal's decision (as booking._refusal does)."""
    decision = portal_decision(policy, start, now)
    assert not decision.allowed
    return BookingRefused.of("outside_window", when=start, reason=decision.why)


def test_the_booking_windows_reasons_read_in_english(english):
    now = datetime(2024, 3, 20, 10, 30, tzinfo=BERLIN)
    far = window_refusal(POLICY, datetime(2024, 4, 10, 9, tzinfo=BERLIN), now)
    assert str(far) == (
        "10.04.2024 09:00: außerhalb des Buchungsfensters: online buchbar bis 03.04.2024"
    )
    assert far.params["reason"] == {"code": "window_beyond", "params": {"last": "2024-04-03"}}
    assert english_of(far) == (
        "10/04/2024 09:00: outside the booking window: bookable online until 03/04/2024"
    )
    soon = window_refusal(POLICY, now + timedelta(minutes=30), now)
    assert (
        english_of(soon) == "20/03/2024 11:00: too short notice: online at least 60 minutes ahead"
    )
    weekly = window_refusal(WEEKLY, datetime(2024, 4, 3, 9, tzinfo=BERLIN), now)
    assert str(weekly) == (
        "03.04.2024 09:00: noch nicht freigegeben: die Woche wird am Mo 25.03.2024 um "
        "08:00 Uhr freigeschaltet"
    )
    assert english_of(weekly) == (
        "03/04/2024 09:00: not released yet: the week opens on Mon 25/03/2024 at 08:00"
    )
    none = window_refusal(None, now + timedelta(days=1), now)
    assert english_of(none) == "21/03/2024 10:30: this office has no online booking"


def test_no_ticket_and_the_reception_status_read_in_english(
    english,
    qtbot,
    city,
    reception,  # noqa: F811 (a fixture)
    demo_copy_url,  # noqa: F811 (a fixture)
):
    evening = datetime(2024, 3, 20, 18, tzinfo=BERLIN)
    error = refused(issue_ticket, city, MITTE, TicketReason.OTHER, evening)
    assert str(error) == (
        "Keine Wartenummer: die Sprechstunde ohne Termin ist von 08:00 bis 09:00 Uhr"
    )
    assert error.params["reason"]["code"] == "walk_in_hours"
    assert english_of(error) == "No ticket: the walk-in hour is from 08:00 to 09:00"
    holiday = refused(issue_ticket, city, MITTE, TicketReason.OTHER,
                      datetime(2024, 3, 29, 8, 30, tzinfo=BERLIN))  # fmt: skip
    assert str(holiday) == "Keine Wartenummer: heute keine Sprechstunde: Feiertag (Karfreitag)"
    assert english_of(holiday) == (
        "No ticket: no walk-in hour today: closed for a public holiday (Karfreitag)"
    )
    view, _clock = reception(demo_copy_url, evening)
    assert view.reason_label.text() == "The walk-in hour is from 08:00 to 09:00"
    assert all(b.toolTip() == view.reason_label.text() for b in view.buttons.values())


def test_a_staffing_figure_out_of_range_reads_in_english(english, city):
    error = refused(erlang.offered_traffic, -1.0, 10)
    assert str(error) == "Ankünfte je Stunde muss eine Zahl ab 0 sein, nicht -1.0"
    assert (error.code, error.params) == (
        "staffing_at_least",
        {"what": "Ankünfte je Stunde", "minimum": "0", "value": "-1.0"},
    )
    assert english_of(error) == "Arrivals per hour must be a number from 0, not -1.0"
    weeks = refused(staffing_advice, city, MITTE, datetime(2024, 3, 20, 10, tzinfo=BERLIN), 0)
    assert str(weeks) == "Zeitraum: 1 bis 52 Wochen, nicht 0"
    assert english_of(weeks) == "Period: 1 to 52 weeks, not 0"


def test_a_conflicts_reason_reads_in_english_and_an_old_one_as_stored(english):
    forbidden = RequestRefused.of("op_other_office")
    stored = {"reason": str(forbidden), "code": forbidden.code, "params": forbidden.params}
    assert conflict_text(stored) == "This device belongs to another office"
    nested = RequestRefused.of("no_ticket", reason={"code": "walk_in_outside_hours", "params": {}})
    assert (
        conflict_text({"reason": str(nested), "code": nested.code, "params": nested.params})
        == "No ticket: outside opening hours"
    )
    old = {"reason": "Diese Operations-Id gehört zu einem anderen Gerät", "forbidden": True}
    assert conflict_text(old) == old["reason"]
    unknown = {"reason": "So gesagt", "code": "not_a_code", "params": {}}
    assert conflict_text(unknown) == "So gesagt"


def test_the_shipped_catalogue_words_every_template_and_word_with_its_fields():
    """Each template of these codes, and each word, is English in the shipped catalogue:
    the same fields, no German piece left."""
    catalogue = {(context, source): english for context, source, english in messages()}
    fields = string.Formatter()
    for code in MINE:
        template = TEMPLATES[code]
        english = catalogue.get(("Refusals", template))
        assert english, template
        assert not [w for w in GERMAN_PIECES if w in english], english
        named = {f for _, f, _, _ in fields.parse(english) if f}
        assert named == {f for _, f, _, _ in fields.parse(template) if f}, template
    for word in WORDS:
        english = catalogue.get(("labels", word))
        assert english and english != word, word
        assert not [w for w in GERMAN_PIECES if w in english], english


def test_a_reason_shown_as_a_status_starts_upper_case_in_either_language(english):
    from desk.domain.refusals import Reason

    quota = Reason.of("walk_in_quota_used_up", quota=3)
    assert status_reason_text(quota) == "The day's quota of 3 tickets is used up"
    assert str(quota) == "das Tageskontingent von 3 Wartenummern ist ausgeschöpft"


def test_the_booking_dialogs_field_problems_read_in_english(english, qtbot, make_window,
                                                             demo_sqlite_url):  # fmt: skip
    """The field checks of the booking dialog in the UI's language (they were German in
    the English UI); desk's German words stay as they were."""
    assert contact_problems("", "12a", "kein-at", "x\x07") == {
        "name": "Bitte den Namen angeben.",
        "phone": "Bitte nur Ziffern, Leerzeichen, + - / ( ) – z. B. 0345 123456.",
        "email": "Keine gültige E-Mail-Adresse (z. B. name@beispiel.de).",
        "notes": "Enthält unzulässige Steuerzeichen.",
    }
    window = make_window(demo_sqlite_url, office_id="bb-mitte")
    with qtbot.waitSignal(window.day_loaded, timeout=20_000):
        window.start()
    dialog = window.open_booking()
    assert dialog is not None
    dialog.name_edit.setText("Ali\u202eKhan")
    dialog.phone_edit.setText("12a")
    dialog.email_edit.setText("kein-at")
    assert dialog.problems() == {
        "name": "The name contains writing-direction control characters (U+202E).",
        "phone": "Only digits, spaces, + - / ( ) please – e.g. 0345 123456.",
        "email": "Not a valid e-mail address (e.g. name@example.org).",
    }
    dialog.name_edit.setText("x" * 301)
    assert dialog.problems()["name"] == "At most 300 characters."
    dialog.reject()
