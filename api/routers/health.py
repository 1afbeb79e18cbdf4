from fastapi import APIRouter

from ..deps import ServicesDep

router = APIRouter(prefix="/api", tags=["health"])


@router.get("/health")
def health(services: ServicesDep) -> dict:
    """Liveness and what the service has loaded."""
    return {"status": "ok", "documents": len(services.documents),
            "articles": sum(len(d.articles) for d in services.documents)}
