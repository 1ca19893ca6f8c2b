"""Settings from the environment and `.env` (prefix BOT_). One object, read once per process."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="BOT_", env_file=".env", extra="ignore")

    # LLM endpoint: empty base URL = start the embedded llama.cpp server.
    llm_base_url: str | None = None
    llm_api_key: str | None = Field(
        default=None, validation_alias=AliasChoices("BOT_LLM_API_KEY", "OPENAI_API_KEY")
    )
    # Model per role; an unset role uses llm_model (required when llm_base_url is set).
    llm_model: str | None = None
    customer_model: str | None = None
    judge_model: str | None = None
    debrief_model: str | None = None
    embedded_model: str = Field(default="smollm2", description="smollm2 | gemma3 (embedded GGUF)")
    embedded_ctx: int = 4096
    embedded_threads: int = 2
    embedded_start_timeout_s: float = 60.0
    llm_timeout_s: float = 60.0
    llm_max_retries: int = 3

    # Grading: offline | llm | hybrid; empty = offline on the embedded model, hybrid on a real endpoint.
    grading_engine: str | None = None

    database_url: str = "sqlite+aiosqlite:///bot.db"

    personas_dir: Path = PROJECT_ROOT / "personas"
    rubrics_dir: Path = PROJECT_ROOT / "rubrics"
    prompts_dir: Path = PROJECT_ROOT / "prompts"
    default_rubric: str = "deescalation"

    host: str = "127.0.0.1"
    port: int = 8000
    auth_secret: str | None = None
    login_max_failures: int = Field(default=10, ge=1, description="failed logins per client per 5 minutes")
    max_message_chars: int = 2000
    turn_cap: int = 12

    @property
    def uses_embedded_model(self) -> bool:
        return not self.llm_base_url


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
