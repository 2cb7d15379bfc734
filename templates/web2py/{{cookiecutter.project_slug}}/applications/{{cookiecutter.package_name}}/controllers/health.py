"""/health, for load balancers and the Docker HEALTHCHECK: no session, no database."""


def index():
    """Answer {"status": "ok"} (models/0_health.py skips the other models for it)."""
    if request.args:
        raise HTTP(404)
    session.forget(response)
    return response.json({"status": "ok"})
