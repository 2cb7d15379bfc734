"""The health check that load balancers and container runtimes poll."""

from flask import Blueprint

bp = Blueprint("health", __name__)


@bp.get("/health")
def health() -> dict[str, str]:
    """Answer 200 while the application serves requests."""
    return {"status": "ok"}
