"""The LLM judge (engine "llm"): one structured call per agent reply for every applicable criterion.

Flow: plan the question (pure) -> render the fenced prompt (pure) -> one ``complete_json`` call ->
check each criterion (pure). Criteria whose answer is unusable are re-asked alone with the problem fed
back, at most ``re_asks`` times; what is still unusable, or anything asked while the endpoint is down,
comes back 'ungraded' with the reason. Never a guessed score, never an exception that loses the turn.
"""

from __future__ import annotations

from collections.abc import Callable

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage, HumanMessage

from bot.config import Settings
from bot.domain import CriterionGrade, GradingItem, ReplyGrade, Rubric
from bot.errors import ConfigError, JudgeOutputError, LLMUnavailable, LoadError
from bot.grading.judge_answer import ENGINE, Question, answer_schema, check_answer
from bot.grading.judge_prompt import (
    PROMPT_NAME,
    Applicability,
    detect_applicability,
    judge_prompt,
    new_delimiter,
    plan_question,
    re_ask,
)
from bot.llm import ChatModels, complete_json, model_label
from bot.llm_retry import DEFAULT_RETRY, RetryPolicy
from bot.prompts import PromptLibrary

DEFAULT_RE_ASKS = 2


def not_applicable(criterion_id: str) -> CriterionGrade:
    return CriterionGrade(criterion=criterion_id, status="not_applicable", engine=ENGINE,
                          reason="does not apply to this reply")


def ungraded(criterion_id: str, reason: str) -> CriterionGrade:
    return CriterionGrade(criterion=criterion_id, status="ungraded", engine=ENGINE, reason=reason)


def in_rubric_order(rubric: Rubric, grades: dict[str, CriterionGrade]) -> dict[str, CriterionGrade]:
    return {c.id: grades[c.id] for c in rubric.criteria if c.id in grades}


class LLMJudge:
    """Implements ports.Grader with an injected chat model."""

    engine = ENGINE

    def __init__(
        self,
        model: BaseChatModel,
        prompts: PromptLibrary,
        applicability: Callable[[GradingItem], Applicability] = detect_applicability,
        retry: RetryPolicy = DEFAULT_RETRY,
        re_asks: int = DEFAULT_RE_ASKS,
    ):
        self.model = model
        self.prompts = prompts
        self.applicability = applicability
        self.retry = retry
        self.re_asks = re_asks

    @property
    def model_name(self) -> str:
        return model_label(self.model)

    def plan(self, item: GradingItem, rubric: Rubric) -> tuple[Question, list[str]]:
        """The question for the judge and the criteria that do not apply to this item."""
        return plan_question(rubric, self.applicability(item))

    async def grade(self, item: GradingItem, rubric: Rubric) -> ReplyGrade:
        question, skipped = self.plan(item, rubric)
        grades = {cid: not_applicable(cid) for cid in skipped}
        grades |= await self.ask(item, rubric, question)
        return self._reply_grade(rubric, grades)

    async def regrade_ungraded(self, item: GradingItem, rubric: Rubric, previous: ReplyGrade) -> ReplyGrade:
        """Re-ask only the criteria ``previous`` left ungraded (e.g. once the endpoint is back)."""
        pending = {cid for cid in previous.ungraded if cid in {c.id for c in rubric.criteria}}
        if not pending:
            return previous
        question, _ = self.plan(item, rubric)
        regraded = await self.ask(item, rubric, question.only(pending))
        grades = in_rubric_order(rubric, {**previous.criteria, **regraded})
        return previous.model_copy(update={"criteria": grades, "model": self.model_name,
                                           "prompt_version": self.prompt_version()})

    async def ask(self, item: GradingItem, rubric: Rubric, question: Question) -> dict[str, CriterionGrade]:
        """Grades for every criterion of ``question``: valid ones from the judge, the rest ungraded."""
        if not question.criteria:
            return {}
        try:
            conversation: list[BaseMessage] = [
                HumanMessage(judge_prompt(self.prompts, item, rubric, question, new_delimiter()))]
        except LoadError as error:
            return {c.id: ungraded(c.id, f"the judge prompt is broken: {error}") for c in question.criteria}
        grades: dict[str, CriterionGrade] = {}
        for _ in range(1 + self.re_asks):
            try:
                answer = await complete_json(self.model, conversation, answer_schema(question), self.retry, repairs=0)
            except LLMUnavailable as error:
                return grades | {c.id: ungraded(c.id, f"judge unavailable: {error}") for c in question.criteria}
            except JudgeOutputError as error:
                answer_text, problems = None, {c.id: error.message for c in question.criteria}
            else:
                checked = check_answer(answer, question, item.reply)
                grades |= checked.grades
                answer_text, problems = answer.model_dump_json(by_alias=True), checked.problems
            if not problems:
                return grades
            question = question.only(set(problems))
            conversation = re_ask(conversation, answer_text, problems)
        tries = 1 + self.re_asks
        return grades | {cid: ungraded(cid, f"the judge's answer was unusable after {tries} tries: {problem}")
                         for cid, problem in problems.items()}

    def prompt_version(self) -> str | None:
        try:
            return self.prompts.version(PROMPT_NAME)
        except LoadError:
            return None

    def _reply_grade(self, rubric: Rubric, grades: dict[str, CriterionGrade]) -> ReplyGrade:
        return ReplyGrade(criteria=in_rubric_order(rubric, grades), engine=self.engine, model=self.model_name,
                          rubric_id=rubric.id, rubric_version=rubric.version, prompt_version=self.prompt_version())


def llm_engine(settings: Settings, models: ChatModels | None) -> LLMJudge:
    """The registry's factory for engine "llm": the judge role's model of the open endpoint."""
    if models is None:
        raise ConfigError("The 'llm' and 'hybrid' grading engines need the LLM endpoint, and none is open here.",
                          hint="open it with bot.llm.open_endpoint and pass ChatModels, or use the offline engine")
    return LLMJudge(models.judge, PromptLibrary.shared(settings.prompts_dir), retry=models.retry)
