"""The NATS connection of one service: connects in the background, reconnects forever, closes on stop.

With credentials (settings `nats_nkey_seed_file`) the service signs in as its own NKEY user, whose
permissions (govkit.events.access) allow its own subjects and stream, its durable consumers and its inbox
`_INBOX_<service>` only; `nats_tls_*` settings encrypt and authenticate the connection across hosts.
"""

from __future__ import annotations

import asyncio
import logging
import ssl
from dataclasses import dataclass

import nats
from nats.aio.client import Client
from nats.js import JetStreamContext
from nats.js.api import RetentionPolicy, StorageType, StreamConfig
from nats.js.errors import BadRequestError

from govkit.events.envelope import stream_name

log = logging.getLogger("govkit.events")


@dataclass(frozen=True)
class Credentials:
    """How one service signs in to NATS (all optional: a development NATS needs none)."""

    nkey_seed_file: str = ""
    tls_ca_file: str = ""
    tls_cert_file: str = ""
    tls_key_file: str = ""

    def connect_options(self, service: str) -> dict:
        options: dict = {"inbox_prefix": f"_INBOX_{service}"} if service else {}
        if self.nkey_seed_file:
            options["nkeys_seed"] = self.nkey_seed_file
        if self.tls_ca_file or self.tls_cert_file:
            context = ssl.create_default_context(cafile=self.tls_ca_file or None)
            if self.tls_cert_file:  # mutual TLS when the server verifies clients
                context.load_cert_chain(self.tls_cert_file, self.tls_key_file or None)
            options["tls"] = context
        return options


class Bus:
    def __init__(self, url: str, prefix: str, *, name: str, stream_replicas: int = 1, service: str = "",
                 stream_max_age: float = 0.0, credentials: Credentials | None = None) -> None:
        self.url, self.prefix, self.name = url, prefix, name
        self.stream_replicas, self.stream_max_age = stream_replicas, stream_max_age
        self.options = (credentials or Credentials()).connect_options(service)
        self.nc: Client | None = None
        self.js: JetStreamContext | None = None
        self._ready = asyncio.Event()
        self._streams: set[str] = set()
        self._task: asyncio.Task | None = None

    @property
    def connected(self) -> bool:
        return self.nc is not None and self.nc.is_connected

    def start(self) -> None:
        self._task = asyncio.create_task(self._connect_forever(), name=f"{self.name}-nats-connect")

    async def wait_ready(self, timeout: float | None = None) -> None:
        await asyncio.wait_for(self._ready.wait(), timeout)

    async def _connect_forever(self) -> None:
        delay = 0.2
        while True:
            try:
                # -1: never give up reconnecting (style.md: the default gives up after 2 minutes)
                self.nc = await nats.connect(
                    servers=[u.strip() for u in self.url.split(",") if u.strip()], name=self.name,
                    max_reconnect_attempts=-1, reconnect_time_wait=0.5,
                    connect_timeout=2, allow_reconnect=True,
                    error_cb=self._on_error, disconnected_cb=self._on_disconnect,
                    reconnected_cb=self._on_reconnect, **self.options)
                self.js = self.nc.jetstream(timeout=5)
                self._ready.set()
                log.info("nats connected", extra={"url": self.url})
                return
            except Exception as exc:  # server down at start-up: keep trying, writes go to the outbox
                log.warning("nats connect failed, retrying", extra={"error": str(exc)})
                await asyncio.sleep(delay)
                delay = min(delay * 2, 5.0)

    async def _on_error(self, exc: Exception) -> None:
        log.warning("nats error", extra={"error": str(exc)})

    async def _on_disconnect(self) -> None:
        log.warning("nats disconnected")

    async def _on_reconnect(self) -> None:
        log.info("nats reconnected")
        self._streams.clear()  # the server may have lost them (re-ensured idempotently)

    async def ensure_stream(self, producer: str) -> str:
        """Create or update the producer's stream; idempotent, safe from any service and replica."""
        assert self.js is not None
        name = stream_name(self.prefix, producer)
        if name in self._streams:
            return name
        config = StreamConfig(name=name, subjects=[f"{self.prefix}.{producer}.>"],
                              retention=RetentionPolicy.LIMITS, storage=StorageType.FILE,
                              num_replicas=self.stream_replicas, duplicate_window=120.0,
                              max_age=self.stream_max_age or None)
        try:
            await self.js.add_stream(config)
        except BadRequestError:
            await self.js.update_stream(config)
        self._streams.add(name)
        return name

    async def close(self) -> None:
        if self._task and not self._task.done():
            self._task.cancel()
        if self.nc is not None and not self.nc.is_closed:
            # closed, not drained: nats-py's drain waits for a pull subscription's queue that fetch never marks
            # done (5 s, then an ERROR from its cancelled gather). Nothing is lost: an unacknowledged message
            # is delivered again, and the relay marks an outbox row only once its publish was acknowledged.
            await self.nc.close()
