"""What the route handlers share: settings, the documents, the index, the session store. Built once per app."""
from __future__ import annotations

from dataclasses import dataclass, field

from assistant.settings import Settings
from knowledge.model import Document
from knowledge.sources import load_documents


@dataclass
class Services:
    settings: Settings
    documents: list[Document] = field(default_factory=list)
    store: object | None = None  # intake.store.SessionStore
    index: object | None = None  # knowledge.index.HybridIndex

    @classmethod
    def build(cls, settings: Settings) -> "Services":
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        services = cls(settings=settings, documents=load_documents(settings.data_dir))
        from intake.store import SessionStore

        services.store = SessionStore(settings.sqlalchemy_url, ttl_minutes=settings.session_ttl_minutes)
        return services
