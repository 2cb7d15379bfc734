"""The health check that load balancers and container runtimes poll, and /favicon.ico."""

from pathlib import Path

from flask import Blueprint, Response, send_from_directory

bp = Blueprint("health", __name__)

ASSETS = Path(__file__).resolve().parent / "assets"


@bp.get("/health")
def health() -> dict[str, str]:
    """Answer 200 while the application serves requests."""
    return {"status": "ok"}


@bp.get("/favicon.ico")
def favicon() -> Response:
    """Browsers ask for /favicon.ico whatever the page says: answer the icon of ``assets/``."""
    return send_from_directory(ASSETS, "favicon.ico", max_age=86400)
