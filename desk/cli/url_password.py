"""Passwords do not belong in a URL on the command line (the process list and the
shell's history show it): ``--url`` and ``--central`` refuse one, and what is shown of
a URL (``config show``) has it masked."""

from __future__ import annotations

import argparse
import re
from urllib.parse import parse_qsl, urlsplit

REFUSAL = (
    "kein Passwort in der URL (Prozessliste, Verlauf der Shell): für PostgreSQL gehört es "
    "in ~/.pgpass (Modus 600) oder eine Dienstdatei (pg_service.conf, ?service=NAME), ein "
    "PC meldet sich mit 'buergerdesk enroll' an (Gerätekennung im Schlüsselbund)"
)
#: scheme://user:PASSWORD@ and a password=… parameter, wherever they stand in a text.
_USERINFO = re.compile(r"(?P<head>[A-Za-z][A-Za-z0-9+.\-]*://[^:/@\s]*:)\S*(?=@)")
_PARAMETER = re.compile(r"(?P<head>[?&;\s]password=)[^&\s]*", re.I)


def has_password(url: str) -> bool:
    """Whether ``url`` carries a password (user:PASSWORD@host or ?password=…)."""
    try:
        parts = urlsplit(url)
        if parts.password:
            return True
    except ValueError:
        pass
    query = url.partition("?")[2]
    return any(key.lower() == "password" and value for key, value in parse_qsl(query))


def without_password(url: str) -> str:
    """An argparse type: ``url`` unchanged, refused when it carries a password."""
    if has_password(url):
        raise argparse.ArgumentTypeError(REFUSAL)
    return url


def masked(text: str) -> str:
    """``text`` with the password of every URL in it replaced by ***."""
    text = _USERINFO.sub(r"\g<head>***", text)
    return _PARAMETER.sub(r"\g<head>***", text)
