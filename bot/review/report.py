"""The self-contained HTML team report: the dashboard's tables and inline SVG charts, CSS inline, no links
to fetch; one file to mail or archive."""

from __future__ import annotations

from datetime import datetime

from bot.domain import utcnow
from bot.review.dashboard import Dashboard
from bot.review.templates import environment


def render_report(dashboard: Dashboard, scope: str, generated: datetime | None = None) -> str:
    template = environment().get_template("review/report.html")
    return template.render(dashboard=dashboard, scope=scope, generated=generated or utcnow(), query=None)
