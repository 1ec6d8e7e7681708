"""Number options with bounds (argparse types): a counter 9223372036854775808 or a
retention of 10^12 days is refused as a bad request, never left to overflow later."""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable


def whole(low: int, high: int) -> Callable[[str], int]:
    """An argparse type: a whole number from ``low`` to ``high``."""

    def parse(text: str) -> int:
        try:
            value = int(text.strip(), 10)
        except ValueError:
            value = None
        if value is None or not low <= value <= high:
            raise argparse.ArgumentTypeError(
                f"erwartet eine ganze Zahl von {low} bis {high}, nicht {text!r}"
            )
        return value

    parse.__name__ = "ganze Zahl"  # argparse names the type in its own messages
    return parse


def seconds(low: float, high: float) -> Callable[[str], float]:
    """An argparse type: a finite number of seconds from ``low`` to ``high``."""

    def parse(text: str) -> float:
        try:
            value = float(text.strip())
        except ValueError:
            value = math.nan
        if not (math.isfinite(value) and low <= value <= high):
            raise argparse.ArgumentTypeError(
                f"erwartet Sekunden von {low:g} bis {high:g}, nicht {text!r}"
            )
        return value

    parse.__name__ = "Sekunden"
    return parse


COUNTER = whole(1, 999)
"""A counter's number (as ``counter`` in config.toml)."""
