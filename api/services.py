"""What the route handlers share: settings, the documents, the index, the session store. Built once per app."""
from __future__ import annotations

from dataclasses import dataclass, field

from assistant.answering import Answerer
from assistant.llm import make_chat_model
from assistant.settings import Settings
from console.store import ConsoleStore
from intake.store import SessionStore
from knowledge.index import HybridIndex
from knowledge.model import Document

from .clients import Proxies
from .limits import RateLimiter
from .metrics import Metrics


@dataclass
class Services:
    settings: Settings
    documents: list[Document] = field(default_factory=list)
    store: SessionStore | None = None
    index: HybridIndex | None = None
    answerer: Answerer | None = None
    admin_failures: RateLimiter | None = None  # wrong admin tokens per client, to slow guessing down
    proxies: Proxies | None = None
    console: ConsoleStore | None = None  # questions, ratings, intakes' progress, audit records
    metrics: Metrics | None = None  # ASSISTANT_METRICS; made with the app, which measures every request

    @classmethod
    def build(cls, settings: Settings) -> "Services":
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        services = cls(settings=settings, admin_failures=RateLimiter(settings.admin_failures_per_minute),
                       proxies=Proxies(settings.proxies))
        services.store = SessionStore(settings.sqlalchemy_url, ttl_minutes=settings.session_ttl_minutes,
                                      migrate=settings.migrate_on_start, background_checkpoints=True)
        services.console = ConsoleStore(services.store)
        services.index = HybridIndex.configured(settings)
        services.documents = services.index.documents
        chat_model = None
        if settings.answer_mode == "llm":
            chat_model = make_chat_model(settings.llm_base_url, settings.llm_model, settings.llm_api_key,
                                         settings.llm_timeout_s)
        services.answerer = Answerer(services.index, chat_model, cache_dir=settings.data_dir, contact=settings.contact)
        services.answerer.scope.warm()  # the scope examples are embedded before the first question, not during it
        from reading import warm

        warm()
        return services
