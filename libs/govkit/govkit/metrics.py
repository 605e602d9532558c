"""Prometheus metrics per app (own registry, so several apps can live in one test process)."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest


class Metrics:
    def __init__(self, service: str) -> None:
        self.registry = CollectorRegistry()
        labels = {"registry": self.registry}
        self.requests = Counter("http_requests_total", "HTTP requests", ["service", "method", "route", "status"],
                                **labels)
        self.latency = Histogram("http_request_duration_seconds", "HTTP latency", ["service", "method", "route"],
                                 buckets=(.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10), **labels)
        self.outbox_backlog = Gauge("outbox_backlog", "events written but not yet published", ["service"],
                                    **labels)
        self.consumer_lag = Gauge("consumer_lag", "messages pending for a durable consumer",
                                  ["service", "consumer"], **labels)
        self.dead_letters = Gauge("dead_letters", "unresolved dead-lettered messages", ["service"], **labels)
        self.nats_connected = Gauge("nats_connected", "1 when connected to NATS", ["service"], **labels)
        self.service = service

    def observe_request(self, method: str, route: str, status: int, seconds: float) -> None:
        self.requests.labels(self.service, method, route, str(status)).inc()
        self.latency.labels(self.service, method, route).observe(seconds)

    def render(self) -> bytes:
        return generate_latest(self.registry)
