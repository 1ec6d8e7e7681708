"""What one instance of the service holds: the central database, its clock, the push hub.

Nothing here outlives the process except through PostgreSQL (sessions included), so a
city can run several instances behind a load balancer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from desk.domain.localtime import now_local, parse_now
from desk.server.batches import BatchCache
from desk.server.push import PushHub
from desk.services.database import DeskDatabase


@dataclass
class ServiceState:
    """The instance's central database, whether it runs for training, and its hub."""

    central: DeskDatabase
    training: bool
    hub: PushHub
    batches: BatchCache | None = None  # shared downloads (needs the hub's notifications)

    def now(self, asked: str | None) -> datetime:
        """The server's time; a client's ``X-Buergerdesk-Now`` only in training."""
        if self.training and asked:
            return parse_now(asked)
        return now_local()
