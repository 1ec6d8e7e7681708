"""Injected crash points for the kill tests (R1): off unless the variable names one.

``BUERGERDESK_SYNC_KILL_AT=after_central_commit`` makes the sync process kill
itself with SIGKILL at that point, exactly as a power cut would stop it there;
``BUERGERDESK_SERVICE_KILL_AT=after_commit`` does the same to the central service.
"""

from __future__ import annotations

import os
import signal

KILL_AT = "BUERGERDESK_SYNC_KILL_AT"
POINTS = ("after_central_commit", "before_outbox_delete", "mid_download", "after_download")
#: The central service's own point: its push committed, the answer not yet sent.
SERVICE_KILL_AT = "BUERGERDESK_SERVICE_KILL_AT"
SERVICE_POINTS = ("after_commit",)


def crash_point(name: str) -> None:
    """Die here, now, without any clean-up, if the environment asks for it."""
    if os.environ.get(KILL_AT) == name:
        os.kill(os.getpid(), signal.SIGKILL)


def service_crash_point(name: str) -> None:
    """The service dies here (SIGKILL) if its environment asks for it."""
    if os.environ.get(SERVICE_KILL_AT) == name:
        os.kill(os.getpid(), signal.SIGKILL)
