"""Self-play: the shipped agent scripts against every shipped persona (offline grader, fake customer),
and `bot simulate` on top of it."""

from __future__ import annotations

import json
import random
from contextlib import asynccontextmanager

import pytest
from typer.testing import CliRunner

from bot.cli import app
from bot.config import PROJECT_ROOT, Settings
from bot.domain import Persona
from bot.customer import CustomerVoice
from bot.errors import LoadError
from bot.files import load_folder
from bot.grading.debrief import build_debrief
from bot.grading.offline import OfflineGrader
from bot.ports import MemoryStore
from bot.selfplay import AgentScript, load_script, play, shipped_scripts
from bot.session import PracticeSession
from tests.session.helpers import BandLineCustomer


PERSONA_IDS = sorted(load_folder(PROJECT_ROOT / "personas", Persona)[0])


def _session(persona, rubric, prompts, model, **kwargs) -> PracticeSession:
    return PracticeSession(persona=persona, rubric=rubric, customer=CustomerVoice(model, prompts),
                           mood_grader=OfflineGrader(), store=MemoryStore(), settings=Settings(),
                           rng=random.Random(0), **kwargs)


async def _final_anger(persona, rubric, prompts, script) -> int:
    result = await play(_session(script.persona_for(persona), rubric, prompts, BandLineCustomer()), script)
    return result.turns[-1].mood.anger


@pytest.mark.parametrize("persona_id", PERSONA_IDS)
async def test_good_script_leaves_every_persona_calmer_than_the_mediocre_one(personas, rubric, prompts, persona_id):
    scripts = shipped_scripts()
    persona = personas[persona_id]
    good = await _final_anger(persona, rubric, prompts, scripts["good"])
    mediocre = await _final_anger(persona, rubric, prompts, scripts["mediocre"])
    assert good < mediocre
    assert good < persona.temperament.anger


async def test_a_play_records_grades_mood_reasons_and_the_ending(dana, rubric, prompts):
    result = await play(_session(dana, rubric, prompts, BandLineCustomer(), debrief=build_debrief),
                        shipped_scripts()["good"], 3)
    data = result.to_json()
    assert data["persona"] == "isp-dana" and data["script"] == "good"
    assert data["ended"]["reason"] in ("resolved", "agent_ended")
    first = data["turns"][1]
    assert first["agent"].startswith("Dana, I'm really sorry")  # {first_name} filled in
    assert first["grades"]["empathy"] in ("specific", "generic") and first["mood_reasons"]
    assert first["mood"]["anger"] < dana.temperament.anger


def test_scripts_fill_persona_variables_and_take_overrides(dana, brett):
    script = AgentScript(id="x", description="d", replies=["Hi {first_name} of {company}."],
                         overrides={"airline-brett": ["Hello {name}."]})
    assert script.replies_for(dana) == [f"Hi Dana of {dana.company}."]
    assert script.replies_for(brett) == [f"Hello {brett.name}."]


def test_a_script_with_an_unknown_variable_names_the_file_and_field(tmp_path):
    path = tmp_path / "typo.yaml"
    path.write_text("description: d\nreplies:\n  - 'Hi {firstname}'\n")
    with pytest.raises(LoadError) as error:
        load_script(path)
    assert "typo.yaml" in str(error.value) and "replies" in str(error.value) and "{first_name}" in str(error.value)


@pytest.fixture
def fake_endpoint(monkeypatch, rubric, prompts, personas):
    """`bot simulate` with the fake customer model instead of the embedded server."""
    model = BandLineCustomer()

    @asynccontextmanager
    async def sessions(settings, catalog):
        yield lambda persona, rubric_, seed: _session(persona, rubric_, prompts, model, debrief=build_debrief)

    monkeypatch.setattr("bot.cli.simulate.self_play_sessions", sessions)
    return model


def test_simulate_prints_the_transcript_and_the_ending(fake_endpoint, dana):
    outcome = CliRunner().invoke(app, ["simulate", "--persona", "isp-dana", "--agent", "mediocre", "--turns", "2"],
                                 env={"COLUMNS": "200"})
    assert outcome.exit_code == 0, outcome.output
    assert "I understand your frustration" in outcome.output and "anger/trust" in outcome.output
    assert "ended: agent_ended" in outcome.output and "overall score" in outcome.output


def test_simulate_json_has_per_turn_mood_grades_and_guard_events(fake_endpoint, dana):
    fake_endpoint.enqueue("How can I help you today?")
    outcome = CliRunner().invoke(app, ["simulate", "--persona", "isp-dana", "--turns", "1", "--json"])
    assert outcome.exit_code == 0, outcome.output
    data = json.loads(outcome.output)
    turn = data["turns"][1]
    assert set(turn) >= {"agent", "customer", "mood", "grades", "guard_events"}
    assert turn["guard_events"][0]["kind"] == "role_reversal"
    assert turn["customer"] in dana.lines["annoyed"] and turn["customer_fallback"] is False


def test_simulate_names_the_available_personas_when_one_is_unknown(fake_endpoint):
    outcome = CliRunner().invoke(app, ["simulate", "--persona", "nobody"])
    assert outcome.exit_code == 1 and "isp-dana" in outcome.output


ABUSIVE_PERSONA_IDS = [pid for pid in PERSONA_IDS
                       if load_folder(PROJECT_ROOT / "personas", Persona)[0][pid].temperament.abusive_at]


@pytest.mark.parametrize("persona_id", ABUSIVE_PERSONA_IDS)
async def test_holding_a_calm_boundary_ends_the_abuse_as_the_persona_reacts(personas, rubric, prompts, persona_id):
    script = shipped_scripts()["abusive_handling"]
    persona = script.persona_for(personas[persona_id])
    result = await play(_session(persona, rubric, prompts, BandLineCustomer()), script)
    abusive_at = persona.temperament.abusive_at
    bands = [turn.mood.band(abusive_at).value for turn in result.turns]
    boundaries = [t.index for t in result.turns if t.grade and t.grade.level("boundary_setting") == "set"]
    assert bands[0] == "abusive" and boundaries[0] == 1  # the opening insult met a boundary at once
    expected_abusive_messages = {"calms_down": 1, "hangs_up": 1, "pushes_once": 2}[persona.temperament.on_boundary]
    assert bands.count("abusive") == expected_abusive_messages
    assert result.end_reason in ("resolved", "agent_ended") and bands[-1] != "abusive"
