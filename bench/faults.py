"""Practice sessions against an endpoint where a share of LLM calls fail, then recovery.

    .venv/bin/python -m bench.faults [--sessions 12] [--turns 4] [--fault-rate 0.3]

The fake endpoint (bench/fake_llm.py, its own process) fails --fault-rate of all calls (customer, judge,
debrief) with 429, 500, a hang past the client timeout, malformed output or a stream cut mid-way. Each
simulated trainee plays --turns replies with the app's wiring (hybrid grading, LLM debrief) and, like a
trainee, presses Retry when told the customer could not answer. Then the endpoint goes down for one more
reply per session (the customer cannot answer, the judge cannot grade), comes back, the trainees press
Retry and end their sessions, and the store is audited: sessions completed, turns lost, criteria the judge
still owes (ungraded, or graded by the detectors in its stead).
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from bench.fake_llm import get_stats, post_control, spawn_fake_llm
from bench.practice_driver import AGENT_REPLIES, new_session, practice_runtime, timed_reply
from bot.domain import ReplyGrade
from bot.llm_retry import RetryPolicy
from bot.session import PracticeSession
from bot.web.practice import PracticeRuntime

PERSONA = "isp-dana"
QUICK_RETRY = RetryPolicy(attempts=3, initial_wait_s=0.05, max_wait_s=0.2)  # a benchmark cannot wait 8 s
MAX_RETRIES_PER_TURN = 20  # bounded: a trainee pressing Retry


@dataclass
class FaultRun:
    sessions: list[PracticeSession] = field(default_factory=list)
    sent: dict[str, list[str]] = field(default_factory=dict)  # session id -> agent replies sent
    retries: int = 0  # times a trainee was told the customer could not answer and pressed Retry
    shown_errors: list[str] = field(default_factory=list)
    pending_before_recovery: int = 0  # criteria ungraded or left to the detectors during the outage


def pending_criteria(grade: ReplyGrade | None) -> int:
    """Criteria the judge still owes this reply: ungraded, or graded by the detectors in its stead."""
    if grade is None:
        return 0
    return sum(1 for c in grade.criteria.values() if c.status == "ungraded" or c.engine == "offline-fallback")


async def play(runtime: PracticeRuntime, run: FaultRun, turns: int) -> None:
    """One trainee: ``turns`` replies, each answered (after as many Retry presses as it takes)."""
    session = await new_session(runtime, PERSONA)
    session.customer.retry = QUICK_RETRY
    run.sessions.append(session)
    run.sent[session.session_id] = []
    for number in range(turns):
        text = AGENT_REPLIES[number % len(AGENT_REPLIES)]
        run.sent[session.session_id].append(text)
        timing = await timed_reply(session, text)
        for _ in range(MAX_RETRIES_PER_TURN):
            if timing.error is None:
                break
            run.retries += 1
            run.shown_errors.append(timing.error)
            timing = await timed_reply(session, text, retry=True)
        if timing.ended:
            return


async def play_through_faults(runtime: PracticeRuntime, sessions: int, turns: int) -> FaultRun:
    """Phase 1: every trainee plays ``turns`` replies while a share of the calls fail."""
    runtime.models.retry = QUICK_RETRY  # the judge and the debrief writer take it from here
    run = FaultRun()
    await asyncio.gather(*(play(runtime, run, turns) for _ in range(sessions)))
    return run


async def outage_turn(run: FaultRun) -> None:
    """Phase 2, with the endpoint down: one more reply per open session. The customer cannot answer (the
    trainee is told so) and the judge cannot grade: its criteria stay owed."""
    async def one(session: PracticeSession) -> None:
        text = AGENT_REPLIES[(len(session.turns) - 1) % len(AGENT_REPLIES)]
        run.sent[session.session_id].append(text)
        timing = await timed_reply(session, text)
        if timing.error:
            run.shown_errors.append(timing.error)
        await session.refinements_done()

    await asyncio.gather(*(one(session) for session in run.sessions if session.end_reason is None))
    run.pending_before_recovery = sum(pending_criteria(t.grade) for s in run.sessions for t in s.turns)


async def recover_and_finish(run: FaultRun) -> None:
    """Phase 3, the endpoint is back: trainees press Retry where the customer never answered, then end
    their sessions (which re-asks the judge for what it owes, then writes the debrief)."""
    async def one(session: PracticeSession) -> None:
        if session.end_reason is None and session.turns[-1].customer_text is None:
            run.retries += 1
            await timed_reply(session, "", retry=True)
        await session.end("agent_ended")

    await asyncio.gather(*(one(session) for session in run.sessions))


async def audit(runtime: PracticeRuntime, run: FaultRun) -> dict:
    """What the store holds, compared with what the trainees did."""
    figures = Counter(sessions=len(run.sessions), retries=run.retries, pending_before=run.pending_before_recovery)
    for session in run.sessions:
        record = await runtime.store.load_session(session.session_id)
        stored = [turn.agent_text for turn in record.turns if turn.agent_text is not None]
        figures["turns_sent"] += len(run.sent[session.session_id])
        figures["turns_stored"] += len(stored)
        figures["turns_lost"] += sum(1 for text, kept in zip(run.sent[session.session_id], stored) if text != kept)
        figures["turns_lost"] += max(0, len(run.sent[session.session_id]) - len(stored))
        figures["unanswered"] += sum(1 for turn in record.turns if turn.customer_text is None)
        figures["completed"] += record.ended_at is not None and record.debrief is not None
        figures["llm_debriefs"] += record.debrief is not None and record.debrief.engine == "llm"
        figures["pending_after"] += sum(pending_criteria(turn.grade) for turn in record.turns)
        figures["cut_customer_messages"] += sum(
            1 for turn in record.turns for event in turn.guard_events if event.kind == "llm_error")
        figures["fallback_lines"] += sum(turn.customer_fallback for turn in record.turns)
    return dict(figures)


async def measure(base_url: str, sessions: int, turns: int, timeout_s: float) -> tuple[dict, list[str]]:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite+aiosqlite:///{Path(folder) / 'faults.db'}"
        async with practice_runtime(base_url, url, "hybrid", llm_timeout_s=timeout_s, turn_cap=turns + 1) as runtime:
            run = await play_through_faults(runtime, sessions, turns)
            post_control(base_url, down=True)
            await outage_turn(run)
            post_control(base_url, down=False, fault_rate=0.0)  # the endpoint recovers
            await recover_and_finish(run)
            return await audit(runtime, run), run.shown_errors


def main() -> None:
    parser = argparse.ArgumentParser(description="Sessions through a faulty LLM endpoint, then recovery.")
    parser.add_argument("--sessions", type=int, default=12)
    parser.add_argument("--turns", type=int, default=4,
                        help="replies before the outage (from the 5th on, a session may resolve and end)")
    parser.add_argument("--fault-rate", type=float, default=0.3)
    parser.add_argument("--timeout", type=float, default=1.0, help="the client's LLM timeout (BOT_LLM_TIMEOUT_S)")
    args = parser.parse_args()
    fake_args = ("--latency", "0.05", "--rate", "200", "--faults", str(args.fault_rate),
                 "--hang", str(args.timeout * 3))
    with spawn_fake_llm(*fake_args) as base_url:
        figures, shown = asyncio.run(measure(base_url, args.sessions, args.turns, args.timeout))
        injected = get_stats(base_url)["faults"]
    print(f"faults injected ({args.fault_rate:.0%} of calls while faulty): {injected}")
    print(f"sessions completed: {figures['completed']}/{figures['sessions']} "
          f"(LLM debrief: {figures['llm_debriefs']}, "
          f"offline debrief: {figures['completed'] - figures['llm_debriefs']})")
    print(f"turns sent {figures['turns_sent']}, stored {figures['turns_stored']}, lost {figures['turns_lost']}, "
          f"left without a customer answer {figures['unanswered']}")
    print(f"trainee told 'the customer could not answer' and pressed Retry: {figures['retries']} times; "
          f"customer messages cut short by a fault: {figures['cut_customer_messages']}; "
          f"fallback lines: {figures['fallback_lines']}")
    print(f"criteria owed by the judge (ungraded or left to the detectors): {figures['pending_before']} after "
          f"the outage turn, {figures['pending_after']} once the endpoint recovered and the sessions ended")
    if shown:
        print(f"example message shown to the trainee: {shown[0]}")


if __name__ == "__main__":
    main()
