"""One rule for people's names: the booking dialog (``contact_problems``), every booking
(``clean_name``: command line, sync, central service) and the user accounts
(``checked_display_name``) refuse the same names and take the same names."""

from __future__ import annotations

import pytest

from desk.domain.contact import contact_problems
from desk.domain.errors import RequestRefused
from desk.domain.names import name_problem
from desk.domain.users import checked_display_name
from desk.services.appointments.booking import clean_name

REFUSED = {
    "rtl-override": ("\u202eanroH ardnA", "Schreibrichtung (U+202E)"),
    "isolates": ("\u2066Anna\u2069 \u2068Horn\u2069", "U+2066, U+2068, U+2069"),
    "lrm": ("Anna\u200e", "U+200E"),
    "arabic-letter-mark": ("Anna\u061c", "U+061C"),
    "zero-width": ("\u200b\u2060\ufeff", "unsichtbar"),
    "hangul-filler": ("\u3164", "unsichtbar"),
    "combining-mark-alone": ("\u034f\u0301", "unsichtbar"),
    "spaces-and-zero-width": ("\u3000\u200b\u00a0", "unsichtbar"),
    "c1-control": ("Anna\x9b31mHorn", "Steuerzeichen"),
    "not-utf8": ("Anna \udcff", "UTF-8"),
}
TAKEN = [
    "Anna Horn",
    "محمد عبد الله بن سعيد",
    "Jose\u0301 Zoe\u0308",
    "👩\u200d👩\u200d👧 Familie",  # joiners inside emoji sequences are no bidi controls
    "  Leer  zeichen\tTab\r\nZeile  ",
    "李小龍",
]


def refusals(name: str) -> list[str]:
    """What each path says about ``name`` (empty: taken)."""
    said = []
    if (problem := contact_problems(name, "", "", "").get("name")) is not None:
        said.append(problem)
    for check in (clean_name, checked_display_name):
        try:
            check(name)
        except RequestRefused as err:
            said.append(str(err))
    return said


@pytest.mark.parametrize(("name", "reason"), list(REFUSED.values()), ids=list(REFUSED))
def test_every_path_refuses_the_name_with_the_same_reason(name: str, reason: str) -> None:
    problem = name_problem(name)
    assert problem is not None and reason in problem
    said = refusals(name)
    assert len(said) == 3 and all(problem in line for line in said), said


@pytest.mark.parametrize("name", TAKEN)
def test_every_path_takes_a_real_name(name: str) -> None:
    assert name_problem(name) is None
    assert refusals(name) == []
