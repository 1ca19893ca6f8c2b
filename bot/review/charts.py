"""Inline SVG charts for the review pages and the report: no script, no network, every label escaped (pure)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from bot.domain import Mood

PALETTE = ["#2563eb", "#dc2626", "#16a34a", "#9333ea", "#ea580c", "#0891b2", "#65a30d", "#db2777"]
WIDTH, HEIGHT, PAD_LEFT, PAD_RIGHT, PAD_TOP, PAD_BOTTOM = 560, 220, 36, 30, 12, 40
LEGEND_ROW = 16


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float | None]  # one per x label; None = no data there (the line breaks)


def line_chart(title: str, x_labels: Sequence[str], series: Sequence[Series], y_max: float) -> Markup:
    """Lines over shared x labels, y from 0 to y_max, with a legend; gaps where a value is None."""
    plot_w, plot_h = WIDTH - PAD_LEFT - PAD_RIGHT, HEIGHT - PAD_TOP - PAD_BOTTOM
    step = plot_w / max(1, len(x_labels) - 1)

    def x(i: int) -> float:
        return PAD_LEFT + (i * step if len(x_labels) > 1 else plot_w / 2)

    def y(value: float) -> float:
        return PAD_TOP + plot_h * (1 - value / y_max)

    parts = [_axes(plot_w, plot_h, y_max)]
    label_every = max(1, len(x_labels) // 8)
    for i, label in enumerate(x_labels):
        if i % label_every == 0:
            parts.append(f'<text x="{x(i):.1f}" y="{HEIGHT - PAD_BOTTOM + 14}" text-anchor="middle" '
                         f'font-size="10">{escape(label)}</text>')
    for n, line in enumerate(series):
        color = PALETTE[n % len(PALETTE)]
        for run in _runs(line.values):
            points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in run)
            parts.append(f'<polyline fill="none" stroke="{color}" stroke-width="2" points="{points}"/>')
            parts += [f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="2.5" fill="{color}">'
                      f'<title>{escape(line.name)} {escape(x_labels[i])}: {v:.0f}</title></circle>' for i, v in run]
    legend, rows = _legend([s.name for s in series], HEIGHT - 14)
    return _svg(title, "".join(parts) + legend, HEIGHT + (rows - 1) * LEGEND_ROW)


def bar_chart(title: str, bars: Sequence[tuple[str, float | None]], x_max: float = 100) -> Markup:
    """Horizontal bars, one per (label, value); None shows as 'no data'."""
    row_h, label_w = 22, 170
    height = PAD_TOP + row_h * len(bars) + 8
    parts = []
    for i, (label, value) in enumerate(bars):
        top = PAD_TOP + i * row_h
        parts.append(f'<text x="{label_w - 6}" y="{top + 15}" text-anchor="end" font-size="12">{escape(label)}</text>')
        if value is None:
            parts.append(f'<text x="{label_w}" y="{top + 15}" font-size="11" fill="#6b7280">no data</text>')
            continue
        width = (WIDTH - label_w - 50) * max(0.0, min(value, x_max)) / x_max
        parts.append(f'<rect x="{label_w}" y="{top + 4}" width="{width:.1f}" height="{row_h - 8}" '
                     f'fill="{_band(value)}"/>'
                     f'<text x="{label_w + width + 4:.1f}" y="{top + 15}" font-size="11">{value:.0f}</text>')
    return _svg(title, "".join(parts), height)


def mood_chart(curve: Sequence[Mood]) -> Markup:
    """The customer's anger and trust (0-10) after each reply."""
    labels = [str(i) for i in range(len(curve))]
    return line_chart("Customer mood by turn", labels,
                      [Series("trust", [m.trust for m in curve]), Series("anger", [m.anger for m in curve])], 10)


def _band(value: float) -> str:
    return "#dc2626" if value < 50 else "#f59e0b" if value < 75 else "#16a34a"


def _runs(values: Sequence[float | None]) -> list[list[tuple[int, float]]]:
    runs: list[list[tuple[int, float]]] = [[]]
    for i, value in enumerate(values):
        if value is None:
            runs.append([])
        else:
            runs[-1].append((i, value))
    return [run for run in runs if run]


def _axes(plot_w: float, plot_h: float, y_max: float) -> str:
    lines = []
    for fraction in (0, 0.5, 1):
        y = PAD_TOP + plot_h * (1 - fraction)
        lines.append(f'<line x1="{PAD_LEFT}" x2="{PAD_LEFT + plot_w}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e5e7eb"/>'
                     f'<text x="{PAD_LEFT - 4}" y="{y + 4:.1f}" text-anchor="end" font-size="10">'
                     f'{y_max * fraction:g}</text>')
    return "".join(lines)


def _legend(names: Sequence[str], top: int) -> tuple[str, int]:
    """Colour keys from `top` down, wrapped to the chart's width; returns the SVG and the number of rows."""
    parts, x, row = [], PAD_LEFT, 0
    for n, name in enumerate(names):
        width = 24 + 7 * len(name)
        if x + width > WIDTH and x > PAD_LEFT:
            x, row = PAD_LEFT, row + 1
        y = top + row * LEGEND_ROW
        parts.append(f'<rect x="{x}" y="{y}" width="10" height="10" fill="{PALETTE[n % len(PALETTE)]}"/>'
                     f'<text x="{x + 14}" y="{y + 9}" font-size="11">{escape(name)}</text>')
        x += width
    return "".join(parts), row + 1


def _svg(title: str, body: str, height: int = HEIGHT) -> Markup:
    return Markup(f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {WIDTH} {height}" '
                  f'width="{WIDTH}" height="{height}" class="chart"><title>{escape(title)}</title>{body}</svg>')
