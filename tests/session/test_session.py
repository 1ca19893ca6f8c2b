"""The session core end to end: fake customer model, stand-in grader, in-memory and SQLite stores."""

from __future__ import annotations

import asyncio

import pytest

from bot.customer import CustomerDraft
from bot.domain import Debrief, Mood
from bot.errors import InputError, LLMUnavailable
from bot.grading.offline import OfflineGrader
from bot.ports import MemoryStore
from bot.session import CustomerMessage, Ended, Graded
from bot.store import opened_store
from tests.session.helpers import CALM_REPLY_LEVELS, POOR_REPLY_LEVELS, QueuedGrader, with_temperament

EMPATHY = "Three days offline when you work from home is lost income. What has happened so far?"
NEXT_STEP = "I'll book the earliest technician visit and send you the reference number now."


async def _events(session, text):
    return [event async for event in session.reply(text)]


def _kinds(events):
    return [type(e).__name__ for e in events]


async def test_start_saves_the_opening_as_turn_zero(make_session, dana):
    session = make_session(dana)
    opening = await session.start()
    stored = (await session.store.load_session(session.session_id)).turns
    assert stored == [opening]
    assert opening.agent_text is None and opening.customer_text in dana.opening_lines
    assert opening.mood == dana.start_mood


async def test_a_reply_is_graded_moves_the_mood_and_gets_an_answer(make_session, dana, model):
    session = make_session(dana, CALM_REPLY_LEVELS)
    await session.start()
    model.enqueue("I called twice. Nobody came.")
    events = await _events(session, f"  {EMPATHY}  ")
    assert _kinds(events) == ["Graded", "CustomerDraft", "CustomerDraft", "CustomerMessage"]
    graded, final = events[0], events[-1]
    assert graded.turn.mood == Mood(anger=dana.start_mood.anger - 3, trust=dana.start_mood.trust + 2)
    assert any("specific empathy" in reason for reason in graded.reasons)
    turn = (await session.store.load_session(session.session_id)).turns[1]
    assert (turn.agent_text, turn.customer_text) == (EMPATHY, "I called twice. Nobody came.")
    assert turn == final.turn and turn.grade.engine == "stand-in" and turn.grading_ms is not None


async def test_the_grader_sees_the_reply_in_its_context(make_session, dana, model):
    session = make_session(dana)
    opening = await session.start()
    model.enqueue("Nobody came.")
    await _events(session, EMPATHY)
    item = session.mood_grader.items[0]
    assert [m.text for m in item.history] == [opening.customer_text]
    assert item.reply == EMPATHY and item.context.policy == dana.policy_text
    assert dana.name in item.context.persona and "furious" in item.context.persona


async def test_an_open_question_about_a_hidden_fact_reveals_it(make_session, dana, model):
    session = make_session(dana, CALM_REPLY_LEVELS)
    await session.start()
    model.enqueue("It's blinking orange.")
    events = await _events(session, "I'm sorry. What are the lights on the router doing?")
    assert events[0].turn.revealed_facts == ["the router lights"]
    assert dana.hidden_facts[0].fact in model.calls[-1][0].content


@pytest.mark.parametrize(
    ("text", "problem"),
    [("   ", "empty"), ("x" * 201, "201 characters long; the limit is 200")],
)
async def test_bad_input_is_refused_and_nothing_is_saved(make_session, dana, text, problem):
    session = make_session(dana)
    await session.start()
    with pytest.raises(InputError, match=problem):
        await _events(session, text)
    assert len((await session.store.load_session(session.session_id)).turns) == 1


async def test_a_customer_failure_keeps_the_agent_turn_and_retry_answers_it(make_session, dana, model):
    session = make_session(dana)
    await session.start()
    model.enqueue_error(LLMUnavailable("The LLM endpoint is unavailable"))
    seen = []
    with pytest.raises(LLMUnavailable):
        async for event in session.reply(EMPATHY):
            seen.append(event)
    assert _kinds(seen) == ["Graded"]
    saved = (await session.store.load_session(session.session_id)).turns[1]
    assert saved.agent_text == EMPATHY and saved.customer_text is None and saved.grade is not None

    with pytest.raises(InputError, match="has not answered"):
        await _events(session, "Hello?")
    model.enqueue("Finally. Nobody came.")
    events = [event async for event in session.retry_customer()]
    assert isinstance(events[-1], CustomerMessage) and events[-1].turn.customer_text == "Finally. Nobody came."
    assert (await session.store.load_session(session.session_id)).turns[1].customer_text == "Finally. Nobody came."
    with pytest.raises(InputError, match="no customer message to retry"):
        [event async for event in session.retry_customer()]


async def test_turn_cap_ends_the_session_with_a_debrief(make_session, dana, model, rubric):
    built = []

    def debrief(persona, rubric_, turns):
        built.append(turns)
        return Debrief(overall=50.0, per_criterion={}, mood_curve=[t.mood for t in turns], strengths=[],
                       improvements=[], summary="ok", engine="stand-in")

    session = make_session(dana, {**CALM_REPLY_LEVELS, "empathy": "generic", "open_questions": None},
                           turn_cap=2, debrief=debrief)
    await session.start()
    model.enqueue("Hmm.", "Fine, goodbye.")
    assert "Ended" not in _kinds(await _events(session, "Okay."))
    events = await _events(session, "Okay then.")
    assert isinstance(events[-1], Ended) and events[-1].reason == "turn_cap"
    assert "last message" in model.calls[-1][0].content  # the customer was told it is the end
    record = await session.store.load_session(session.session_id)
    assert record.end_reason == "turn_cap" and record.debrief == events[-1].debrief
    assert [len(turns) for turns in built] == [3]
    with pytest.raises(InputError, match="has ended"):
        await _events(session, "Are you still there?")


async def test_poor_replies_escalate_to_a_supervisor(make_session, dana, model):
    session = make_session(dana, POOR_REPLY_LEVELS)
    await session.start()
    model.enqueue("I want your supervisor. Now.")
    events = await _events(session, "Calm down, that's our policy.")
    assert events[0].turn.mood.anger == 10
    assert (events[-1].reason, events[-2].turn.customer_text) == ("escalated", "I want your supervisor. Now.")
    assert "supervisor" in model.calls[-1][0].content


async def test_calm_trust_and_a_next_step_resolve(make_session, dana, model):
    session = make_session(dana, CALM_REPLY_LEVELS)
    await session.start()
    model.enqueue("Okay, that helps.", "Thank you, that works for me.")
    await _events(session, EMPATHY)
    events = await _events(session, NEXT_STEP)
    assert events[0].turn.mood == Mood(anger=0, trust=8)  # the "technician" soother helps too
    assert events[-1].reason == "resolved"


async def test_an_abusive_customer_who_hangs_up_after_a_boundary(make_session, brett, model):
    persona = with_temperament(brett, anger=9, on_boundary="hangs_up", hangs_up_at=None)
    boundary_but_trigger = {"empathy": "none", "boundary_setting": "set", "trigger_phrases": "trigger"}
    session = make_session(persona, boundary_but_trigger)
    await session.start()
    model.enqueue("Whatever, you clown.", "I'm hanging up.")
    first = await _events(session, "I want to help, and I need us to keep it respectful.")
    assert "warned you" in model.calls[0][0].content and "Ended" not in _kinds(first)
    assert first[0].turn.mood.band(persona.temperament.abusive_at).value == "abusive"
    second = await _events(session, "I won't accept insults, sir.")
    assert second[-1].reason == "hung_up" and "hanging up" in model.calls[1][0].content


async def test_the_agent_can_end_the_session(make_session, dana, model):
    session = make_session(dana)
    await session.start()
    ended = await session.end()
    assert (ended.reason, ended.debrief) == ("agent_ended", None)
    assert (await session.store.load_session(session.session_id)).end_reason == "agent_ended"


async def test_a_refining_grader_replaces_the_stored_grade_without_delaying_the_customer(make_session, dana, model,
                                                                                         rubric):
    release = asyncio.Event()

    class SlowJudge(QueuedGrader):
        async def grade(self, item, rubric_):
            await release.wait()
            return await super().grade(item, rubric_)

    judge = SlowJudge(rubric, POOR_REPLY_LEVELS, engine="judge")
    session = make_session(dana, CALM_REPLY_LEVELS, refining_grader=judge)
    await session.start()
    model.enqueue("Nobody came.")
    events = await _events(session, EMPATHY)  # returns while the judge is still blocked
    assert isinstance(events[-1], CustomerMessage)
    assert (await session.store.load_session(session.session_id)).turns[1].grade.engine == "stand-in"
    release.set()
    await session.settle()
    stored = (await session.store.load_session(session.session_id)).turns[1]
    assert stored.grade.engine == "judge" and stored.grade.level("empathy") == "none"
    assert stored.mood == events[0].turn.mood  # the mood never changes after the fact
    assert stored.customer_text == "Nobody came."


async def test_a_refining_grader_gets_the_offline_grade_that_moved_the_mood(make_session, dana, model, rubric):
    class RefiningJudge(QueuedGrader):
        """Like the hybrid engine: given the offline grade, it need not run the detectors again."""

        async def refine(self, item, rubric_, offline):
            self.refined.append(offline)
            return await self.grade(item, rubric_)

    judge = RefiningJudge(rubric, POOR_REPLY_LEVELS, engine="judge")
    judge.refined = []
    session = make_session(dana, mood_grader=OfflineGrader(), refining_grader=judge)
    await session.start()
    model.enqueue("Nobody came.")
    await _events(session, EMPATHY)
    await session.refinements_done()
    assert judge.refined == [await OfflineGrader().grade(judge.items[0], rubric)]
    assert (await session.store.load_session(session.session_id)).turns[1].grade.engine == "judge"


async def test_the_session_persists_to_the_sql_store(make_session, dana, model, tmp_path):
    async with opened_store(f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}") as store:
        user = await store.add_user("trainee", "agent")
        session = make_session(dana, CALM_REPLY_LEVELS, store=store, user_id=user.id)
        await session.start()
        model.enqueue_error(LLMUnavailable("down"))
        with pytest.raises(LLMUnavailable):
            await _events(session, EMPATHY)
        record = await store.load_session(session.session_id)
        assert [t.agent_text for t in record.turns] == [None, EMPATHY]
        assert record.turns[1].grade.level("empathy") == "specific"
        assert record.turns[1].mood == session.turns[1].mood


async def test_a_resumed_session_can_retry_the_missing_customer_answer_and_go_on(make_session, dana, model):
    store = MemoryStore()
    first = make_session(dana, CALM_REPLY_LEVELS, store=store)
    await first.start()
    model.enqueue_error(LLMUnavailable("down"))
    with pytest.raises(LLMUnavailable):
        await _events(first, "I'm sorry. What are the lights on the router doing?")

    later = make_session(dana, CALM_REPLY_LEVELS, store=store)  # e.g. after an app restart
    later.resume(await store.load_session(first.session_id))
    model.enqueue("Blinking orange since Monday.", "Okay.")
    events = [event async for event in later.retry_customer()]
    assert events[-1].turn.customer_text == "Blinking orange since Monday."
    assert dana.hidden_facts[0].fact in model.calls[-1][0].content  # the earned fact survived the restart
    assert _kinds(await _events(later, "Thank you. Anything else?"))[-1] == "CustomerMessage"
    assert [t.index for t in (await store.load_session(first.session_id)).turns] == [0, 1, 2]
