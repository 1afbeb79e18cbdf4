"""The ASGI application: ``api.app:app``."""
from __future__ import annotations

from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from assistant.settings import Settings, get_settings

from .errors import install_error_handlers
from .services import Services


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        app.state.services = Services.build(settings)
        yield

    app = FastAPI(title="广东省绿色工厂政策助手 / Green-manufacturing policy assistant", version="0.1.0",
                  lifespan=lifespan)
    install_error_handlers(app)
    # Only the department sites listed in ASSISTANT_ALLOWED_ORIGINS may call the API from a browser.
    app.add_middleware(CORSMiddleware, allow_origins=settings.origins, allow_methods=["GET", "POST", "OPTIONS"],
                       allow_headers=["content-type"])
    from .routers import ROUTERS

    for router in ROUTERS:
        app.include_router(router)
    return app


app = create_app()
