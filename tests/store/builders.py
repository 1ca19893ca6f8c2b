"""Domain objects for store tests, with every optional field exercised."""

from __future__ import annotations

from bot.domain import CriterionGrade, Debrief, GuardEvent, Improvement, Mood, ReplyGrade, Strength, Turn


def reply_grade(empathy_level: str = "specific", *, engine: str = "hybrid") -> ReplyGrade:
    return ReplyGrade(
        criteria={
            "empathy": CriterionGrade(criterion="empathy", status="graded", level=empathy_level,
                                      score=2.0 if empathy_level == "specific" else 1.0,
                                      evidence="three days offline", engine="detectors", reason="names the impact"),
            "open_questions": CriterionGrade(criterion="open_questions", status="not_applicable", engine="detectors",
                                             reason="asks nothing"),
            "promises": CriterionGrade(criterion="promises", status="ungraded", engine="judge",
                                       reason="judge output was not valid JSON"),
        },
        engine=engine,
        model="smollm2-135m",
        rubric_id="deescalation",
        rubric_version="1.0",
        prompt_version="judge-v2",
        disagreements=["empathy"],
    )


def turn(index: int, *, grade: ReplyGrade | None = None, anger: int = 7, trust: int = 2) -> Turn:
    return Turn(
        index=index,
        agent_text=None if index == 0 else f"agent reply {index}: three days offline, that hurts",
        grade=grade,
        mood=Mood(anger=anger, trust=trust),
        customer_text=f"customer says {index}",
        customer_fallback=index == 2,
        guard_events=[GuardEvent(kind="role_reversal", detail="spoke as the agent", rejected_text="How can I help?",
                                 attempt=1)] if index == 1 else [],
        revealed_facts=["router model"] if index == 1 else [],
        customer_ms=812.5,
        grading_ms=None if grade is None else 40.25,
    )


def debrief(overall: float | None = 72.5) -> Debrief:
    return Debrief(
        overall=overall,
        per_criterion={"empathy": 80.0, "open_questions": None},
        mood_curve=[Mood(anger=8, trust=2), Mood(anger=5, trust=5)],
        strengths=[Strength(criterion="empathy", turn=1, quote="three days offline", why="specific")],
        improvements=[Improvement(criterion="open_questions", turn=1, quote="agent reply 1", better="What happened?",
                                  why="invites the story")],
        summary="Good empathy; ask more.",
        engine="offline",
    )
