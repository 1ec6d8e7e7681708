"""The call display's list of previous calls: each code at a counter once, a recall
marked as such instead of listed again."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from desk.services.walkin.display import DisplayCall


class Shown(NamedTuple):
    """A call as the display lists it: its newest call and whether it was a recall."""

    call: DisplayCall
    recalled: bool


def _key(call: DisplayCall) -> tuple[str, str]:
    return call.code, call.counter


def newest_and_previous(calls: Sequence[DisplayCall]) -> tuple[Shown | None, list[Shown]]:
    """The newest call and the previous ones (newest first), each code to a counter once:
    an earlier call of the same code to the same counter marks the later one a recall."""
    if not calls:
        return None, []
    counts: dict[tuple[str, str], int] = {}
    for call in calls:
        counts[_key(call)] = counts.get(_key(call), 0) + 1
    newest = Shown(calls[0], counts[_key(calls[0])] > 1)
    seen = {_key(calls[0])}
    previous: list[Shown] = []
    for call in calls[1:]:
        if _key(call) not in seen:
            seen.add(_key(call))
            previous.append(Shown(call, counts[_key(call)] > 1))
    return newest, previous
