"""Pure rendering for the practice app: grades, debriefs, moods and personas become markdown, props or SVG.

No Chainlit import here: the handlers in chat.py send what these functions return, and the tests read it.
"""

from __future__ import annotations

from datetime import datetime

from bot.domain import CriterionGrade, Debrief, Mood, Persona, ReplyGrade, Rubric

NOT_GRADED = "not graded yet"
# Marks from plain Unicode (DejaVu has them), not emoji: they show on machines without an emoji font.
DIFFICULTY_BADGE = {"easy": "● easy", "medium": "●● medium", "hard": "●●● hard"}
BEST, MIDDLE, WORST, PENDING, NOT_APPLICABLE = "✔", "◑", "✘", "○", "·"


def quote(text: str) -> str:
    """A short inline quotation that survives markdown: no line breaks, no stray backticks."""
    flat = " ".join(text.split()).replace("`", "'")
    return f"“{flat}”"


def persona_profile_markdown(persona: Persona) -> str:
    """The chat-profile description shown on the scenario picker."""
    return (
        f"**{persona.scenario}**\n\n"
        f"{persona.company} · {persona.product} · difficulty: {DIFFICULTY_BADGE[persona.difficulty]}"
    )


def welcome_markdown(persona: Persona, *, local_mode: bool) -> str:
    """The briefing before the customer speaks: who calls, the agent's limits, how the modes differ."""
    policy = "\n".join(f"- {rule}" for rule in persona.policy)
    note = (
        "\n\n_Running as a single local user (no accounts configured): your sessions are kept on this "
        "machine. Add users with `bot users add` and restart the app to require a login._"
        if local_mode
        else ""
    )
    return (
        f"### {persona.name}: {persona.scenario}\n"
        f"{persona.company} · {persona.product} · difficulty: {DIFFICULTY_BADGE[persona.difficulty]}\n\n"
        f"**What you may offer (policy):**\n{policy}\n\n"
        "Choose a mode to start. **Coach** shows how each reply was graded, right after it. "
        "**Exam** keeps the grades hidden until the debrief." + note
    )


def _level_mark(grade: CriterionGrade, rubric: Rubric) -> str:
    """Best level, worst level or in between: a glance is enough to see where a reply fell short."""
    levels = rubric.criterion(grade.criterion).levels
    ids = [level.id for level in levels]
    if grade.level == ids[0]:
        return BEST
    if grade.level == ids[-1]:
        return WORST
    return MIDDLE


def criterion_line(grade: CriterionGrade | None, criterion_id: str, rubric: Rubric) -> str:
    criterion = rubric.criterion(criterion_id)
    if grade is None or grade.status == "ungraded" or (grade.status == "graded" and grade.level is None):
        reason = f" ({grade.reason})" if grade is not None and grade.reason else ""
        return f"- {PENDING} **{criterion.name}**: {NOT_GRADED}{reason}"
    if grade.status == "not_applicable":
        return f"- {NOT_APPLICABLE} **{criterion.name}**: does not apply to this reply"
    level = criterion.level(grade.level)
    line = f"- {_level_mark(grade, rubric)} **{criterion.name}**: {level.id}: {level.description}"
    if grade.evidence:
        line += f"\n  - evidence: {quote(grade.evidence)}"
    if grade.reason:
        line += f"\n  - why: {grade.reason}"
    return line


def coaching_markdown(grade: ReplyGrade | None, rubric: Rubric) -> str:
    """Every rubric criterion, in rubric order, with its level and evidence; missing ones read 'not graded yet'."""
    criteria = grade.criteria if grade else {}
    return "\n".join(criterion_line(criteria.get(c.id), c.id, rubric) for c in rubric.criteria)


def coaching_title(grade: ReplyGrade | None) -> str:
    """Chainlit shows it as "Used <title>" and as an avatar name, which allows no ':' or brackets."""
    if grade is None or len(grade.ungraded) == len(grade.criteria):
        return f"coaching - {NOT_GRADED}"
    graded = sum(1 for g in grade.criteria.values() if g.status == "graded")
    applicable = sum(1 for g in grade.criteria.values() if g.status != "not_applicable")
    return f"coaching - {graded} of {applicable} criteria graded"


def _percent(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0f}"


def debrief_markdown(debrief: Debrief, rubric: Rubric) -> str:
    """The end-of-session debrief: score, per-criterion table, strengths and improvements with quotes."""
    names = {c.id: c.name for c in rubric.criteria}
    rows = "\n".join(
        f"| {names.get(cid, cid)} | {_percent(debrief.per_criterion.get(cid))} |" for cid in _ordered(debrief, rubric)
    )
    parts = [
        f"## Debrief: {_percent(debrief.overall)} / 100",
        debrief.summary,
        "| Criterion | Score /100 |\n|---|---|\n" + rows,
    ]
    if debrief.strengths:
        parts.append("### What went well")
        parts.append(
            "\n".join(
                f"- **{names.get(s.criterion, s.criterion)}** (turn {s.turn}): you said {quote(s.quote)}\n"
                f"  - why: {s.why}"
                for s in debrief.strengths
            )
        )
    if debrief.improvements:
        parts.append("### What to try next time")
        parts.append(
            "\n".join(
                f"- **{names.get(i.criterion, i.criterion)}** (turn {i.turn}): you said {quote(i.quote)}\n"
                f"  - better: {quote(i.better)}\n  - why: {i.why}"
                for i in debrief.improvements
            )
        )
    return "\n\n".join(part for part in parts if part)


def _ordered(debrief: Debrief, rubric: Rubric) -> list[str]:
    """Rubric order first, then anything the debrief knows that the rubric no longer lists."""
    known = [c.id for c in rubric.criteria]
    return known + [cid for cid in debrief.per_criterion if cid not in known]


def mood_meter_props(persona: Persona, curve: list[Mood]) -> dict:
    """Props of the MoodMeter custom element: the current mood, its band and the way it moved."""
    mood = curve[-1]
    previous = curve[-2] if len(curve) > 1 else mood
    return {
        "customer": persona.name,
        "anger": mood.anger,
        "trust": mood.trust,
        "band": mood.band(persona.temperament.abusive_at).value,
        "angerDelta": mood.anger - previous.anger,
        "trustDelta": mood.trust - previous.trust,
        "history": [{"anger": m.anger, "trust": m.trust} for m in curve],
    }


def mood_curve_svg(curve: list[Mood], *, width: int = 480, height: int = 200) -> str:
    """Anger (red) and trust (green) per turn on a 0-10 scale, as a standalone SVG document."""
    left, right, top, bottom = 36, 12, 14, 30
    plot_w, plot_h = width - left - right, height - top - bottom
    steps = max(len(curve) - 1, 1)

    def point(index: int, value: int) -> str:
        return f"{left + plot_w * index / steps:.1f},{top + plot_h * (10 - value) / 10:.1f}"

    def series(values: list[int], color: str, name: str) -> str:
        points = " ".join(point(i, v) for i, v in enumerate(values))
        dots = "".join(
            f'<circle cx="{point(i, v).split(",")[0]}" cy="{point(i, v).split(",")[1]}" r="3" fill="{color}"/>'
            for i, v in enumerate(values)
        )
        line = f'<polyline fill="none" stroke="{color}" stroke-width="2.5" points="{points}"/>'
        return f'<g class="{name}">{line}{dots}</g>'

    grid = "".join(
        f'<line x1="{left}" x2="{width - right}" y1="{top + plot_h * (10 - v) / 10:.1f}" '
        f'y2="{top + plot_h * (10 - v) / 10:.1f}" stroke="#ddd"/>'
        f'<text x="{left - 6}" y="{top + plot_h * (10 - v) / 10 + 4:.1f}" font-size="11" text-anchor="end">{v}</text>'
        for v in (0, 5, 10)
    )
    ticks = "".join(
        f'<text x="{left + plot_w * i / steps:.1f}" y="{height - 12}" font-size="11" text-anchor="middle">{i}</text>'
        for i in range(len(curve))
    )
    legend = (
        f'<text x="{width - right}" y="{height - 1}" font-size="11" text-anchor="end">'
        '<tspan fill="#d62728">■ anger</tspan>  <tspan fill="#2ca02c">■ trust</tspan>  (by reply)</text>'
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif">'
        f'<rect width="{width}" height="{height}" fill="white"/>{grid}{ticks}'
        + series([m.anger for m in curve], "#d62728", "anger")
        + series([m.trust for m in curve], "#2ca02c", "trust")
        + legend
        + "</svg>"
    )


def session_title(persona_name: str, started_at: datetime) -> str:
    """How a past session is named in the history sidebar."""
    return f"{persona_name} · {started_at:%Y-%m-%d %H:%M}"
