"""A bare Bottle app answering /health, for the throughput benchmark."""

import bottle

COMMAND = "gunicorn bare_bottle:app"

app = bottle.Bottle()


@app.get("/health")
def health() -> dict[str, str]:
    """Answer that the process is up."""
    return {"status": "ok"}
