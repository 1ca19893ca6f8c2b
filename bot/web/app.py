"""The project's own FastAPI app. Its lifespan opens the LLM endpoint (starting the embedded llama.cpp
server when no URL is set), builds the chat models and loads the catalog; they live on ``app.state``
until shutdown. Routes: GET /healthz; the practice app and review pages are mounted on this app too.

    uvicorn --factory bot.web.app:create_app      (or: bot serve)
"""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request

from bot.config import Settings, get_settings
from bot.files import Catalog, load_catalog
from bot.grading.detectors.learned import load_readings
from bot.llm import ChatModels, open_endpoint
from bot.store import opened_store
from bot.web.login_limit import FailedLoginLimiter, LoginRateLimit
from bot.web.practice import mount_practice_app, start_practice
from bot.web.review import router as review_router


def settle_garbage_collector() -> None:
    """After start-up: the imported modules and loaded files live as long as the process, so they are moved
    out of the collector's sight (gc.freeze) and young collections are made rarer. Under load a full
    collection walked them all (~300 ms, stalling every live stream) a few times a minute: profiled under
    bench.load, 2.6-2.9 ms of CPU per turn before, 0.3 ms after, peak memory unchanged. Only for the
    serving process (``bot serve``): a test process that builds many apps keeps the default collector."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 20, 10)


def create_app(settings: Settings | None = None, serving: bool = False) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with open_endpoint(settings) as endpoint, opened_store(settings.database_url) as store:
            models = ChatModels.create(settings, endpoint)
            app.state.models = models
            app.state.catalog = load_catalog(settings)
            app.state.store = store
            await start_practice(settings, store, models, app.state.catalog)
            if serving:
                load_readings()
                settle_garbage_collector()
            try:
                yield
            finally:
                await models.aclose()

    app = FastAPI(title="De-escalation practice bot", lifespan=lifespan)
    app.state.settings = settings
    app.add_middleware(LoginRateLimit, limiter=FailedLoginLimiter(settings.login_max_failures))
    app.add_api_route("/healthz", healthz, methods=["GET"])
    app.include_router(review_router)
    mount_practice_app(app)  # last: Chainlit's catch-all route would shadow anything added after it
    return app


async def healthz(request: Request) -> dict:
    """Answers once the lifespan has started, i.e. the LLM endpoint is ready and the catalog loaded."""
    state = request.app.state
    models: ChatModels = state.models
    catalog: Catalog = state.catalog
    unavailable = persona_problems(catalog, state.settings.personas_dir)
    return {
        "status": "ok" if catalog.personas else "degraded",
        "model_backend": models.endpoint.label,
        "models": models.names(),
        "personas_loaded": len(catalog.personas),
        "personas_unavailable": unavailable,
    }


def persona_problems(catalog: Catalog, personas_dir: Path) -> list[dict[str, str]]:
    """The catalog's problems that concern persona files, as {file, error}."""
    folder = Path(personas_dir).resolve()
    return [
        {"file": problem.file, "error": str(problem).removeprefix(f"{problem.file}: ")}
        for problem in catalog.problems
        if Path(problem.file).resolve().is_relative_to(folder)
    ]
