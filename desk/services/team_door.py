"""The team lead's tools (capacity, users, audit log, statistics, staffing) through one
door: on a standalone PC straight on its database (``LocalTeamDoor``), on a PC that
syncs through the central service by a call to the service (desk/sync/team_remote.py),
which runs the same function with the signed-in user, the device's office and its own
clock. ``TEAM_CALLS`` lists what may be called that way and what the service fills in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from desk.services.admin import users
from desk.services.capacity import plan as capacity_plan
from desk.services.capacity import preview as capacity_preview
from desk.services.capacity import releases as capacity
from desk.services.database import DeskDatabase
from desk.services.reports import audit as audit_query
from desk.services.reports.statistics import office_statistics
from desk.services.walkin import staffing

#: What the service sets itself, whatever a PC sends: the database, the device's office,
#: the signed-in user and the time (the office only for calls that work on one).
INJECTED = frozenset({"db", "office_id", "user_id", "now"})


@dataclass(frozen=True)
class TeamCall:
    """One function of the team tools: ``office`` — it takes the office it works on
    (the service puts in the device's); ``users`` — it manages users (the service keeps
    them to the device's office). Without ``office`` an ``office_id`` is the call's own
    argument (a user's office), sent by the PC and checked by the service."""

    func: Callable[..., Any]
    office: bool = True
    users: bool = False

    @property
    def injected(self) -> frozenset[str]:
        """The arguments the service fills in for this call (never sent by a PC)."""
        return INJECTED if self.office else INJECTED - {"office_id"}


TEAM_CALLS: dict[str, TeamCall] = {
    "load_plan": TeamCall(capacity_plan.load_plan),
    "preview": TeamCall(capacity_preview.preview),
    "save_plan_change": TeamCall(capacity_plan.save_plan_change),
    "release_same_day_slots": TeamCall(capacity.release_same_day_slots),
    "list_users": TeamCall(users.list_users, office=False, users=True),
    "create_user": TeamCall(users.create_user, office=False, users=True),
    "change_user": TeamCall(users.change_user, office=False, users=True),
    "set_password": TeamCall(users.set_password, office=False, users=True),
    "unlock_user": TeamCall(users.unlock_user, office=False, users=True),
    "audit_actors": TeamCall(audit_query.audit_actors, office=False),
    "audit_entries": TeamCall(audit_query.audit_entries),
    "office_statistics": TeamCall(office_statistics),
    "staffing_advice": TeamCall(staffing.staffing_advice),
}


class TeamDoor:
    """The team tools' functions, each called as the service function without ``db``."""

    def call(self, name: str, *args: Any, **kwargs: Any) -> Any:
        """Run one of ``TEAM_CALLS``."""
        raise NotImplementedError

    def __getattr__(self, name: str) -> Callable[..., Any]:
        if name not in TEAM_CALLS:
            raise AttributeError(name)
        return lambda *args, **kwargs: self.call(name, *args, **kwargs)


def as_door(db: DeskDatabase | TeamDoor) -> TeamDoor:
    """A door for a database (standalone), or the door as it is."""
    return db if isinstance(db, TeamDoor) else LocalTeamDoor(db)


class LocalTeamDoor(TeamDoor):
    """Straight on a database (standalone, or the admin's own)."""

    def __init__(self, db: DeskDatabase) -> None:
        self.db = db

    def call(self, name: str, *args: Any, **kwargs: Any) -> Any:
        return TEAM_CALLS[name].func(self.db, *args, **kwargs)


def _hints(name: str) -> dict[str, Any]:
    import typing

    return typing.get_type_hints(TEAM_CALLS[name].func)


def encode_args(name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> dict[str, Any]:
    """A call's arguments by name as JSON (the service fills in the injected ones)."""
    import inspect

    from pydantic import TypeAdapter

    bound = inspect.signature(TEAM_CALLS[name].func).bind_partial(None, *args, **kwargs)
    hints, injected = _hints(name), TEAM_CALLS[name].injected
    return {
        key: TypeAdapter(hints[key]).dump_python(value, mode="json")
        for key, value in bound.arguments.items()
        if key not in injected
    }


def decode_args(name: str, data: dict[str, Any]) -> dict[str, Any]:
    """Arguments back from JSON, each checked against the function's type (ValueError)."""
    from pydantic import TypeAdapter, ValidationError

    hints, injected = _hints(name), TEAM_CALLS[name].injected
    decoded = {}
    for key, value in data.items():
        if key in injected or key not in hints or key == "return":
            raise ValueError(f"unbekanntes Argument {key!r}")
        try:
            decoded[key] = TypeAdapter(hints[key]).validate_python(value)
        except ValidationError as err:
            raise ValueError(f"{key}: {err.errors()[0]['msg']}") from None
    import inspect

    params = inspect.signature(TEAM_CALLS[name].func).parameters.values()
    missing = [
        p.name
        for p in params
        if p.default is inspect.Parameter.empty
        and p.name not in injected
        and p.name not in decoded
        and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
    ]
    if missing:
        raise ValueError(f"fehlende Argumente: {', '.join(missing)}")
    return decoded


def encode_result(name: str, result: Any) -> Any:
    """A call's result as JSON."""
    from pydantic import TypeAdapter

    return TypeAdapter(_hints(name)["return"]).dump_python(result, mode="json")


def decode_result(name: str, data: Any) -> Any:
    """A call's result back from JSON."""
    from pydantic import TypeAdapter

    return TypeAdapter(_hints(name)["return"]).validate_python(data)
