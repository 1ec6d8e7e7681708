"""Booking codes (``XXXX-XXXX``): what a citizen reads out at the counter, so without
characters that look or sound alike."""

from __future__ import annotations

import secrets
import string

#: Capital letters and digits without 0/O, 1/I/L.
CODE_ALPHABET = "".join(c for c in string.ascii_uppercase + string.digits if c not in "0O1IL")


def well_formed(code: str) -> bool:
    """Whether ``code`` looks like one ``new_code`` makes."""
    raw = code.replace("-", "")
    return len(code) == 9 and code[4] == "-" and all(c in CODE_ALPHABET for c in raw)


def new_code() -> str:
    """A fresh booking code: 8 characters without look-alikes, as XXXX-XXXX."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
    return f"{raw[:4]}-{raw[4:]}"
