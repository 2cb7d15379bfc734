"""A bare Pyramid app (CubicWeb's web layer) answering /health, for the throughput benchmark.

A CubicWeb instance cannot be smaller than its repository and schema; the bare
baseline is the Pyramid application CubicWeb serves its views through.
"""

from pyramid.config import Configurator

COMMAND = "gunicorn bare_cubicweb:application"


def health(request: object) -> dict[str, str]:
    """Answer that the process is up."""
    return {"status": "ok"}


with Configurator() as config:
    config.add_route("health", "/health")
    config.add_view(health, route_name="health", renderer="json")
    application = config.make_wsgi_app()
