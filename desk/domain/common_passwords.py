"""Passwords too common to be allowed: the 30,000 most common passwords of zxcvbn's
list (from leaked password dumps), plus German ones that list misses. Loaded on the
first check only."""

from __future__ import annotations

from functools import cache

#: Common German passwords and the product's own words, as they are typed most.
GERMAN = (
    "passwort",
    "kennwort",
    "hallo",
    "geheim",
    "schatz",
    "sommer",
    "winter",
    "fruehling",
    "frühling",
    "herbst",
    "willkommen",
    "schalter",
    "rathaus",
    "buergerbuero",
    "bürgerbüro",
    "buergerdesk",
    "bürgerdesk",
    "teamleitung",
    "sachbearbeitung",
    "magdeburg",
    "berlin",
    "deutschland",
    "fussball",
    "fußball",
    "schalke",
    "bayern",
    "borussia",
    "qwertz",
    "asdfgh",
    "ichliebedich",
)


@cache
def _known() -> frozenset[str]:
    from zxcvbn.frequency_lists import FREQUENCY_LISTS  # type: ignore[import-untyped]

    return frozenset(FREQUENCY_LISTS["passwords"]) | frozenset(GERMAN)


def is_common(password: str) -> bool:
    """Whether the password, ignoring case, is a common one, or one with only digits
    and punctuation around a common word (``Passwort2024!``, ``!!Sommer24``)."""
    folded = password.strip().casefold()
    if folded in _known():
        return True
    core = folded.strip("0123456789!?.,;:-_+*#@$%&/()=§ ")
    return not core or core in _known()
