{%- set asgi = cookiecutter.interface == 'asgi' -%}
"""``GET /health``: for load balancers and container health checks."""
{% if asgi %}
from falcon.asgi import Request, Response
{%- else %}
from falcon import Request, Response
{%- endif %}


class Health:
    """Answer ``{"status": "ok"}`` while the process serves requests."""

    {% if asgi %}async {% endif %}def on_get(self, req: Request, resp: Response) -> None:
        """The cheapest answer there is: no database, no template."""
        resp.media = {"status": "ok"}
