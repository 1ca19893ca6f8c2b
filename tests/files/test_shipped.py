"""Every file we ship loads, and the shipped content meets what the rest of the bot relies on."""

from __future__ import annotations

import re

import pytest

from bot.config import PROJECT_ROOT, Settings
from bot.domain import HiddenFact, Mood, MoodBand, Persona, Reactions
from bot.files import load_catalog, load_persona, load_rubric
from bot.prompts import PROMPT_VARIABLES

CATALOG = load_catalog(Settings())
PERSONAS = sorted(CATALOG.personas.values(), key=lambda p: p.id)
# The default rubric's ids, levels and points are fixed by LABELING.md (criterion -> (applies, levels)).
LABELED_RUBRIC = {
    "empathy": ("always", {"specific": 2, "generic": 1, "none": 0}),
    "open_questions": ("when_asking", {"open": 2, "closed": 0}),
    "promises": ("always", {"realistic": 2, "unkeepable": 0}),
    "boundary_setting": ("when_abusive", {"set": 2, "absent": 1, "unprofessional": 0}),
    "trigger_phrases": ("always", {"clean": 2, "trigger": 0}),
}


def test_the_shipped_catalog_has_no_problems():
    assert CATALOG.problems == []
    assert len(CATALOG.personas) >= 8
    assert set(CATALOG.prompts.prompts) == set(PROMPT_VARIABLES)


def test_each_persona_file_loads_on_its_own_with_its_file_name_as_id():
    for path in sorted((PROJECT_ROOT / "personas").glob("*.yaml")):
        assert load_persona(path).id == path.stem


def test_the_default_rubric_matches_the_labelling_guide():
    rubric = load_rubric(PROJECT_ROOT / "rubrics" / "deescalation.yaml")
    assert rubric.version == "1"
    assert [c.id for c in rubric.criteria] == list(LABELED_RUBRIC)
    for criterion in rubric.criteria:
        applies, levels = LABELED_RUBRIC[criterion.id]
        assert criterion.applies == applies
        assert {level.id: level.points for level in criterion.levels} == levels
        assert criterion.levels[0].points == criterion.max_points, "levels are listed best first"
        assert criterion.good_examples and criterion.bad_examples


def test_the_personas_cover_the_required_range():
    assert len({p.industry for p in PERSONAS}) == len(PERSONAS), "one persona per industry"
    abusive = [p for p in PERSONAS if p.temperament.abusive_at is not None]
    reactions = {p.temperament.on_boundary for p in abusive}
    assert len(abusive) >= 2 and "calms_down" in reactions and reactions & {"pushes_once", "hangs_up"}
    assert {p.difficulty for p in PERSONAS} == {"easy", "medium", "hard"}
    assert any("cannot be approved" in line or "cannot overturn" in line for p in PERSONAS for line in p.policy)


@pytest.mark.parametrize("persona", PERSONAS, ids=lambda p: p.id)
def test_persona_content_is_usable_as_few_shot_examples(persona: Persona):
    assert 2 <= len(persona.hidden_facts) <= 4
    assert 1 <= len(persona.opening_lines) <= 3
    assert persona.triggers and persona.soothers
    # policy lines carry the numbers the promise detector compares against
    assert any(re.search(r"\d", line) for line in persona.policy)
    bands = [MoodBand.calm, MoodBand.annoyed, MoodBand.furious]
    if persona.temperament.abusive_at is not None:
        bands.append(MoodBand.abusive)
        assert persona.temperament.abusive_at > persona.temperament.anger, "starts angry, not abusive"
    assert set(persona.lines) == set(bands)
    every_line = [line for band in bands for line in persona.lines[band]] + persona.opening_lines
    assert len(set(every_line)) == len(every_line), "no repeated lines"
    for band in bands:
        assert 3 <= len(persona.lines[band]) <= 5, band
    for line in every_line:
        assert len(line) <= 160 and len(re.findall(r"[.!?](\s|$)", line)) <= 3, line


@pytest.mark.parametrize("persona", PERSONAS, ids=lambda p: p.id)
def test_every_persona_can_answer_every_kind_of_reply(persona: Persona):
    """The composed customer (the embedded model's) needs lines for each kind of reply it can meet."""
    expected = set(Reactions.model_fields) - {"boundary", "hung_up"}
    if persona.temperament.abusive_at is not None:
        expected.add("boundary")
    if persona.temperament.on_boundary == "hangs_up" and persona.temperament.abusive_at is not None:
        expected.add("hung_up")
    assert {kind for kind in Reactions.model_fields if getattr(persona.reactions, kind)} == expected
    for kind in expected:
        assert len(getattr(persona.reactions, kind)) >= 2, kind
    assert all(cue.says for cue in [*persona.triggers, *persona.soothers]), "each cue has its answer"
    every_line = [*persona.opening_lines, *(line for lines in persona.lines.values() for line in lines),
                  *persona.reaction_lines]
    assert len(set(every_line)) == len(every_line), "no repeated lines"


@pytest.mark.parametrize("persona", PERSONAS, ids=lambda p: p.id)
def test_example_lines_do_not_give_away_hidden_facts(persona: Persona):
    """A fact is earned by a good question; a fallback or reaction line must not reveal it first."""
    lines = " ".join(line for band in persona.lines.values() for line in band) + " ".join(persona.opening_lines)
    lines += " " + " ".join(persona.reaction_lines)
    for fact in persona.hidden_facts:
        numbers = set(re.findall(r"\$?\d+(?:,\d{3})*", fact.fact)) - set(re.findall(r"\$?\d+(?:,\d{3})*", persona.story))
        assert not [n for n in numbers if n in lines], (fact.topic, numbers)


def _render_customer(persona: Persona, band: MoodBand, facts: list[HiddenFact], guidance: str) -> str:
    return CATALOG.prompts.render("customer", persona=persona, mood=Mood(anger=5, trust=5), band=band.value,
                                  band_lines=persona.lines[band], reveal_facts=facts, guidance=guidance)


@pytest.mark.parametrize("persona", PERSONAS, ids=lambda p: p.id)
def test_customer_prompt_renders_every_band_for_every_persona(persona: Persona):
    for band, lines in persona.lines.items():
        prompt = _render_customer(persona, band, [], "")
        assert persona.name in prompt and all(line in prompt for line in lines)
    with_fact = _render_customer(persona, MoodBand.calm, persona.hidden_facts[:1], "Say you are hanging up.")
    assert persona.hidden_facts[0].fact in with_fact and "Say you are hanging up." in with_fact
    assert persona.hidden_facts[0].fact not in _render_customer(persona, MoodBand.calm, [], "")


def test_customer_prompt_stays_short_for_a_tiny_model():
    longest = max(len(_render_customer(p, MoodBand.furious, p.hidden_facts, "x").split()) for p in PERSONAS)
    assert longest < 350


def test_every_prompt_has_a_version():
    assert {name: CATALOG.prompts.version(name) for name in PROMPT_VARIABLES} == {
        name: prompt.version for name, prompt in CATALOG.prompts.prompts.items()
    }
    assert all(CATALOG.prompts.version(name).isdigit() for name in PROMPT_VARIABLES)
