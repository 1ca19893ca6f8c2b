"""The one LLM port: an OpenAI-compatible chat endpoint through LangChain's ChatOpenAI.

    async with open_endpoint(settings) as endpoint:          # embedded llama.cpp server or BOT_LLM_BASE_URL
        models = ChatModels.create(settings, endpoint)       # one BaseChatModel per role
        async for text in stream_text(models.customer, messages): ...
        grade = await complete_json(models.judge, messages, MySchema)
        await models.aclose()

Everything else in the product receives a ``BaseChatModel`` (tests give it ``tests.fakes.FakeChatModel``).
Retries live in ``bot.llm_retry``: ChatOpenAI's own retries are off so there is one policy.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, TypeVar

import httpx2
import openai
from langchain_core.language_models import BaseChatModel, LanguageModelInput
from langchain_core.messages import BaseMessage, BaseMessageChunk, HumanMessage
from langchain_openai import ChatOpenAI
from pydantic import BaseModel, ValidationError

from bot.config import Settings
from bot.errors import ConfigError, JudgeOutputError
from bot.llm_retry import DEFAULT_RETRY, RetryPolicy, call_with_retries, translate_error

Role = Literal["customer", "judge", "debrief"]
ROLES: tuple[Role, ...] = ("customer", "judge", "debrief")
Schema = TypeVar("Schema", bound=BaseModel)


@dataclass(frozen=True)
class RoleTuning:
    temperature: float
    max_tokens: int
    streaming: bool


# The customer improvises (warm, short, streamed); the judge must be repeatable; the debrief is prose.
# 0.8 also suits the embedded SmolLM2: it stayed in character 6/12 times at 0.8, 2/12 at 0.5 (README: The embedded model).
ROLE_TUNING: dict[Role, RoleTuning] = {
    "customer": RoleTuning(temperature=0.8, max_tokens=160, streaming=True),
    "judge": RoleTuning(temperature=0.0, max_tokens=1200, streaming=False),
    "debrief": RoleTuning(temperature=0.3, max_tokens=700, streaming=True),
}


@dataclass(frozen=True)
class Endpoint:
    """Where the chat models live. ``label`` is what /healthz and logs show."""

    base_url: str  # ends with /v1
    api_key: str
    label: str
    default_model: str | None = None  # the embedded server's alias; None for a remote endpoint
    embedded: bool = False


def remote_endpoint(settings: Settings) -> Endpoint:
    base_url = settings.llm_base_url or ""
    return Endpoint(
        base_url=base_url.rstrip("/"),
        # Local servers (vLLM, Ollama) accept any key, but the OpenAI client insists on one.
        api_key=settings.llm_api_key or "not-needed",
        label=base_url,
        default_model=settings.llm_model,
    )


@asynccontextmanager
async def open_endpoint(settings: Settings) -> AsyncIterator[Endpoint]:
    """The configured endpoint; starts (and finally stops) the embedded server when no URL is set."""
    if not settings.uses_embedded_model:
        yield remote_endpoint(settings)
        return
    from bot.embedded import EmbeddedServer  # xllamacpp is only loaded when it is used

    async with EmbeddedServer.from_settings(settings) as server:
        yield server.endpoint


def check_llm_settings(settings: Settings) -> None:
    """Fail before start-up (as a ConfigError) on what would fail during it: an unknown or missing
    embedded model, or a remote role without a model name."""
    if settings.uses_embedded_model:
        from bot.embedded import EmbeddedServer

        EmbeddedServer.from_settings(settings).model.gguf_path()
        return
    for role in ROLES:
        model_name_for(role, settings, remote_endpoint(settings))


def model_name_for(role: Role, settings: Settings, endpoint: Endpoint) -> str:
    if endpoint.embedded:
        return endpoint.default_model or "embedded"
    name = getattr(settings, f"{role}_model") or settings.llm_model
    if not name:
        raise ConfigError(
            f"No model set for the {role} role on {endpoint.base_url}",
            hint=f"set BOT_{role.upper()}_MODEL, or BOT_LLM_MODEL for every role",
        )
    return name


class UntypedCompletions:
    """``ChatOpenAI.async_client``: the same openai client (base URL, key, timeouts, errors, event-stream
    parsing) without the SDK's typed layer, which re-walks every message of the request against its
    TypedDicts (about 0.4 ms of CPU per message: 14 ms a call by the tenth turn) and builds a pydantic
    object per answer or streamed chunk that LangChain turns straight back into a dict. LangChain takes
    dicts as they are. ``client.post`` is the openai client's documented way to make a request without
    the typed layer; ``extra_body`` (how the judge sends its response_format, see ``complete_json``) is
    merged into the body as the typed layer would."""

    def __init__(self, client: openai.AsyncOpenAI):
        self._client, self._typed = client, client.chat.completions
        self.with_raw_response = _RawResponses(self)

    async def create(self, **params: object) -> object:
        extra = params.pop("extra_body", None) or {}
        body = {**params, **extra}
        streaming = bool(body.get("stream"))
        return await self._client.post("/chat/completions", body=body, cast_to=object, stream=streaming,
                                       stream_cls=openai.AsyncStream[object] if streaming else None)

    def __getattr__(self, name: str) -> object:  # anything else: the typed resource's
        return getattr(self._typed, name)


@dataclass(frozen=True)
class _RawAnswer:
    """What LangChain reads of a raw response: ``parse()`` (a dict is taken as it is) and no headers."""

    answer: object
    headers = None

    def parse(self) -> object:
        return self.answer


@dataclass(frozen=True)
class _RawResponses:
    completions: UntypedCompletions

    async def create(self, **params: object) -> _RawAnswer:
        return _RawAnswer(await self.completions.create(**params))


def make_chat_model(
    role: Role, settings: Settings, endpoint: Endpoint, http_client: httpx2.AsyncClient | None = None
) -> ChatOpenAI:
    tuning = ROLE_TUNING[role]
    timeout = httpx2.Timeout(settings.llm_timeout_s, connect=5.0)
    model = ChatOpenAI(
        model=model_name_for(role, settings, endpoint),
        base_url=endpoint.base_url,
        api_key=endpoint.api_key,
        temperature=tuning.temperature,
        max_tokens=tuning.max_tokens,
        streaming=tuning.streaming,
        stream_usage=True,  # token counts also when base_url is not OpenAI's
        timeout=timeout,
        max_retries=0,  # bot.llm_retry is the one retry policy
        # The whole call is bounded by `timeout`; a per-chunk timer costs an asyncio task per streamed chunk.
        stream_chunk_timeout=None,
        # Our own client: langchain-openai's default one is cached across event loops.
        http_async_client=http_client or openai.DefaultAsyncHttpxClient(timeout=timeout),
    )
    model.async_client = UntypedCompletions(model.root_async_client)
    return model


@dataclass
class ChatModels:
    customer: BaseChatModel
    judge: BaseChatModel
    debrief: BaseChatModel
    endpoint: Endpoint
    retry: RetryPolicy = DEFAULT_RETRY
    _http_client: httpx2.AsyncClient | None = None

    @classmethod
    def create(cls, settings: Settings, endpoint: Endpoint) -> ChatModels:
        client = openai.DefaultAsyncHttpxClient(timeout=httpx2.Timeout(settings.llm_timeout_s, connect=5.0))
        models = {role: make_chat_model(role, settings, endpoint, client) for role in ROLES}
        retry = RetryPolicy(attempts=settings.llm_max_retries + 1)
        return cls(**models, endpoint=endpoint, retry=retry, _http_client=client)

    def names(self) -> dict[str, str]:
        return {role: model_label(getattr(self, role)) for role in ROLES}

    async def aclose(self) -> None:
        if self._http_client is not None:
            await self._http_client.aclose()


def model_label(model: BaseChatModel) -> str:
    """The model's name as recorded with grades and turns."""
    return getattr(model, "model_name", None) or type(model).__name__


async def stream_text(
    model: BaseChatModel, messages: LanguageModelInput, retry: RetryPolicy = DEFAULT_RETRY
) -> AsyncIterator[str]:
    """The reply as text pieces. Retries only until the first piece: after that the user has seen text,
    and a failure surfaces as LLMUnavailable."""
    stream, first = await call_with_retries(model, lambda: _open_stream(model, messages), retry)
    try:
        if first:
            yield first
        async for chunk in stream:
            if chunk.text:
                yield chunk.text
    except Exception as error:
        translated = translate_error(model, error)
        if translated is error:
            raise
        raise translated from error
    finally:
        await stream.aclose()


async def _open_stream(
    model: BaseChatModel, messages: LanguageModelInput
) -> tuple[AsyncIterator[BaseMessageChunk], str]:
    """Start the stream and wait for its first non-empty text (role and usage chunks carry none)."""
    stream = model.astream(messages)
    async for chunk in stream:
        if chunk.text:
            return stream, chunk.text
    return stream, ""


async def complete_json(
    model: BaseChatModel,
    messages: Sequence[BaseMessage],
    schema: type[Schema],
    retry: RetryPolicy = DEFAULT_RETRY,
    repairs: int = 1,
) -> Schema:
    """One call constrained to ``schema`` (response_format json_schema, which llama.cpp turns into a
    grammar), parsed with pydantic. An answer that does not validate is sent back once with the error
    (instructor-style); if it still fails: JudgeOutputError."""
    # As extra_body, not response_format: LangChain sends response_format through the SDK's typed parse
    # (2-3 ms of CPU a call); the request on the wire is the same.
    constrained = model.bind(extra_body={"response_format": json_schema_format(schema)})
    conversation = list(messages)
    for _ in range(repairs + 1):
        answer = await call_with_retries(model, lambda: constrained.ainvoke(conversation), retry)
        if answer.response_metadata.get("finish_reason") == "length":
            # Small models can loop inside a JSON string; the same request would loop again.
            raise JudgeOutputError(
                f"{model_label(model)} ran out of tokens before finishing its {schema.__name__} JSON",
                hint="give string fields a max_length in the schema, or use a larger model",
            )
        try:
            return schema.model_validate_json(answer.text)
        except ValidationError as error:
            problem = _short_validation_error(error)
            conversation += [answer, HumanMessage(f"That JSON is invalid: {problem}. Answer again with valid JSON.")]
    raise JudgeOutputError(
        f"{model_label(model)} did not answer with valid {schema.__name__} JSON: {problem}",
        hint="a larger model (BOT_JUDGE_MODEL) follows the schema more reliably",
    )


@lru_cache(maxsize=256)
def json_schema_format(schema: type[BaseModel]) -> dict:
    """Made once per schema class (pydantic's JSON schema generation takes milliseconds); not to be changed."""
    # Not strict: OpenAI's strict mode rejects optional fields and defaults; llama.cpp and vLLM
    # enforce the schema as a grammar either way.
    return {"type": "json_schema", "json_schema": {"name": schema.__name__, "schema": schema.model_json_schema()}}


def _short_validation_error(error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"]) or "the answer"
    more = f" (and {error.error_count() - 1} more)" if error.error_count() > 1 else ""
    return f"{where}: {first['msg']}{more}"
