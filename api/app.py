"""The ASGI application: ``api.app:app``."""
from __future__ import annotations

import asyncio
import gc
from contextlib import asynccontextmanager, suppress

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from assistant.settings import Settings, get_settings
from console.store import PROGRESS_FLUSH_S

from .errors import install_error_handlers
from .housekeeping import finish_writing, purge_interval_s, purge_periodically, use_own_access_log, write_behind
from .limits import RateLimiter
from .clients import Proxies
from .middleware import (AccessLogMiddleware, AllowedHostsMiddleware, BodySizeLimitMiddleware, RateLimitMiddleware,
                         SecurityHeadersMiddleware)
from .services import Services


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        app.state.services = Services.build(settings)
        app.state.services.metrics = metrics
        use_own_access_log()
        services = app.state.services
        # The index, the tokenizer's dictionary and the models are ~200,000 objects that live as long as the process:
        # out of the collector's sight, since a full collection over them takes ~100 ms, during which every request
        # in flight waits. What is made from here on is collected as usual.
        gc.collect()
        gc.freeze()
        purge = asyncio.create_task(purge_periodically(services.store, purge_interval_s(settings.session_ttl_minutes),
                                                       retention=(services.console, settings.retention_days)))
        app.state.purge_task = purge
        flush = asyncio.create_task(write_behind(services.console, services.store, PROGRESS_FLUSH_S))
        yield
        for task in (purge, flush):
            task.cancel()
            with suppress(asyncio.CancelledError):
                await task
        finish_writing(services.console, services.store)
        gc.unfreeze()  # another app made in this process (tests) freezes what it keeps, not what this one kept

    # FastAPI's own docs pages load their scripts from a CDN: off; ASSISTANT_API_DOCS serves ours (no CDN).
    # The OpenAPI document itself is data and stays (integrators and API testers read it).
    app = FastAPI(title="广东省绿色工厂政策助手 / Green-manufacturing policy assistant", version="0.1.0",
                  lifespan=lifespan, docs_url=None, redoc_url=None)
    install_error_handlers(app)
    metrics = None
    if settings.metrics:
        from .metrics import Metrics, MetricsMiddleware

        def queue_length() -> int:
            services = getattr(app.state, "services", None)
            return getattr(services.index.embeddings, "waiting", 0) if services and services.index else 0

        metrics = Metrics(queue_length)
        app.add_middleware(MetricsMiddleware, metrics=metrics)  # innermost: it sees the route that matched
    # The last added runs first. Size and rate checks sit inside CORS so that a browser can read their 4xx;
    # the access log and the security headers see every response, refusals included.
    app.add_middleware(BodySizeLimitMiddleware, limit=settings.max_body_bytes,
                       larger={"/api/admin/documents": settings.max_upload_bytes})
    if settings.rate_limit:
        app.add_middleware(RateLimitMiddleware, limiter=RateLimiter(settings.rate_limit),
                           proxies=Proxies(settings.proxies))
    # Only the department sites listed in ASSISTANT_ALLOWED_ORIGINS may call the API from a browser.
    app.add_middleware(CORSMiddleware, allow_origins=settings.origins, allow_methods=["GET", "POST", "OPTIONS"],
                       allow_headers=["content-type"], expose_headers=["Retry-After"])
    app.add_middleware(AccessLogMiddleware)
    app.add_middleware(SecurityHeadersMiddleware)
    if settings.hosts:  # outermost: a request for another host is refused before anything can echo its Host
        app.add_middleware(AllowedHostsMiddleware, hosts=settings.hosts)
    from .routers import ROUTERS

    for router in ROUTERS:
        app.include_router(router)
    if settings.api_docs:
        from .routers.docs import router as docs_router

        app.include_router(docs_router)
    return app


app = create_app()
