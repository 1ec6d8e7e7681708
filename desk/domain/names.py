"""What a person's name (a citizen's or a user's) may not hold: characters that turn the
text around (bidi controls), nothing but invisible characters, control characters, or
text that was never valid UTF-8. One check for the dialog, the command line, the sync
and the central service."""

from __future__ import annotations

import unicodedata

from desk.domain.refusals import Reason

#: Embeddings and overrides (U+202A–U+202E), isolates (U+2066–U+2069), the marks
#: LRM/RLM (U+200E/U+200F) and the Arabic letter mark (U+061C): each can make a
#: name read differently from what is stored.
BIDI_CONTROLS = frozenset(
    chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C)
)
#: Letters and symbols that draw nothing (Hangul fillers, the blank Braille pattern).
BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
#: Control characters a name may hold all the same (pasted line breaks are kept as given).
ALLOWED_CONTROLS = frozenset("\t\n\r")


def _visible(char: str) -> bool:
    """Letters, digits, punctuation and symbols draw something; spaces, format
    characters (zero width), controls, marks alone and private use do not."""
    return unicodedata.category(char)[0] in "LNPS" and char not in BLANK_LETTERS


def name_fault(name: str) -> Reason | None:
    """Why ``name`` cannot be taken as a person's name, by code (a phrase such as
    "enthält …" in German), or None; emptiness and length are the caller's checks."""
    if any("\ud800" <= c <= "\udfff" for c in name):
        return Reason.of("name_not_utf8")
    bidi = sorted({f"U+{ord(c):04X}" for c in name if c in BIDI_CONTROLS})
    if bidi:
        return Reason.of("name_bidi_controls", chars=", ".join(bidi))
    if any(unicodedata.category(c) == "Cc" and c not in ALLOWED_CONTROLS for c in name):
        return Reason.of("name_control_chars")
    if not any(_visible(c) for c in name):
        return Reason.of("name_invisible")
    return None


def name_problem(name: str) -> str | None:
    """:func:`name_fault` in German (a phrase such as "enthält …"), or None."""
    fault = name_fault(name)
    return None if fault is None else str(fault)
