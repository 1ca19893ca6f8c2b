"""The composed customer (the embedded model's): which of the persona's lines answer which agent reply."""

from __future__ import annotations

import random

import pytest

from bot.compose import Answering, commits, compose
from bot.customer import CustomerDone, CustomerVoice
from bot.domain import Message, Mood, Reactions
from bot.llm import ChatModels, Endpoint
from bot.session import CustomerMessage
from tests.session.helpers import make_grade

FURIOUS, ANNOYED, CALM_TRUSTING = Mood(anger=8, trust=2), Mood(anger=5, trust=3), Mood(anger=2, trust=7)
# One line per kind, named after it, so a test reads which kind answered.
MARKED = Reactions(**{kind: [f"{kind.upper()}."] for kind in Reactions.model_fields})


@pytest.fixture
def marked(dana):
    """Dana with marked reaction lines and no trigger or soother lines."""
    return dana.model_copy(update={"reactions": MARKED, "triggers": [], "soothers": []})


def answer(persona, rubric, text, levels=None, mood=ANNOYED, earlier=(), **situation):
    grade = make_grade(rubric, levels or {}) if levels is not None else None
    return compose(persona, mood, list(earlier), Answering(agent_text=text, grade=grade, **situation))


@pytest.mark.parametrize(
    ("levels", "text", "said"),
    [
        ({"trigger_phrases": "trigger"}, "That's our policy.", "BRUSHED_OFF."),
        ({"promises": "unkeepable"}, "It will be fixed today, guaranteed.", "EMPTY_PROMISE."),
        ({"empathy": "specific", "trigger_phrases": "trigger"}, "Losing work is awful, but calm down.",
         "BRUSHED_OFF."),  # the brush-off is what they hear
        ({"empathy": "generic"}, "I understand your frustration. Can I have your account number, please?",
         "PLATITUDE. ASKED_DETAILS."),
        ({"open_questions": "closed"}, "Have you checked the cables?", "ASKED_YES_NO."),
        ({"open_questions": "closed"}, "When did it start?", "ASKED_OPEN."),  # the question's form decides
        ({"open_questions": "open"}, "Can you walk me through what happened?", "ASKED_OPEN."),
        ({}, "I'll book a visit for Thursday and email you the details.", "NEXT_STEP."),
        ({"empathy": "specific"}, "I can hear how much this matters.", "HEARD."),  # hearing is no next step
        ({"trigger_phrases": "trigger"}, "That's our policy, but I'll pass it on.", "BRUSHED_OFF."),  # nothing grateful
        ({"open_questions": "closed"}, "Is there anything else I can help with?", "BRUSHED_OFF."),
        ({}, "Okay.", None),  # nothing to react to: a line of the mood band
    ],
)
def test_the_reply_decides_which_lines_answer_it(marked, rubric, levels, text, said):
    assert answer(marked, rubric, text, levels) == (said or marked.lines["annoyed"][0])


def test_anything_else_is_a_goodbye_to_a_calm_trusting_customer(marked, rubric):
    text = "Is there anything else I can help with?"
    assert answer(marked, rubric, text, {"open_questions": "closed"}, mood=CALM_TRUSTING) == "RESOLVED."


def test_an_earned_fact_is_told_after_the_reaction(marked, rubric):
    fact = marked.hidden_facts[0]
    said = answer(marked, rubric, "What are the router lights doing?", {"open_questions": "open"}, reveal=[fact])
    assert said == fact.fact
    said = answer(marked, rubric, "That sounds awful. What are the router lights doing?",
                  {"empathy": "specific", "open_questions": "open"}, reveal=[fact])
    assert said == f"HEARD. {fact.fact}"


def test_a_reaction_that_makes_the_message_too_long_is_left_out(marked, rubric):
    fact = marked.hidden_facts[2]  # two sentences
    wordy = marked.model_copy(update={"reactions": MARKED.model_copy(update={"heard": ["Thanks. Really. Truly."]})})
    said = answer(wordy, rubric, "So sorry. What happened before?", {"empathy": "specific"}, reveal=[fact])
    assert said == fact.fact


@pytest.mark.parametrize(
    ("ending", "mood", "said"),
    [("escalated", FURIOUS, "ESCALATED."), ("hung_up", FURIOUS, "HUNG_UP."),
     ("resolved", CALM_TRUSTING, "RESOLVED."), ("turn_cap", CALM_TRUSTING, "RESOLVED."),
     ("turn_cap", ANNOYED, "UNRESOLVED.")],
)
def test_the_last_message_fits_how_the_chat_ended(marked, rubric, ending, mood, said):
    assert answer(marked, rubric, "I'll send the confirmation now.", {}, mood=mood, ending=ending) == said


def test_insults_while_abusive_and_backing_down_after_a_boundary_that_worked(brett, rubric):
    abusive, calmer = Mood(anger=9, trust=1), Mood(anger=6, trust=2)
    assert answer(brett, rubric, "Please stay respectful.", {}, mood=abusive, boundary=0) in brett.lines["abusive"]
    assert answer(brett, rubric, "Please stay respectful.", {}, mood=calmer, boundary=1) == brett.reactions.boundary[0]


def test_the_persona_own_words_for_a_trigger_or_soother(dana, rubric):
    said = answer(dana, rubric, "Have you tried restarting the router?", {"open_questions": "closed"})
    assert said == dana.triggers[0].says[0]
    said = answer(dana, rubric, "I can book a technician for Thursday.", {})
    assert said == dana.soothers[0].says[0]


def test_no_line_is_said_twice(marked, rubric):
    levels = {"trigger_phrases": "trigger"}
    assert answer(marked, rubric, "Calm down.", levels, earlier=["Hi.", "BRUSHED_OFF."]) == marked.lines["annoyed"][0]


def test_a_random_pick_varies_the_lines_but_never_repeats_one(dana, rubric):
    """The session picks among the lines not said yet at random: two seeds, two conversations, no repeats."""
    def brushed_off_three_times(seed: int) -> list[str]:
        rng, said = random.Random(seed), []
        for _ in range(3):
            said.append(answer(dana, rubric, "That's our policy.", {"trigger_phrases": "trigger"}, earlier=said,
                               pick=rng.choice))
        return said

    runs = [brushed_off_three_times(seed) for seed in range(6)]
    assert all(len(set(run)) == 3 for run in runs)
    assert len({tuple(run) for run in runs}) > 1


def test_a_persona_without_reactions_answers_with_facts_and_band_lines(dana, rubric):
    older = dana.model_copy(update={"reactions": Reactions(), "triggers": [], "soothers": []})
    fact = dana.hidden_facts[1]
    assert answer(older, rubric, "How has this affected your work?", {"open_questions": "open"},
                  reveal=[fact]) == fact.fact
    assert answer(older, rubric, "That's our policy.", {"trigger_phrases": "trigger"}) == dana.lines["annoyed"][0]
    assert answer(older, rubric, "Sorted.", {}, ending="resolved") == dana.lines["annoyed"][0]


@pytest.mark.parametrize(
    ("text", "commits_to_act"),
    [("I'll book the visit.", True), ("Let me check the line.", True), ("I can definitely send it today.", True),
     ("I can hear how much it matters.", False), ("Is there anything else I can help with?", False),
     ("I'll be honest with you.", False)],
)
def test_what_counts_as_a_commitment(text, commits_to_act):
    assert commits(text) is commits_to_act


async def test_the_composed_voice_never_calls_the_model(model, prompts, dana):
    voice = CustomerVoice(model, prompts, composed=True)
    history = [Message(role="customer", text="Three days."), Message(role="agent", text="That's our policy.")]
    events = [e async for e in voice.speak(dana, FURIOUS, history, Answering(agent_text="That's our policy."))]
    assert len(events) == 1 and isinstance(events[0], CustomerDone)
    assert not events[0].fallback and events[0].text in dana.lines["furious"] and model.calls == []


def test_the_embedded_endpoint_composes_and_a_capable_one_generates(model, prompts):
    def voice(embedded: bool) -> CustomerVoice:
        endpoint = Endpoint(base_url="http://x/v1", api_key="-", label="x", embedded=embedded)
        return CustomerVoice.for_models(ChatModels(model, model, model, endpoint), prompts)

    assert voice(embedded=True).composed and not voice(embedded=False).composed
    assert not voice(embedded=False).topic_check


async def test_a_composed_session_answers_a_brush_off_in_context(make_session, dana, model, prompts):
    session = make_session(dana, {"trigger_phrases": "trigger"})
    session.customer = CustomerVoice(model, prompts, composed=True)
    await session.start()
    events = [e async for e in session.reply("Calm down, that's our policy.")]
    turn = next(e for e in events if isinstance(e, CustomerMessage)).turn
    # composed by design: no model call, and not a fallback (reviewers see no "model fallback" note)
    assert turn.customer_text in dana.reactions.brushed_off and not turn.customer_fallback
    assert model.calls == []
