"""The session core (with the app's wiring) against an endpoint that fails 30% of calls, then goes down,
then recovers (bench/faults.py plays the trainees; bench/fake_llm.py injects the faults)."""

from __future__ import annotations

import pytest

from bench.fake_llm import Faults, FakeLLM, Pace
from bench.faults import audit, outage_turn, play_through_faults, recover_and_finish
from bench.practice_driver import practice_runtime

SESSIONS, TURNS = 5, 3


@pytest.fixture
def faulty_llm():
    # seed fixed: the same calls fail on every run; the client times out after 0.5 s, the hang lasts 1.5 s
    with FakeLLM(Pace(latency_s=0.01, tokens_per_s=400), Faults(rate=0.3, hang_s=1.5), seed=7) as llm:
        yield llm


async def test_sessions_survive_faults_an_outage_and_recover(faulty_llm, tmp_path):
    url = f"sqlite+aiosqlite:///{tmp_path / 'faults.db'}"
    async with practice_runtime(faulty_llm.base_url, url, "hybrid", llm_timeout_s=0.5, turn_cap=TURNS + 2) as runtime:
        run = await play_through_faults(runtime, SESSIONS, TURNS)
        assert sum(faulty_llm.stats.faults.values()) >= 5, "the fake must really have failed calls"

        faulty_llm.control(down=True)
        await outage_turn(run)
        assert run.pending_before_recovery > 0, "during the outage the judge owes grades"
        faulty_llm.control(down=False, fault_rate=0.0)
        await recover_and_finish(run)
        figures = await audit(runtime, run)

    assert figures["completed"] == figures["sessions"] == SESSIONS
    assert figures["turns_lost"] == 0 and figures["unanswered"] == 0
    assert figures["turns_stored"] == figures["turns_sent"] == SESSIONS * (TURNS + 1)
    assert figures["pending_after"] == 0, "what the judge owed was re-asked once the endpoint was back"
    assert figures["llm_debriefs"] == SESSIONS
    # What the trainee is told when the customer cannot answer: the cause and what to check, no traceback.
    assert len(run.shown_errors) >= SESSIONS
    for message in run.shown_errors:
        assert "unavailable" in message and faulty_llm.base_url in message and "Traceback" not in message
