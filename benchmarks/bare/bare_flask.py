"""A bare Flask app answering /health, for the throughput benchmark."""

from flask import Flask

COMMAND = "gunicorn bare_flask:app"

app = Flask(__name__)


@app.get("/health")
def health() -> dict[str, str]:
    """Answer that the process is up."""
    return {"status": "ok"}
