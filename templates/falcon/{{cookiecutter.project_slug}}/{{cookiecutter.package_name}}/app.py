{%- set db = cookiecutter.database != 'none' -%}
{%- set asgi = cookiecutter.interface == 'asgi' -%}
{%- set App = 'falcon.asgi.App' if asgi else 'falcon.App' -%}
{%- set AppT = 'falcon.asgi.App[falcon.asgi.Request, falcon.asgi.Response]' if asgi else 'falcon.App[falcon.Request, falcon.Response]' -%}
"""The application: ``create_app()`` builds the {{ 'ASGI' if asgi else 'WSGI' }} app the servers and the tests use.

In production gunicorn calls ``create_app()`` itself, with the settings in gunicorn.conf.py.
"""

import json
from functools import partial
from pathlib import Path
from typing import Any

import falcon
{%- if asgi %}
import falcon.asgi
{%- endif %}
import falcon.media

from .config import Settings, load_settings
{%- if db %}
from .database import make_engine
{%- endif %}
from .errors import serialize_error
from .health import Health
{%- if db %}
from .items import ItemCollection, ItemResource
from .middleware import DatabaseSessions, SecurityHeaders
{%- else %}
from .middleware import SecurityHeaders
{%- endif %}
from .pages import Favicon, HomePage

STATIC_DIR = Path(__file__).parent / "static"

#: JSON in and out: compact, UTF-8 as it is.
JSON_HANDLER = falcon.media.JSONHandler(
    dumps=partial(json.dumps, ensure_ascii=False, separators=(",", ":")),
    loads=json.loads,
)


def create_app(
    settings: Settings | None = None,
) -> {{ AppT }}:
    """Return the application, configured from the environment unless ``settings`` is given.

    Everything that can be done once per process happens here: the template
    environment, the routes{% if db %}, the database engine and its connection pool{% endif %}.
    """
    settings = settings or load_settings()
{%- if db %}
    engine = make_engine(settings.database_url)
{%- endif %}
    # Middleware components run in this order for each request, in reverse for the response.
    middleware: list[Any] = [SecurityHeaders(settings){% if db %}, DatabaseSessions(engine){% endif %}]
    app = {{ App }}(middleware=middleware)
    # Unless DEBUG or ALLOW_HTTP, cookies set with resp.set_cookie() travel over HTTPS only.
    app.resp_options.secure_cookies_by_default = not (settings.debug or settings.allow_http)
    # Request bodies: JSON only. Falcon would also parse HTML forms, which another site
    # can make a browser post here; any other Content-Type is now a 415.
    app.req_options.media_handlers = falcon.media.Handlers({falcon.MEDIA_JSON: JSON_HANDLER})
    app.resp_options.media_handlers[falcon.MEDIA_JSON] = JSON_HANDLER
    app.set_error_serializer(serialize_error)

    app.add_route("/", HomePage(settings))
    app.add_route("/favicon.ico", Favicon())
    app.add_route("/health", Health())
{%- if db %}
    app.add_route("/api/items", ItemCollection())
    app.add_route("/api/items/{item_id:int}", ItemResource())
{%- endif %}
    app.add_static_route("/static", STATIC_DIR)
    return app
