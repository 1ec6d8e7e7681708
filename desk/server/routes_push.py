"""The push stream: one Server-Sent Events stream per connected device."""

from __future__ import annotations

from collections.abc import AsyncIterator

from fastapi import APIRouter, Request
from sse_starlette import EventSourceResponse, ServerSentEvent

from desk.server.auth import CurrentDevice, State

router = APIRouter(prefix="/v1", tags=["push"])

#: Seconds between keep-alive comments (proxies close idle streams).
PING = 15


@router.get("/events", summary="wake-ups when the office's data changed (Server-Sent Events)")
async def events(request: Request, state: State, device: CurrentDevice) -> EventSourceResponse:
    """A ``change`` event whenever the office's data changed centrally (coalesced), one
    ``hello`` at once (pull to catch up). Pull through /v1/changes after each."""
    subscriber = state.hub.subscribe(device.office_id)

    async def stream() -> AsyncIterator[ServerSentEvent]:
        try:
            yield ServerSentEvent(event="hello", data=device.office_id)
            while True:
                what = await subscriber.queue.get()
                if await request.is_disconnected():
                    break
                yield ServerSentEvent(event="change", data=what)
        finally:
            state.hub.unsubscribe(subscriber)

    return EventSourceResponse(stream(), ping=PING)
