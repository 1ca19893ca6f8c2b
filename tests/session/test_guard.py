"""The adherence guard: its text functions, no false alarms on the personas' own lines, and real bad
outputs of the embedded model (guard_cases.yaml) caught as they stream."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.compose import Answering
from bot.customer import CustomerDone, CustomerVoice, guard_context, persona_lines
from bot.domain import Message, Mood
from bot.guard import clean, first_problem, split_sentences
from tests.fakes import FakeChatModel

CASES = yaml.safe_load((Path(__file__).parent / "guard_cases.yaml").read_text())
NEXT_ATTEMPT = "Just get me someone who can fix it."


@pytest.mark.parametrize(
    ("raw", "text", "cut"),
    [
        ('Customer: "I want my money back!"', "I want my money back!", False),
        ("**Dana Okafor**: This is a joke.", "This is a joke.", False),
        ("Fine. Agent: I'm so sorry to hear that.", "Fine.", True),
        ("No.\nBrightline Support: We apologise.", "No.", True),
        ("Note: I paid on time.", "Note: I paid on time.", False),  # a label mid-speech is not a new turn
        ("Time is money: mine.", "Time is money: mine.", False),
    ],
)
def test_clean_strips_prefixes_and_cuts_a_fake_next_turn(raw, text, cut):
    assert clean(raw, "Dana Okafor") == (text, cut)


def test_sentences_complete_only_once_followed_by_space_while_streaming():
    assert split_sentences("It cost $3.5 million. Really", final=False) == (["It cost $3.5 million."], "Really")
    assert split_sentences("Seriously?!", final=False) == ([], "Seriously?!")
    assert split_sentences("Seriously?!", final=True) == (["Seriously?!"], "")


def test_no_persona_line_trips_the_guard(personas):
    for persona in personas.values():
        for line in persona_lines(persona):
            assert first_problem(line, guard_context(persona, [])) is None, f"{persona.id}: {line}"


def test_only_customers_whose_lines_apologise_may_apologise(personas):
    apologetic = [p.id for p in personas.values() if guard_context(p, []).may_apologise]
    assert "bank-eleanor" in apologetic and "isp-dana" not in apologetic
    sorry = "Sorry, but this is the third time I'm asking."
    assert first_problem(sorry, guard_context(personas["bank-eleanor"], [])) is None
    assert first_problem(sorry, guard_context(personas["isp-dana"], [])).kind == "role_reversal"


@pytest.mark.parametrize("case", CASES, ids=[f"{c['persona']}-{c['kind']}-{i}" for i, c in enumerate(CASES)])
async def test_real_embedded_output_is_guarded(case, personas, prompts):
    history = [Message(role=role, text=text) for text in case.get("earlier", ["Hello?"])
               for role, text in (("customer", text), ("agent", "I see."))]
    model = FakeChatModel().enqueue(case["raw"], NEXT_ATTEMPT)
    voice = CustomerVoice(model, prompts)
    events = [e async for e in voice.speak(personas[case["persona"]], Mood(anger=8, trust=2), history, Answering())]
    done = events[-1]
    assert isinstance(done, CustomerDone)
    kinds = [event.kind for event in done.guard_events]
    assert (kinds[0] if kinds else "none") == case["kind"]
    assert done.text == (case["shown"] or NEXT_ATTEMPT)


@pytest.mark.parametrize(
    ("persona_id", "text", "kind"),
    [
        ("isp-dana", "Please go ahead and give me a quick message.", "off_topic"),  # about nothing in her case
        ("isp-dana", "Three days and the router still blinks orange.", None),  # her case, in new words
        ("isp-dana", "No, no.", None),  # too short to be about anything: an outburst
        ("airline-brett", "You're a total moron, and I'm sure you've done your part.", None),  # an insult is on topic
        ("utility-stan", "You're going to have to do your job and you're going to have to do it now.", "incoherent"),
        ("airline-brett", "No hate, just a joke. Brighton,\n\nHow's it going?", "incoherent"),
        ("software-marcus", "I'll keep your payment details with us.", "role_reversal"),
        ("isp-dana", "You can check the status page for updates.", "role_reversal"),
    ],
)
def test_a_sentence_must_be_about_the_case_and_hold_together(personas, persona_id, text, kind):
    problem = first_problem(text, guard_context(personas[persona_id], []))
    assert (problem.kind if problem else None) == kind


def test_the_bench_check_takes_every_persona_line_as_in_character(personas):
    from bench.voice_check import persona_words, verdict  # the bench's independent judge of what was shown

    for persona in personas.values():
        for line in persona_words(persona):
            assert verdict(line, persona) == "", f"{persona.id}: {line}"
    assert verdict("I'll keep your payment details with us.", personas["software-marcus"]).startswith("agent voice")


def test_a_sentence_parroting_the_agent_is_not_shown(personas):
    marcus = personas["software-marcus"]
    agent = "I'll email you the reference number within the hour and push for the earliest option."
    history = [Message(role="customer", text="I want it refunded."), Message(role="agent", text=agent)]
    parrot = "I'll keep sending you the reference number within the hour, and push for the earliest option."
    assert first_problem(parrot, guard_context(marcus, history)).detail.startswith("parrots the agent")
    assert first_problem("A reference number within the hour? Fine.", guard_context(marcus, history)) is None


def test_the_off_topic_check_is_for_the_embedded_model_only(personas):
    """Natural small talk from a capable model must not be swapped for scripted lines."""
    dana, small_talk = personas["isp-dana"], "Okay, that actually helps a little."
    assert first_problem(small_talk, guard_context(dana, [])).kind == "off_topic"
    assert first_problem(small_talk, guard_context(dana, [], topic_check=False)) is None
    drift = "As an AI language model I cannot do that."
    assert first_problem(drift, guard_context(dana, [], topic_check=False)) is not None, "other checks stay on"


def test_the_customer_on_a_remote_endpoint_skips_the_off_topic_check(prompts):
    from types import SimpleNamespace

    from bot.llm_retry import DEFAULT_RETRY

    def models(embedded: bool):
        return SimpleNamespace(customer=FakeChatModel(), retry=DEFAULT_RETRY,
                               endpoint=SimpleNamespace(embedded=embedded))

    assert CustomerVoice.for_models(models(True), prompts).topic_check is True
    assert CustomerVoice.for_models(models(False), prompts).topic_check is False
