"""Public holidays of a German state (the ``holidays`` package), named in German."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

import holidays

DEFAULT_STATE = "ST"  # Sachsen-Anhalt


@lru_cache(maxsize=64)
def public_holidays(state: str, year: int) -> dict[date, str]:
    """The state's public holidays of a year, date → German name."""
    table = holidays.country_holidays("DE", subdiv=state, years=year, language="de")
    return dict(table.items())


def holiday_name(day: date, state: str = DEFAULT_STATE) -> str | None:
    """The holiday's German name if ``day`` is a public holiday in ``state``."""
    return public_holidays(state, day.year).get(day)
