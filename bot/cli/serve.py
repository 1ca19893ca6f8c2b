"""`bot serve [--host H] [--port P]`: the web app under uvicorn (embedded LLM unless BOT_LLM_BASE_URL is set)."""

from __future__ import annotations

import typer
import uvicorn

from bot.cli.main import app, reports_errors
from bot.config import get_settings
from bot.llm import check_llm_settings
from bot.web.app import create_app


@app.command()
@reports_errors
def serve(
    host: str = typer.Option(None, help="Interface to listen on [default: BOT_HOST, 127.0.0.1]"),
    port: int = typer.Option(None, help="Port [default: BOT_PORT, 8000]"),
) -> None:
    """Run the practice app; GET /healthz answers once the LLM and the files are loaded."""
    settings = get_settings()
    check_llm_settings(settings)  # a config mistake is one red line, not a lifespan traceback
    uvicorn.run(create_app(settings, serving=True), host=host or settings.host, port=port or settings.port, log_level="info")
