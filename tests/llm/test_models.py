"""Which model, temperature and streaming each role gets, and the configuration mistakes caught early."""

import pytest

from bot.config import Settings
from bot.errors import ConfigError
from bot.llm import ChatModels, Endpoint, check_llm_settings, remote_endpoint

EMBEDDED = Endpoint(base_url="http://127.0.0.1:9/v1", api_key="embedded", label="embedded:smollm2",
                    default_model="smollm2", embedded=True)


def settings(**values) -> Settings:
    return Settings(_env_file=None, **values)


async def test_remote_roles_use_their_own_model_or_the_shared_one():
    config = settings(llm_base_url="https://api.openai.com/v1/", llm_model="gpt-4o-mini", judge_model="gpt-4o",
                      llm_api_key="sk-test")
    models = ChatModels.create(config, remote_endpoint(config))
    assert models.names() == {"customer": "gpt-4o-mini", "judge": "gpt-4o", "debrief": "gpt-4o-mini"}
    assert models.customer.openai_api_base == "https://api.openai.com/v1"
    assert (models.customer.streaming, models.judge.streaming) == (True, False)
    assert (models.customer.temperature, models.judge.temperature) == (0.8, 0.0)
    assert models.judge.max_retries == 0 and models.customer.stream_usage is True
    assert models.retry.attempts == config.llm_max_retries + 1
    await models.aclose()


async def test_embedded_roles_all_use_the_served_model():
    models = ChatModels.create(settings(llm_model="ignored-for-embedded"), EMBEDDED)
    assert set(models.names().values()) == {"smollm2"}
    assert models.customer.openai_api_base == "http://127.0.0.1:9/v1"
    await models.aclose()


def test_a_remote_endpoint_without_model_names_is_a_config_error():
    with pytest.raises(ConfigError, match="No model set for the customer role on http://vllm:8000/v1"):
        check_llm_settings(settings(llm_base_url="http://vllm:8000/v1"))
    check_llm_settings(settings(llm_base_url="http://vllm:8000/v1", llm_model="qwen"))


def test_an_unknown_embedded_model_is_a_config_error():
    with pytest.raises(ConfigError, match="Unknown embedded model 'llama'.*smollm2, gemma3"):
        check_llm_settings(settings(embedded_model="llama"))
    check_llm_settings(settings(embedded_model="smollm2"))
