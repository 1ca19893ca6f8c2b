"""The end-of-session debrief, computed offline from the turns' grades (pure).

Scores: a criterion's score is the points it earned over the points it could have earned, across the
replies where it was graded (not_applicable and ungraded are left out), as 0-100. The overall score is
the rubric-weighted mean of the criterion scores that exist. Coaching quotes the agent's own words from a
named turn: the grade's evidence span when there is one, else the reply's first sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.domain import Criterion, CriterionGrade, Debrief, Improvement, Mood, Persona, Rubric, Strength, Turn
from bot.grading.quotes import find_quote

ENGINE = "offline"
STRENGTHS = 2
IMPROVEMENTS = 3
_WORD = re.compile(r"[a-z0-9']+")


@dataclass(frozen=True)
class Moment:
    """One graded criterion on one agent reply."""

    turn: Turn
    criterion: Criterion
    grade: CriterionGrade

    @property
    def points(self) -> float:
        return self.criterion.level(self.grade.level).points

    @property
    def points_lost(self) -> float:
        return self.criterion.max_points - self.points

    @property
    def quote(self) -> str:
        text = self.turn.agent_text or ""
        return find_quote(text, self.grade.evidence) or first_sentence(text)

    @property
    def has_evidence(self) -> bool:
        return find_quote(self.turn.agent_text or "", self.grade.evidence) is not None


def first_sentence(text: str) -> str:
    match = re.match(r"\s*(.+?[.!?])(\s|$)", text, flags=re.DOTALL)
    return (match.group(1) if match else text).strip()


def graded_moments(rubric: Rubric, turns: list[Turn]) -> list[Moment]:
    moments = []
    for turn in turns:
        if not turn.agent_text or turn.grade is None:
            continue
        for criterion in rubric.criteria:
            grade = turn.grade.criteria.get(criterion.id)
            if grade and grade.status == "graded" and grade.level in {level.id for level in criterion.levels}:
                moments.append(Moment(turn, criterion, grade))
    return moments


def criterion_scores(rubric: Rubric, moments: list[Moment]) -> dict[str, float | None]:
    scores: dict[str, float | None] = {}
    for criterion in rubric.criteria:
        mine = [m for m in moments if m.criterion.id == criterion.id]
        possible = sum(criterion.max_points for _ in mine)
        scores[criterion.id] = 100 * sum(m.points for m in mine) / possible if possible else None
    return scores


def overall_score(rubric: Rubric, scores: dict[str, float | None]) -> float | None:
    weighted = [(c.weight, scores[c.id]) for c in rubric.criteria if scores.get(c.id) is not None]
    total_weight = sum(weight for weight, _ in weighted)
    return sum(weight * score for weight, score in weighted) / total_weight if total_weight else None


def rounded(score: float | None) -> float | None:
    return None if score is None else round(score, 1)


def mood_curve(persona: Persona, turns: list[Turn]) -> list[Mood]:
    """The mood after each turn, starting from the persona's starting mood when no opening turn holds it."""
    curve = [turn.mood for turn in turns]
    if not turns or turns[0].agent_text is not None:
        curve.insert(0, persona.start_mood)
    return curve


def pick_distinct(ranked: list[Moment], count: int) -> list[Moment]:
    """The first ``count`` moments of ``ranked``, one per criterion first, then further moments."""
    picked: list[Moment] = []
    for moment in ranked:
        if len(picked) < count and moment.criterion.id not in {p.criterion.id for p in picked}:
            picked.append(moment)
    picked += [m for m in ranked if m not in picked][: count - len(picked)]
    return picked


def overlap(a: str, b: str) -> int:
    return len(set(_WORD.findall(a.lower())) & set(_WORD.findall(b.lower())))


def customer_before(turns: list[Turn], turn: Turn) -> str:
    earlier = [t.customer_text for t in turns if t.index < turn.index and t.customer_text]
    return earlier[-1] if earlier else ""


def better_wording(criterion: Criterion, moment_text: str) -> str:
    """The rubric's good example closest to this moment (by shared words); the best level otherwise."""
    if not criterion.good_examples:
        return f"Aim for this: {criterion.levels[0].description}"
    return max(criterion.good_examples, key=lambda example: overlap(example, moment_text))


def improvement(moment: Moment, turns: list[Turn]) -> Improvement:
    best, got = moment.criterion.levels[0], moment.criterion.level(moment.grade.level)
    context = f"{customer_before(turns, moment.turn)} {moment.turn.agent_text}"
    return Improvement(
        criterion=moment.criterion.id, turn=moment.turn.index, quote=moment.quote,
        better=better_wording(moment.criterion, context),
        why=f"{moment.criterion.name} was '{got.id}': {got.description} Aim for '{best.id}': {best.description}",
    )


def strength(moment: Moment) -> Strength:
    level = moment.criterion.level(moment.grade.level)
    return Strength(criterion=moment.criterion.id, turn=moment.turn.index, quote=moment.quote,
                    why=f"{moment.criterion.name}: {level.description}")


def summary(rubric: Rubric, scores: dict[str, float | None], overall: float | None, curve: list[Mood],
            replies: int) -> str:
    if overall is None:
        return "No reply was graded yet, so there is no score for this session."
    scored = [(scores[c.id], c) for c in rubric.criteria if scores[c.id] is not None]
    # ties go to the heavier criterion, then to the rubric's order
    high, strongest = max(scored, key=lambda pair: (pair[0], pair[1].weight))
    low, weakest = min(scored, key=lambda pair: (pair[0], -pair[1].weight))
    mood = f"the customer's anger went from {curve[0].anger} to {curve[-1].anger}" if curve else ""
    text = f"Overall {overall:.0f}/100 over {replies} graded {'reply' if replies == 1 else 'replies'}; {mood}. "
    if low == high:
        return text + f"Every criterion scored {low:.0f}."
    return text + f"Strongest: {strongest.name} ({high:.0f}). Practise next: {weakest.name} ({low:.0f})."


def build_debrief(persona: Persona, rubric: Rubric, turns: list[Turn]) -> Debrief:
    moments = graded_moments(rubric, turns)
    scores = criterion_scores(rubric, moments)
    overall = overall_score(rubric, scores)
    curve = mood_curve(persona, turns)
    losses = sorted((m for m in moments if m.points_lost > 0),
                    key=lambda m: (-m.criterion.weight * m.points_lost, not m.has_evidence, m.turn.index))
    # A strength with a quoted span shows the trainee what to repeat; absence of a fault shows less.
    wins = sorted((m for m in moments if m.points_lost == 0),
                  key=lambda m: (not m.has_evidence, -m.criterion.weight * m.points, -(scores[m.criterion.id] or 0),
                                 m.turn.index))
    return Debrief(
        overall=rounded(overall), per_criterion={cid: rounded(score) for cid, score in scores.items()},
        mood_curve=curve,
        strengths=[strength(m) for m in pick_distinct(wins, STRENGTHS)],
        improvements=[improvement(m, turns) for m in pick_distinct(losses, IMPROVEMENTS)],
        summary=summary(rubric, scores, overall, curve, len({m.turn.index for m in moments})),
        engine=ENGINE,
    )
