"""Public holidays of Sachsen-Anhalt, the demo city's state."""

from __future__ import annotations

from datetime import date

import pytest

from desk.domain.holidays_de import DEFAULT_STATE, holiday_name, public_holidays


def test_default_state_is_sachsen_anhalt() -> None:
    assert DEFAULT_STATE == "ST"


def test_epiphany_is_a_holiday_in_sachsen_anhalt() -> None:
    assert holiday_name(date(2024, 1, 6)) == "Heilige Drei Könige"


def test_reformation_day_is_a_holiday_in_sachsen_anhalt() -> None:
    assert holiday_name(date(2024, 10, 31)) == "Reformationstag"


@pytest.mark.parametrize(
    ("day", "name"),
    [(date(2024, 3, 29), "Karfreitag"), (date(2024, 4, 1), "Ostermontag")],
)
def test_easter_holidays_2024(day: date, name: str) -> None:
    assert holiday_name(day) == name


def test_an_ordinary_wednesday_is_no_holiday() -> None:
    assert holiday_name(date(2024, 3, 20)) is None


def test_epiphany_is_no_holiday_in_berlin() -> None:
    assert holiday_name(date(2024, 1, 6), "BE") is None


def test_sachsen_anhalt_2024_has_eleven_holidays() -> None:
    table = public_holidays("ST", 2024)
    assert len(table) == 11
    assert all(day.year == 2024 for day in table)
