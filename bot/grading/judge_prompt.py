"""Pure: which criteria one judge call covers, and the messages that ask it.

Applicability is decided before the call where it is cheap and sure (the offline detectors tell whether
the reply asks something and whether the customer's latest message is abusive); where it is unknown the
criterion goes to the judge, which may answer level null.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage

from bot.domain import Criterion, GradingItem, Message, Rubric
from bot.grading.detectors.boundary import detect_boundary
from bot.grading.detectors.open_questions import detect_open_questions
from bot.grading.judge_answer import Question, feedback
from bot.grading.quotes import neutralise
from bot.prompts import PromptLibrary

PROMPT_NAME = "judge"


@dataclass(frozen=True)
class Applicability:
    """What decides the conditional criteria; None = unknown, let the judge decide."""

    asks: bool | None = None  # does the reply ask the customer something?
    abusive: bool | None = None  # is the customer's latest message abusive?

    def of(self, criterion: Criterion) -> bool | None:
        if criterion.applies == "when_asking":
            return self.asks
        if criterion.applies == "when_abusive":
            return self.abusive
        return True


def detect_applicability(item: GradingItem) -> Applicability:
    """The offline detectors' cheap answer, where it is reliable.

    Questions are marked by syntax, so the question detector decides both ways. Abuse is open-ended
    language: a found insult or threat is sure, but on the held-out set the abuse detector missed 17 of
    48 abusive messages, so when it finds none the judge decides (it may answer null)."""
    asks = detect_open_questions(item.reply, item.history, item.context.policy).level is not None
    abused = detect_boundary(item.reply, item.history, item.context.policy).level is not None
    return Applicability(asks=asks, abusive=True if abused else None)


def plan_question(rubric: Rubric, applicability: Applicability) -> tuple[Question, list[str]]:
    """The question for the judge, and the ids of the criteria that do not apply (no call needed).

    A conditional criterion known to apply is shown to the judge as ``applies: always`` so the prompt
    does not invite a null the schema would refuse."""
    asked: list[Criterion] = []
    may_skip: set[str] = set()
    not_applicable: list[str] = []
    for criterion in rubric.criteria:
        applies = applicability.of(criterion)
        if applies is False:
            not_applicable.append(criterion.id)
        elif applies is None:
            asked.append(criterion)
            may_skip.add(criterion.id)
        else:
            known = criterion if criterion.applies == "always" else criterion.model_copy(update={"applies": "always"})
            asked.append(known)
    return Question(tuple(asked), frozenset(may_skip)), not_applicable


def new_delimiter() -> str:
    """A tag name the trainee cannot guess in advance (and could not type anyway: '<' is neutralised)."""
    return f"reply-{secrets.token_hex(2)}"


def judge_prompt(
    prompts: PromptLibrary, item: GradingItem, rubric: Rubric, question: Question, delimiter: str
) -> str:
    """The judge's instructions with the item's texts neutralised and the reply fenced."""
    history = [Message(role=message.role, text=neutralise(message.text)) for message in item.history]
    return prompts.render(
        PROMPT_NAME,
        rubric=rubric,
        criteria=list(question.criteria),
        persona=item.context.persona,
        policy=item.context.policy,
        history=history,
        reply=neutralise(item.reply),
        delimiter=delimiter,
    )


def re_ask(conversation: list[BaseMessage], answer_text: str | None, problems: dict[str, str]) -> list[BaseMessage]:
    """The conversation so far, the judge's unusable answer (when there was one) and what was wrong."""
    previous = [AIMessage(answer_text)] if answer_text else []
    return [*conversation, *previous, HumanMessage(feedback(problems))]
