"""The push stream: one Server-Sent Events stream per connected device."""

from __future__ import annotations

from collections.abc import AsyncIterator

from fastapi import APIRouter, Request
from sse_starlette import EventSourceResponse, ServerSentEvent

from desk.domain.status import DeviceKind
from desk.server.auth import CurrentDevice, State

router = APIRouter(prefix="/v1", tags=["push"])

#: Seconds between keep-alive comments (proxies close idle streams).
PING = 15


@router.get("/events", summary="wake-ups when the office's data changed (Server-Sent Events)")
async def events(request: Request, state: State, device: CurrentDevice) -> EventSourceResponse:
    """One ``hello`` at once (pull to catch up), then whenever the office's data changed
    centrally: to a counter or reception PC a ``changes`` event carrying them
    (``{"from": cursor, "batch": …}`` as /v1/changes answers from that cursor: apply it
    if at that cursor, else pull), or a ``change`` event (pull through /v1/changes)."""
    replica = device.kind in (DeviceKind.COUNTER, DeviceKind.RECEPTION)
    subscriber = state.hub.subscribe(device.office_id, replica=replica)

    async def stream() -> AsyncIterator[ServerSentEvent]:
        try:
            yield ServerSentEvent(event="hello", data=device.office_id)
            while True:
                name, data = await subscriber.next()
                if await request.is_disconnected():
                    break
                yield ServerSentEvent(event=name, data=data)
        finally:
            state.hub.unsubscribe(subscriber)

    return EventSourceResponse(stream(), ping=PING)
