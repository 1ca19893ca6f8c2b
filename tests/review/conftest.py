"""Review fixtures: the store on SQLite (and PostgreSQL with BOT_TEST_DATABASE_URL), the default rubric, and a
graded session built from domain objects the way the session core writes it."""

from __future__ import annotations

import pytest

from bot.config import PROJECT_ROOT
from bot.domain import CriterionGrade, Debrief, GuardEvent, Mood, Persona, ReplyGrade, Rubric, Turn
from bot.files import load_persona, load_rubric
from bot.store import SqlStore
from tests.store.conftest import store, store_url  # noqa: F401  the same fixtures as the store's own tests

REPLY_1 = "Three days offline when you work from home is awful. What happened when the technician didn't show?"
REPLY_2 = "Calm down, that's our policy."


@pytest.fixture(scope="session")
def rubric() -> Rubric:
    return load_rubric(PROJECT_ROOT / "rubrics" / "deescalation.yaml")


@pytest.fixture(scope="session")
def persona() -> Persona:
    return load_persona(PROJECT_ROOT / "personas" / "isp-dana.yaml")


def graded(levels: dict[str, str | None], evidence: dict[str, str] | None = None) -> ReplyGrade:
    evidence = evidence or {}
    return ReplyGrade(
        criteria={cid: CriterionGrade(criterion=cid, status="graded" if level else "not_applicable", level=level,
                                      evidence=evidence.get(cid), engine="detectors", reason=f"rule for {cid}")
                  for cid, level in levels.items()},
        engine="offline", rubric_id="deescalation", rubric_version="1",
    )


def session_turns(reply_1: str = REPLY_1, reply_2: str = REPLY_2) -> list[Turn]:
    return [
        Turn(index=0, agent_text=None, mood=Mood(anger=8, trust=2), customer_text="My internet has been down 3 days!"),
        Turn(index=1, agent_text=reply_1, mood=Mood(anger=6, trust=4), customer_text="The technician never came.",
             grade=graded({"empathy": "specific", "open_questions": "open", "promises": "realistic",
                           "boundary_setting": None, "trigger_phrases": "clean"},
                          {"empathy": "Three days offline when you work from home",
                           "open_questions": "What happened when the technician didn't show?"})),
        Turn(index=2, agent_text=reply_2, mood=Mood(anger=9, trust=1), customer_text="Unbelievable.",
             customer_fallback=True,
             guard_events=[GuardEvent(kind="role_reversal", detail="spoke as the agent",
                                      rejected_text="How may I help you today?", attempt=1)],
             grade=graded({"empathy": "none", "open_questions": None, "promises": "realistic",
                           "boundary_setting": None, "trigger_phrases": "trigger"},
                          {"trigger_phrases": "Calm down"})),
    ]


async def graded_session(store: SqlStore, user_id: str, *, persona_id: str = "isp-dana", overall: float = 55.0,
                         turns: list[Turn] | None = None) -> str:
    session_id = await store.start_session(user_id=user_id, persona_id=persona_id, rubric_id="deescalation",
                                           mode="coach")
    for turn in turns or session_turns():
        await store.save_turn(session_id, turn)
    await store.save_debrief(session_id, Debrief(
        overall=overall, per_criterion={"empathy": 50.0}, mood_curve=[t.mood for t in turns or session_turns()],
        strengths=[], improvements=[], summary="Strong start; the policy line undid it.", engine="offline",
    ))
    await store.end_session(session_id, "hung_up")
    return session_id
