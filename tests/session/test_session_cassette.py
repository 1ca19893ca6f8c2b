"""One practice turn against a real customer stream, recorded from the embedded server (SmolLM2-135M) and
replayed: the streamed request the session sends, and what the guard makes of what really came back.
Re-record with: .venv/bin/python -m pytest tests/session/test_session_cassette.py --record-mode=rewrite
"""

from __future__ import annotations

import json
import random

import pytest

from bot.config import Settings
from bot.customer import CustomerDraft, CustomerVoice
from bot.grading.offline import OfflineGrader
from bot.guard import clean
from bot.ports import MemoryStore
from bot.session import CustomerMessage, Graded, PracticeSession
from tests.cassette_helpers import streamed_text

REPLY = "Three days offline when you work from home is lost income, I'm so sorry. What has happened so far?"


@pytest.fixture(scope="module")
def vcr_config(vcr_config: dict) -> dict:
    # The endpoint only: the recording replays after trainers edit the persona or prompts/customer.md.
    return {**vcr_config, "match_on": ["method", "path"]}


@pytest.mark.vcr
async def test_a_real_customer_stream_goes_through_the_guard(cassette_models, personas, rubric, prompts, vcr):
    dana = personas["isp-dana"]
    session = PracticeSession(persona=dana, rubric=rubric, customer=CustomerVoice(cassette_models.customer, prompts),
                              mood_grader=OfflineGrader(), store=MemoryStore(), settings=Settings(_env_file=None),
                              rng=random.Random(0))
    await session.start()
    events = [event async for event in session.reply(REPLY)]

    assert isinstance(events[0], Graded) and isinstance(events[-1], CustomerMessage)
    sent = json.loads(vcr.requests[0].body)
    assert sent["stream"] is True
    assert dana.name in sent["messages"][0]["content"]
    assert [m["role"] for m in sent["messages"][1:]] == ["assistant", "user"]
    assert sent["messages"][-1]["content"] == REPLY

    turn = events[-1].turn
    drafts = [e.text for e in events if isinstance(e, CustomerDraft)]
    assert 1 <= len(vcr.requests) <= 2  # at most one regeneration
    if turn.customer_fallback:
        assert drafts == [] and len(vcr.requests) == 2
        assert turn.customer_text in dana.lines["annoyed"] + dana.lines["furious"]
    else:  # what was shown is what the model streamed last, cleaned and cut at a sentence end
        assert drafts[-1] == turn.customer_text
        streamed = clean(streamed_text(vcr.responses[-1]), dana.name)[0]
        assert streamed.startswith(turn.customer_text)
    assert all(event.attempt <= len(vcr.requests) for event in turn.guard_events)
