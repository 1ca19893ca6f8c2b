"""The simulated customer: what it is told, and how its streamed reply is guarded (fake model)."""

from __future__ import annotations

import pytest

from bot.compose import Answering
from bot.customer import CustomerDone, CustomerDraft, CustomerVoice, build_messages, facts_to_reveal
from bot.domain import Message, Mood
from bot.errors import LLMUnavailable
from tests.session.helpers import make_grade

FURIOUS = Mood(anger=8, trust=2)
HISTORY = [Message(role="customer", text="Three days without internet."),
           Message(role="agent", text="Three days offline must be awful. What have you tried so far?")]


def test_messages_put_the_persona_in_the_system_prompt_and_the_customer_as_assistant(prompts, dana, rubric):
    messages = build_messages(prompts, dana, FURIOUS, HISTORY, dana.hidden_facts[:1], "Stay upset.")
    system, opening, agent = messages
    assert (system.type, opening.type, agent.type) == ("system", "ai", "human")
    assert dana.name in system.content and "furious" in system.content
    assert dana.lines["furious"][0] in system.content  # few-shot lines of the current band
    assert dana.lines["calm"][0] not in system.content
    assert dana.hidden_facts[0].fact in system.content and "Stay upset." in system.content
    assert rubric.criteria[0].name not in system.content  # the customer never sees the rubric


def test_hidden_facts_need_an_open_question_touching_their_words(rubric, dana):
    open_grade = make_grade(rubric, {"open_questions": "open"})
    closed_grade = make_grade(rubric, {"open_questions": "closed"})
    question = "What have the lights on the router been doing?"
    assert [f.topic for f in facts_to_reveal(dana, open_grade, question, set())] == ["the router lights"]
    assert facts_to_reveal(dana, closed_grade, "Are the router lights on?", set()) == []
    assert facts_to_reveal(dana, open_grade, question, {"the router lights"}) == []
    assert facts_to_reveal(dana, open_grade, "What would make this right for you?", set()) == []


async def _speak(voice, persona, history=HISTORY, mood=FURIOUS):
    events = [event async for event in voice.speak(persona, mood, history, Answering())]
    drafts = [e.text for e in events if isinstance(e, CustomerDraft)]
    done = events[-1]
    assert isinstance(done, CustomerDone) and sum(isinstance(e, CustomerDone) for e in events) == 1
    return drafts, done


async def test_a_good_reply_is_released_sentence_by_sentence(model, prompts, dana):
    model.enqueue("I restarted it five times. The light is still orange!")
    drafts, done = await _speak(CustomerVoice(model, prompts), dana)
    assert drafts == ["I restarted it five times.", "I restarted it five times. The light is still orange!"]
    assert (done.text, done.fallback, done.guard_events) == (drafts[-1], False, [])


async def test_role_prefix_and_quotes_are_stripped_and_a_fake_agent_turn_is_cut(model, prompts, dana):
    model.enqueue('Customer: "Just fix it." Agent: I am so sorry, let me check.')
    _, done = await _speak(CustomerVoice(model, prompts), dana)
    assert done.text == "Just fix it." and done.guard_events == []


async def test_a_later_bad_sentence_ends_the_message_with_what_was_shown(model, prompts, dana):
    model.enqueue("This is the third time I'm calling. How can I help you today?")
    drafts, done = await _speak(CustomerVoice(model, prompts), dana)
    assert done.text == "This is the third time I'm calling." == drafts[-1]
    assert [e.kind for e in done.guard_events] == ["role_reversal"] and not done.fallback
    assert len(model.calls) == 1


async def test_a_bad_first_sentence_is_regenerated_unseen(model, prompts, dana):
    model.enqueue("Thank you for calling Brightline, how may I assist you?", "Nobody has fixed anything.")
    drafts, done = await _speak(CustomerVoice(model, prompts), dana)
    assert drafts == ["Nobody has fixed anything."] and done.text == drafts[-1]
    assert [(e.kind, e.attempt) for e in done.guard_events] == [("role_reversal", 1)]


async def test_after_the_attempts_the_customer_says_an_unused_persona_line(model, prompts, dana):
    model.enqueue("As an AI language model, I can't be angry.", "We apologize for the inconvenience.")
    already_said = dana.lines["furious"][0]
    history = [*HISTORY, Message(role="customer", text=already_said), Message(role="agent", text="Okay.")]
    drafts, done = await _speak(CustomerVoice(model, prompts), dana, history)
    assert done.fallback and done.text == dana.lines["furious"][1]
    assert drafts == []  # nothing generated was shown
    assert [(e.kind, e.attempt) for e in done.guard_events] == [("fourth_wall", 1), ("role_reversal", 2)]


async def test_repeating_an_earlier_line_is_caught(model, prompts, dana):
    model.enqueue("Three days without internet!", "I want a technician here tomorrow.")
    _, done = await _speak(CustomerVoice(model, prompts), dana)
    assert done.text == "I want a technician here tomorrow."
    assert done.guard_events[0].kind == "repetition"


async def test_an_unfinished_last_sentence_is_dropped(model, prompts, dana):
    model.enqueue("I have a deadline tomorrow. And if this isn't sorted by")
    _, done = await _speak(CustomerVoice(model, prompts), dana)
    assert done.text == "I have a deadline tomorrow."
    assert [e.kind for e in done.guard_events] == ["cut_off"]


async def test_a_single_sentence_without_a_full_stop_is_a_whole_message(model, prompts, dana):
    model.enqueue("whatever just fix it")
    _, done = await _speak(CustomerVoice(model, prompts), dana)
    assert (done.text, done.guard_events) == ("whatever just fix it", [])


async def test_rambling_is_cut_before_the_limit(model, prompts, dana):
    model.enqueue(
        "I work from home as a designer and my clients expect their files on time, so on Monday when the "
        "connection dropped in the middle of an upload I restarted the router, then I called you, then I "
        "restarted it again because that is what your colleague told me to do on the phone. Tuesday was no "
        "better, and I spent the whole afternoon in a café paying for coffee just to use their network, and "
        "yesterday I missed a deadline that was worth four hundred dollars to me, which is more than I pay "
        "you in half a year for this so-called fibre service of yours."
    )
    _, done = await _speak(CustomerVoice(model, prompts), dana)
    assert 0 < len(done.text) <= 420 and done.text.endswith(".")
    assert [e.kind for e in done.guard_events] == ["too_long"]


async def test_empty_output_is_regenerated(model, prompts, dana):
    model.enqueue("  ", "Fine. Book it.")
    _, done = await _speak(CustomerVoice(model, prompts), dana)
    assert done.text == "Fine. Book it." and [e.kind for e in done.guard_events] == ["empty"]


async def test_a_model_failure_before_anything_was_shown_propagates(model, prompts, dana):
    model.enqueue_error(LLMUnavailable("The LLM endpoint is unavailable"))
    with pytest.raises(LLMUnavailable):
        await _speak(CustomerVoice(model, prompts), dana)


async def test_a_model_failure_on_the_second_attempt_falls_back(model, prompts, dana):
    model.enqueue("How can I help?").enqueue_error(LLMUnavailable("down"))
    _, done = await _speak(CustomerVoice(model, prompts), dana)
    assert done.fallback and [e.kind for e in done.guard_events] == ["role_reversal", "llm_error"]


async def test_the_customer_stops_after_three_sentences(model, prompts, dana):
    model.enqueue("One day. Two days. Three days! And now a fourth sentence that nobody asked for.")
    _, done = await _speak(CustomerVoice(model, prompts), dana)
    assert (done.text, done.guard_events) == ("One day. Two days. Three days!", [])


async def test_when_every_band_line_was_said_a_line_of_the_nearest_band_comes(model, prompts, dana):
    furious = dana.lines["furious"]
    history = [Message(role=role, text=text) for line in furious
               for role, text in (("customer", line), ("agent", "Okay."))]
    model.enqueue("How can I help?", "We apologize.")
    _, done = await _speak(CustomerVoice(model, prompts), dana, history)
    assert done.fallback and done.text == dana.lines["annoyed"][0]  # not an insult: she is not abusive


async def test_when_every_line_was_said_the_oldest_of_the_band_comes_back(model, prompts, dana):
    furious = dana.lines["furious"]
    every_line = [line for band, lines in dana.lines.items() if band != "furious" for line in lines]
    history = [Message(role=role, text=text) for line in [*furious[1:], *every_line, furious[0]]
               for role, text in (("customer", line), ("agent", "Okay."))]
    model.enqueue("How can I help?", "We apologize.")
    _, done = await _speak(CustomerVoice(model, prompts), dana, history)
    assert done.fallback and done.text == furious[1]


async def test_a_fallback_still_tells_the_fact_the_agent_earned(model, prompts, dana):
    model.enqueue("How can I help?", "We apologize.")
    fact = dana.hidden_facts[0]
    events = [e async for e in CustomerVoice(model, prompts).speak(dana, FURIOUS, HISTORY, Answering(reveal=[fact]))]
    assert events[-1].fallback and events[-1].text == fact.fact
