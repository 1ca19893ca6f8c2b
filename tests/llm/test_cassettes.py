"""The customer call (streamed) and a structured judge call, replayed from cassettes recorded from the
real embedded server. Re-record with: .venv/bin/python -m pytest tests/llm/test_cassettes.py --record-mode=rewrite
"""

import json

import pytest
from langchain_core.messages import HumanMessage, SystemMessage
from pydantic import BaseModel, Field

from bot.llm import complete_json, stream_text
from tests.cassette_helpers import streamed_text

CUSTOMER = [
    SystemMessage("You are Dana, a customer whose home internet has been down for three days. You work from home. "
                  "Write ONE short, angry chat message as Dana, the customer. Do not offer help."),
    HumanMessage("Hi, thanks for contacting Netlink support, my name is Sam. How can I help you today?"),
]
JUDGE = [
    SystemMessage("Rate how much empathy the agent's reply shows, from 0 to 10, and quote its most empathic words."),
    HumanMessage("Agent reply: I'm so sorry your internet has been down for three days, that must be exhausting."),
]


class EmpathyVerdict(BaseModel):
    score: int = Field(ge=0, le=10)
    quote: str = Field(max_length=120)  # bounded: a tiny model can loop inside an open string


@pytest.mark.vcr
async def test_customer_reply_streams_in_pieces_that_join_to_the_recorded_text(cassette_models, vcr):
    pieces = [piece async for piece in stream_text(cassette_models.customer, CUSTOMER)]
    assert len(pieces) > 3
    assert "".join(pieces) == streamed_text(vcr.responses[0]) != ""
    sent = json.loads(vcr.requests[0].body)
    assert sent["stream"] is True and sent["model"] == "smollm2"
    assert sent["stream_options"] == {"include_usage": True}


@pytest.mark.vcr
async def test_judge_call_returns_the_schema_parsed(cassette_models, vcr):
    verdict = await complete_json(cassette_models.judge, JUDGE, EmpathyVerdict)
    assert isinstance(verdict, EmpathyVerdict)
    recorded = json.loads(vcr.responses[0]["body"]["string"])["choices"][0]["message"]["content"]
    assert verdict == EmpathyVerdict.model_validate_json(recorded)
    sent = json.loads(vcr.requests[0].body)
    assert sent["temperature"] == 0
    assert sent["response_format"]["json_schema"]["schema"]["properties"]["quote"]["maxLength"] == 120
