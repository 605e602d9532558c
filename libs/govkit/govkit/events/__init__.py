"""Event backbone: transactional outbox → JetStream relay → durable consumers with an inbox."""

from govkit.events.consumer import Handler
from govkit.events.envelope import Event
from govkit.events.outbox import Outbox

__all__ = ["Event", "Handler", "Outbox"]
