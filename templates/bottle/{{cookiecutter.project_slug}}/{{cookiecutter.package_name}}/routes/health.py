"""The health check for load balancers, orchestrators and the Docker HEALTHCHECK."""

from bottle import Bottle


def register(app: Bottle) -> None:
    """Add ``GET /health``."""
    app.get("/health", callback=health)


def health() -> dict[str, str]:
    """Answer 200 as long as the process serves requests."""
    return {"status": "ok"}
