"""Self-play for trainers: a scripted agent against a persona, through the real session core.

An agent script is a YAML file in scripts/agents/ (its id is the file name)::

    description: what this agent does well or badly
    replies:                      # said in order, one per turn; the same for every persona...
      - "Hi {first_name}, I'm sorry to hear about your {product}. What happened?"
    overrides:                    # ...unless a persona has its own list
      airline-brett: ["..."]
    on_abuse:                     # said instead, in order, after an abusive customer message
      - "I want to help, and I need us to keep it respectful."
    starts_abusive: false         # true: the customer starts at their abusive_at anger, if they have one

Replies may use {first_name}, {name}, {company} and {product} of the persona played.
"""

from __future__ import annotations

import random
import string
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import Field, field_validator

from bot.config import PROJECT_ROOT, Settings
from bot.customer import CustomerVoice
from bot.domain import EndReason, FileModel, Persona, Rubric, Turn
from bot.files import Catalog, load_folder, validate_file
from bot.grading.debrief import build_debrief
from bot.grading.detectors.abuse import abuse_at_the_agent
from bot.llm import ChatModels, open_endpoint
from bot.ports import MemoryStore
from bot.session import Ended, Graded, PracticeSession

SCRIPTS_DIR = PROJECT_ROOT / "scripts" / "agents"
SCRIPT_VARIABLES = ("first_name", "name", "company", "product")


class AgentScript(FileModel):
    id: str = Field(description="the file name without .yaml")
    description: str
    replies: list[str] = Field(min_length=1, description="the agent's replies, in order, for any persona")
    overrides: dict[str, list[str]] = Field(default_factory=dict, description="persona id -> its own replies")
    on_abuse: list[str] = Field(default_factory=list, description="said instead after an abusive message")
    starts_abusive: bool = Field(default=False, description="start the customer at their abusive_at anger")

    @field_validator("replies", "overrides", "on_abuse")
    @classmethod
    def _known_variables(cls, value):
        texts = value if isinstance(value, list) else [t for replies in value.values() for t in replies]
        for text in texts:
            for _, variable, _, _ in string.Formatter().parse(text):
                if variable is not None and variable not in SCRIPT_VARIABLES:
                    raise ValueError(f"unknown variable {{{variable}}}; use one of "
                                     + ", ".join(f"{{{v}}}" for v in SCRIPT_VARIABLES))
        return value

    def replies_for(self, persona: Persona) -> list[str]:
        return [_fill(reply, persona) for reply in self.overrides.get(persona.id, self.replies)]

    def abuse_replies_for(self, persona: Persona) -> list[str]:
        return [_fill(reply, persona) for reply in self.on_abuse]

    def persona_for(self, persona: Persona) -> Persona:
        """The persona as this script plays it: already abusive at the start if ``starts_abusive``."""
        abusive_at = persona.temperament.abusive_at
        if not self.starts_abusive or abusive_at is None:
            return persona
        return persona.model_copy(update={"temperament": persona.temperament.model_copy(update={"anger": abusive_at})})


def _fill(reply: str, persona: Persona) -> str:
    return reply.format(first_name=persona.name.split()[0], name=persona.name, company=persona.company,
                        product=persona.product)


def load_script(path: Path) -> AgentScript:
    script, problems = validate_file(Path(path), AgentScript)
    if problems:
        raise problems[0]
    return script


def shipped_scripts(folder: Path = SCRIPTS_DIR) -> dict[str, AgentScript]:
    scripts, problems = load_folder(folder, AgentScript)
    if problems:
        raise problems[0]
    return scripts


def find_script(id_or_path: str, folder: Path = SCRIPTS_DIR) -> AgentScript:
    """A shipped script by id ('good'), or any script file by path."""
    path = Path(id_or_path)
    return load_script(path if path.suffix in (".yaml", ".yml") else folder / f"{id_or_path}.yaml")


@dataclass
class SelfPlayResult:
    persona_id: str
    script_id: str
    turns: list[Turn]
    reasons: list[list[str]] = field(default_factory=list)  # the mood's reasons, per agent turn
    end_reason: EndReason | None = None
    why: str = ""

    def to_json(self) -> dict:
        return {
            "persona": self.persona_id,
            "script": self.script_id,
            "ended": {"reason": self.end_reason, "why": self.why},
            "turns": [
                {
                    "index": turn.index,
                    "agent": turn.agent_text,
                    "customer": turn.customer_text,
                    "mood": {"anger": turn.mood.anger, "trust": turn.mood.trust},
                    "mood_reasons": self.reasons[turn.index - 1] if turn.index else [],
                    "grades": {cid: g.level if g.status == "graded" else g.status
                               for cid, g in (turn.grade.criteria.items() if turn.grade else [])},
                    "customer_fallback": turn.customer_fallback,
                    "guard_events": [event.model_dump() for event in turn.guard_events],
                    "revealed_facts": turn.revealed_facts,
                }
                for turn in self.turns
            ],
        }


async def play(session: PracticeSession, script: AgentScript, max_turns: int | None = None) -> SelfPlayResult:
    """Start the session, say the script's replies until the session ends or they run out (or after
    ``max_turns``). After an abusive customer message the next ``on_abuse`` reply is said instead.
    Make the session with ``script.persona_for(persona)``."""
    await session.start()
    persona = session.persona
    result = SelfPlayResult(persona.id, script.id, session.turns)
    replies, abuse_replies = script.replies_for(persona), script.abuse_replies_for(persona)
    for _ in range(min(len(replies), max_turns or len(replies))):
        # Abusive as the grader sees it: the mood band says the customer should insult, the text says
        # whether the model did.
        customer_abusive = abuse_at_the_agent(session.turns[-1].customer_text or "") is not None
        text = abuse_replies.pop(0) if customer_abusive and abuse_replies else replies.pop(0)
        async for event in session.reply(text):
            if isinstance(event, Graded):
                result.reasons.append(event.reasons)
            elif isinstance(event, Ended):
                result.end_reason, result.why = event.reason, event.why
        if result.end_reason:
            return result
    ended = await session.end("agent_ended", "the script has no more replies")
    result.end_reason, result.why = ended.reason, ended.why
    return result


SessionFactory = Callable[[Persona, Rubric, int], PracticeSession]


@asynccontextmanager
async def self_play_sessions(settings: Settings, catalog: Catalog) -> AsyncIterator[SessionFactory]:
    """Sessions on the configured endpoint (the embedded model by default), graded offline, kept in
    memory; ``factory(persona, rubric, seed)`` makes one. The endpoint lives as long as the block."""
    from bot.grading.offline import OfflineGrader

    async with open_endpoint(settings) as endpoint:
        models = ChatModels.create(settings, endpoint)

        def factory(persona: Persona, rubric: Rubric, seed: int) -> PracticeSession:
            customer = CustomerVoice.for_models(models, catalog.prompts)
            return PracticeSession(
                persona=persona, rubric=rubric, customer=customer, mood_grader=OfflineGrader(), store=MemoryStore(),
                settings=settings, debrief=build_debrief, user_id="self-play", rng=random.Random(seed),
            )

        try:
            yield factory
        finally:
            await models.aclose()
