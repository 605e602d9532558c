"""Structured JSON logs carrying the request id and trace of the current request."""

from __future__ import annotations

import json
import logging
import sys

from govkit import context

_STD = set(logging.LogRecord("", 0, "", 0, "", (), None).__dict__) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    def __init__(self, service: str) -> None:
        super().__init__()
        self.service = service

    def format(self, record: logging.LogRecord) -> str:
        ctx = context.current()
        out = {"ts": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"), "level": record.levelname,
               "service": self.service, "logger": record.name, "msg": record.getMessage()}
        if ctx.request_id:
            out["request_id"] = ctx.request_id
        if ctx.traceparent:
            out["traceparent"] = ctx.traceparent
        if ctx.caller_system:
            out["caller_system"] = ctx.caller_system
        out.update({k: v for k, v in record.__dict__.items() if k not in _STD})
        if record.exc_info:
            out["exc"] = self.formatException(record.exc_info)
        return json.dumps(out, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    """For a terminal (make run): the message followed by its structured fields as k=v."""

    def __init__(self, service: str) -> None:
        super().__init__(f"%(asctime)s {service} %(levelname)s %(name)s %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        fields = " ".join(f"{k}={v}" for k, v in record.__dict__.items() if k not in _STD)
        return super().format(record) + (f" {fields}" if fields else "")


def configure(service: str, *, json_logs: bool = True, level: int = logging.INFO,
              debug_loggers: tuple[str, ...] | list[str] = ()) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter(service) if json_logs else TextFormatter(service))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for name in debug_loggers:
        logging.getLogger(name).setLevel(logging.DEBUG)
