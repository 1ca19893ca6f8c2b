"""The LLM-written debrief for capable endpoints, grounded in the session.

The LLM writes only the words (strengths, improvements, summary). Scores and the mood curve come from
``build_debrief`` and are never the model's. Every item must name a criterion of the rubric, a turn with
agent text, and a quote found in that turn's agent text (stored as the exact span); items that fail are
dropped, and when nothing usable is left the model is asked once more with the problems, then the
offline debrief is used.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage
from pydantic import BaseModel, ConfigDict

from bot.config import Settings
from bot.domain import Debrief, Improvement, Persona, Rubric, Strength, Turn
from bot.errors import JudgeOutputError, LLMUnavailable, LoadError
from bot.grading.debrief import IMPROVEMENTS, STRENGTHS, build_debrief
from bot.grading.judge_answer import LenientJson
from bot.grading.quotes import find_quote, neutralise
from bot.llm import ChatModels, complete_json
from bot.llm_retry import DEFAULT_RETRY, RetryPolicy
from bot.prompts import PromptLibrary

ENGINE = "llm"
ATTEMPTS = 2


class DraftItem(BaseModel):
    model_config = ConfigDict(extra="ignore")

    criterion: str = ""
    turn: int = -1
    quote: str = ""
    better: str = ""
    why: str = ""


class DebriefDraft(LenientJson):
    strengths: list[DraftItem] = []
    improvements: list[DraftItem] = []
    summary: str = ""


def check_item(item: DraftItem, criteria: set[str], agent_texts: dict[int, str], needs_better: bool) -> str:
    """The exact span the item quotes; raises ValueError with the problem when the item is not grounded."""
    if item.criterion not in criteria:
        raise ValueError(f"criterion {item.criterion!r} is not in the rubric")
    if item.turn not in agent_texts:
        raise ValueError(f"turn {item.turn} has no agent text")
    span = find_quote(agent_texts[item.turn], item.quote)
    if span is None:
        raise ValueError(f"the quote {item.quote!r} is not in the agent's text of turn {item.turn}")
    if not item.why.strip() or (needs_better and not item.better.strip()):
        raise ValueError("'why' and 'better' must not be empty" if needs_better else "'why' must not be empty")
    return span


def grounded(
    draft: DebriefDraft, rubric: Rubric, turns: list[Turn]
) -> tuple[list[Strength], list[Improvement], list[str]]:
    """The draft's grounded items (quotes replaced by the exact span) and a problem line per dropped item."""
    criteria = {c.id for c in rubric.criteria}
    agent_texts = {t.index: t.agent_text for t in turns if t.agent_text}
    strengths: list[Strength] = []
    improvements: list[Improvement] = []
    problems: list[str] = []
    drafted = (("strength", draft.strengths, STRENGTHS), ("improvement", draft.improvements, IMPROVEMENTS))
    for kind, items, limit in drafted:
        for number, item in enumerate(items[:limit], start=1):
            try:
                span = check_item(item, criteria, agent_texts, needs_better=kind == "improvement")
            except ValueError as problem:
                problems.append(f"{kind} {number}: {problem}")
                continue
            if kind == "strength":
                strengths.append(Strength(criterion=item.criterion, turn=item.turn, quote=span, why=item.why.strip()))
            else:
                improvements.append(Improvement(criterion=item.criterion, turn=item.turn, quote=span,
                                                better=item.better.strip(), why=item.why.strip()))
    if not draft.strengths and not draft.improvements:
        problems.append("no strengths or improvements were given")
    if not draft.summary.strip():
        problems.append("the summary is empty")
    return strengths, improvements, problems


def debrief_prompt(prompts: PromptLibrary, persona: Persona, rubric: Rubric, turns: list[Turn],
                   computed: Debrief) -> str:
    """The debrief prompt; the session's texts are neutralised like the judge's."""
    safe_turns = [t.model_copy(update={"agent_text": t.agent_text and neutralise(t.agent_text),
                                       "customer_text": t.customer_text and neutralise(t.customer_text)})
                  for t in turns]
    return prompts.render("debrief", persona=persona, rubric=rubric, turns=safe_turns,
                          scores=computed.per_criterion, mood_curve=computed.mood_curve)


async def write_debrief(model: BaseChatModel, persona: Persona, rubric: Rubric, turns: list[Turn], *,
                        prompts: PromptLibrary, retry: RetryPolicy = DEFAULT_RETRY) -> Debrief:
    """The LLM's grounded debrief, or the offline one when the LLM cannot give a usable one."""
    computed = build_debrief(persona, rubric, turns)
    if computed.overall is None:
        return computed  # nothing graded: nothing to coach on
    try:
        conversation: list[BaseMessage] = [HumanMessage(debrief_prompt(prompts, persona, rubric, turns, computed))]
    except LoadError:
        return computed
    for _ in range(ATTEMPTS):
        try:
            draft = await complete_json(model, conversation, DebriefDraft, retry, repairs=0)
        except LLMUnavailable:
            return computed
        except JudgeOutputError as error:
            conversation += [HumanMessage(f"That answer could not be used: {error.message}. Answer again.")]
            continue
        strengths, improvements, problems = grounded(draft, rubric, turns)
        if (strengths or improvements) and draft.summary.strip():
            return computed.model_copy(update={"strengths": strengths, "improvements": improvements,
                                               "summary": draft.summary.strip(), "engine": ENGINE})
        conversation += [AIMessage(draft.model_dump_json()),
                         HumanMessage("That debrief could not be used:\n- " + "\n- ".join(problems) +
                                      "\nAnswer again; copy every quote exactly from the AGENT text of the turn "
                                      "you name.")]
    return computed


def debrief_builder(
    settings: Settings, models: ChatModels | None
) -> Callable[[Persona, Rubric, list[Turn]], Debrief | Awaitable[Debrief]]:
    """How sessions get their debrief: offline on the embedded model (a 135M model writes no useful coaching),
    the grounded LLM debrief (debrief role) on a configured endpoint."""
    if settings.uses_embedded_model or models is None:
        return build_debrief
    prompts = PromptLibrary.shared(settings.prompts_dir)
    return partial(write_debrief, models.debrief, prompts=prompts, retry=models.retry)
