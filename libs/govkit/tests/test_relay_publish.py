"""A relay pass sends its rows back to back and marks the acknowledged prefix; a row JetStream refuses, does
not acknowledge in time or cannot be sent stops the pass there (it and the rows after it stay pending), and
the relay keeps running."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

import pytest
from sqlalchemy import column, table

from govkit.events import relay as relay_module
from govkit.events.relay import Relay

OUTBOX = table("outbox", column("id"), column("attempts"), column("published_at"), column("last_error"))


class FakeJetStream:
    """publish_async answering each row as told: ok, refused (an error), silent (never) or unsendable."""

    def __init__(self, answers: list[str]) -> None:
        self.answers = answers

    async def publish_async(self, subject, payload, headers=None, wait_stall=None):
        answer = self.answers.pop(0)
        if answer == "unsendable":
            raise ConnectionError("nats down")
        ack = asyncio.get_running_loop().create_future()
        if answer == "ok":
            ack.set_result("stored")
        elif answer == "refused":
            ack.set_exception(RuntimeError("refused"))
        return ack


async def _pass(answers: list[str]) -> tuple[int, list[dict]]:
    relay = Relay.__new__(Relay)  # only what a pass uses: the outbox table and the bus
    relay.kit = SimpleNamespace(outbox=OUTBOX)
    relay.bus = SimpleNamespace(js=FakeJetStream(list(answers)), prefix="test")
    rows = [SimpleNamespace(id=i, event_id=f"e{i}", type="ping.ping.created", payload="{}")
            for i in range(len(answers))]
    marks: list[dict] = []

    async def mark(statement, _published) -> None:
        marks.append(statement.compile().params)

    return await relay._publish(rows, mark), marks


@pytest.mark.parametrize("answer", ["refused", "silent", "unsendable"])
async def test_a_failing_row_stops_the_pass_after_marking_the_rows_before_it(monkeypatch, answer):
    monkeypatch.setattr(relay_module, "PUBLISH_TIMEOUT", 0.05)
    sent, marks = await _pass(["ok", answer, "ok"])
    assert sent == 1
    published, failed = marks
    assert published["id_1"] == [0] and published["published_at"] is not None
    assert failed["id_1"] == 1 and failed["last_error"]


async def test_every_acknowledged_row_is_marked_in_one_statement():
    sent, marks = await _pass(["ok", "ok", "ok"])
    assert sent == 3 and len(marks) == 1 and marks[0]["id_1"] == [0, 1, 2]
