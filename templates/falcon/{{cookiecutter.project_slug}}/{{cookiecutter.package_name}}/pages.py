{%- set asgi = cookiecutter.interface == 'asgi' -%}
"""The HTML pages, rendered by Jinja2 with auto-escaping, and the favicon."""

from pathlib import Path

import falcon
{%- if asgi %}
from falcon.asgi import Request, Response
{%- else %}
from falcon import Request, Response
{%- endif %}
from jinja2 import Environment, PackageLoader, select_autoescape

from .config import Settings

#: One template environment per process: templates are compiled once, then cached.
TEMPLATES = Environment(
    loader=PackageLoader(__package__ or __name__, "templates"),
    autoescape=select_autoescape(default=True),
)


class HomePage:
    """``GET /``: the home page."""

    def __init__(self, settings: Settings) -> None:
        self.template = TEMPLATES.get_template("index.html")
        self.context = {"project_name": settings.project_name}

    {% if asgi %}async {% endif %}def on_get(self, req: Request, resp: Response) -> None:
        """Render the page (Jinja escapes every value)."""
        resp.content_type = falcon.MEDIA_HTML
        resp.text = self.template.render(self.context)



class Favicon:
    """``GET /favicon.ico``: browsers ask for it whatever the page says; answer the SVG icon."""

    def __init__(self) -> None:
        self.icon = (Path(__file__).parent / "static" / "favicon.svg").read_bytes()

    {% if asgi %}async {% endif %}def on_get(self, req: Request, resp: Response) -> None:
        """The icon, read once per process, cached by the browser for a day."""
        resp.content_type = "image/svg+xml"
        resp.cache_control = ["public", "max-age=86400"]
        resp.data = self.icon
