"""The one retry policy for LLM calls, and the translation of client errors into LLMUnavailable.

Transient failures (timeouts, connection errors, 429, 5xx) are retried with exponential backoff and
jitter; anything else fails at once. What finally fails becomes one LLMUnavailable that names the
endpoint and what to check.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TypeVar

import json
import logging

import httpx
import httpx2
import openai
from langchain_core.language_models import BaseChatModel
from tenacity import AsyncRetrying, retry_if_exception, stop_after_attempt, wait_random_exponential

from bot.errors import BotError, LLMUnavailable

T = TypeVar("T")

log = logging.getLogger(__name__)

TRANSIENT = (
    openai.APIConnectionError,  # includes APITimeoutError
    httpx.TransportError,
    httpx2.TransportError,
    ConnectionError,
    TimeoutError,  # also langchain-openai's StreamChunkTimeoutError
    json.JSONDecodeError,  # a garbled line in the endpoint's event stream (the openai client parses it)
)


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 4
    initial_wait_s: float = 0.5
    max_wait_s: float = 8.0


DEFAULT_RETRY = RetryPolicy()


def is_transient(error: BaseException) -> bool:
    if isinstance(error, openai.APIStatusError):
        return error.status_code in (408, 409, 429) or error.status_code >= 500
    return isinstance(error, TRANSIENT)


async def call_with_retries(
    model: BaseChatModel, call: Callable[[], Awaitable[T]], policy: RetryPolicy = DEFAULT_RETRY
) -> T:
    """Run ``call``; retry it while it fails transiently; raise LLMUnavailable when it gives up."""
    retrying = AsyncRetrying(
        stop=stop_after_attempt(policy.attempts),
        wait=wait_random_exponential(multiplier=policy.initial_wait_s, max=policy.max_wait_s),
        retry=retry_if_exception(is_transient),
        reraise=True,
    )
    try:
        async for attempt in retrying:
            with attempt:
                return await call()
    except Exception as error:
        translated = translate_error(model, error, retrying.statistics.get("attempt_number", 1))
        if translated is error:
            raise
        raise translated from error
    raise AssertionError("unreachable: tenacity either returns or raises")


def endpoint_of(model: BaseChatModel) -> str:
    return getattr(model, "openai_api_base", None) or "the LLM endpoint"


def translate_error(model: BaseChatModel, error: Exception, attempts: int = 1) -> Exception:
    """The user-facing error for a failed call; product errors and programming errors come back as they are."""
    if isinstance(error, BotError):
        return error
    url = endpoint_of(model)
    name = getattr(model, "model_name", None) or "the model"
    tries = f" after {attempts} attempts" if attempts > 1 else ""
    if isinstance(error, openai.AuthenticationError | openai.PermissionDeniedError):
        return LLMUnavailable(f"{url} refused the API key ({error.status_code})", hint="check BOT_LLM_API_KEY")
    if isinstance(error, openai.NotFoundError):
        return LLMUnavailable(
            f"{url} does not serve model {name!r} (404)",
            hint="check BOT_LLM_MODEL / BOT_<ROLE>_MODEL and the base URL (it usually ends with /v1)",
        )
    if isinstance(error, openai.APIStatusError) and not is_transient(error):
        return LLMUnavailable(f"{url} rejected the request for {name!r} ({error.status_code}): {error.message}")
    if is_transient(error):
        # the trainee reads the message; the exception text is for whoever reads the log
        log.warning("LLM call to %s failed%s: %s: %s", url, tries, type(error).__name__, error)
        return LLMUnavailable(
            f"The LLM endpoint {url} is unavailable{tries}: {plain_cause(error)}",
            hint="check that the server is running and BOT_LLM_BASE_URL is right, or unset it to use the "
            "embedded model",
        )
    return error


def plain_cause(error: BaseException) -> str:
    """What went wrong with a transient failure, in words for someone who is not reading a traceback."""
    if isinstance(error, openai.APIStatusError):
        return f"the model server answered with an error ({error.status_code})"
    if isinstance(error, openai.APITimeoutError | httpx.TimeoutException | httpx2.TimeoutException | TimeoutError):
        return "it timed out"
    if isinstance(error, openai.APIConnectionError | httpx.ConnectError | httpx2.ConnectError | ConnectionError):
        return "could not connect"
    if isinstance(error, json.JSONDecodeError):
        return "it sent a garbled answer"
    return "the connection broke off"
