"""One real judge call, recorded from the embedded server (SmolLM2-135M) and replayed.

The tiny model is no judge: this checks the parsing path on what a real server really sends (the
json_schema request, a grammar-constrained answer, per-criterion checks), not the quality of the grades.
Re-record with: .venv/bin/python -m pytest tests/judge/test_judge_cassette.py --record-mode=rewrite
"""

import json

import pytest

from bot.config import PROJECT_ROOT
from bot.grading import judge as judge_module
from bot.grading.judge import LLMJudge
from bot.grading.quotes import find_quote
from bot.prompts import PromptLibrary
from tests.judge.helpers import make_item

ITEM = make_item("I'm so sorry, three days without internet when you work from home is awful. "
                 "I can book a technician for Thursday 8-12.")


@pytest.fixture(scope="module")
def vcr_config(vcr_config: dict) -> dict:
    # Match on the endpoint only: the one recorded answer replays even after trainers edit judge.md or
    # the rubric (which change the request body); what was sent is checked from the recording below.
    return {**vcr_config, "match_on": ["method", "path"]}


@pytest.mark.vcr
async def test_a_real_judge_answer_goes_through_the_parsing_path(cassette_models, rubric, vcr, monkeypatch):
    monkeypatch.setattr(judge_module, "new_delimiter", lambda: "reply-cafe")  # the request body must match
    prompts = PromptLibrary.load(PROJECT_ROOT / "prompts")
    judge = LLMJudge(cassette_models.judge, prompts, retry=cassette_models.retry, re_asks=0)
    grade = await judge.grade(ITEM, rubric)

    assert len(vcr.requests) == 1
    sent = json.loads(vcr.requests[0].body)
    assert sent["temperature"] == 0 and "<reply-cafe>" in sent["messages"][0]["content"]
    asked = sent["response_format"]["json_schema"]["schema"]["properties"]
    assert list(asked) == ["empathy", "promises", "boundary_setting", "trigger_phrases"]
    recorded = json.loads(json.loads(vcr.responses[0]["body"]["string"])["choices"][0]["message"]["content"])

    assert grade.criteria["open_questions"].status == "not_applicable"  # the reply asks nothing
    for criterion_id in asked:
        answered, kept = recorded[criterion_id], grade.criteria[criterion_id]
        span = find_quote(ITEM.reply, answered["evidence"])
        if answered["level"] is None:
            assert kept.status == "not_applicable"
        elif span is None:  # a level with a quote that is not in the reply: never a score
            assert kept.status == "ungraded" and kept.score is None
            assert "unusable after 1 tries: the evidence" in kept.reason
        else:
            assert (kept.status, kept.level, kept.evidence) == ("graded", answered["level"], span)
    # What really happened when this was recorded: SmolLM2 invented its quotes, so nothing was scored.
    assert grade.ungraded == list(asked)
