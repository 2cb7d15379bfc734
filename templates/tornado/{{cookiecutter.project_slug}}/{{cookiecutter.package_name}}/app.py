{%- set items = cookiecutter.database != 'none' -%}
{%- set auth = cookiecutter.auth == 'yes' -%}
{%- set uses_db = items or auth -%}
"""The Tornado application: its routes and settings, and what it opens and closes."""

from __future__ import annotations

import tornado.web

{% if auth -%}
from .auth import AccountHandler, LoginHandler, LogoutHandler, RegisterHandler
{% endif -%}
from .config import PACKAGE_DIR, Settings
{% if uses_db -%}
from .db import Database
{% endif -%}
{% if items -%}
from .items import ChangesHandler, ItemHandler, ItemsHandler, LiveSocket
from .live import Hub
{% endif -%}
from .web import HealthHandler, IndexHandler, NotFoundHandler, StaticFileHandler


class Application(tornado.web.Application):
    """The application of one process{% if uses_db %}: it owns the database engine{% if items %} and the live-update hub{% endif %}{% endif %}.

    Call ``await app.start()`` before serving and ``await app.stop()`` after.
    """

    def __init__(self, config: Settings{% if items %}, *, poll: bool = False{% endif %}) -> None:
        self.config = config
{%- if uses_db %}
        self.db = Database(config.database_url)
{%- endif %}
{%- if items %}
        #: ``poll``: watch the table for other processes' changes (SQLite, several workers).
        self.hub = Hub(self.db, poll=poll)
{%- endif %}
        routes = [
            tornado.web.url(r"/", IndexHandler, name="index"),
            tornado.web.url(r"/health", HealthHandler, name="health"),
{%- if items %}
            tornado.web.url(r"/api/items", ItemsHandler, name="items"),
            tornado.web.url(r"/api/items/changes", ChangesHandler, name="changes"),
            tornado.web.url(r"/api/items/([0-9]+)", ItemHandler, name="item"),
            tornado.web.url(r"/ws", LiveSocket, name="live"),
{%- endif %}
{%- if auth %}
            tornado.web.url(r"/register", RegisterHandler, name="register"),
            tornado.web.url(r"/login", LoginHandler, name="login"),
            tornado.web.url(r"/logout", LogoutHandler, name="logout"),
            tornado.web.url(r"/account", AccountHandler, name="account"),
{%- endif %}
        ]
        # Cookies travel over HTTPS only, unless DEBUG or ALLOW_HTTP (production over HTTP).
        secure_cookies = not (config.debug or config.allow_http)
        super().__init__(
            routes,
            default_handler_class=NotFoundHandler,
            template_path=str(PACKAGE_DIR / "templates"),
            static_path=str(PACKAGE_DIR / "static"),
            static_handler_class=StaticFileHandler,
            cookie_secret=config.secret_key,
            xsrf_cookies=True,
            xsrf_cookie_kwargs={
                "httponly": True,
                "samesite": "Strict",
                "secure": secure_cookies,
            },
            # Read by the handlers: the Secure flag of their cookies, and HSTS (None: none).
            secure_cookies=secure_cookies,
            hsts=None if config.allow_http else f"max-age={config.hsts_seconds}; includeSubDomains",
{%- if auth %}
            login_url="/login",
{%- endif %}
            websocket_ping_interval=30,
            debug=config.debug,
        )

    async def start(self) -> None:
        """Open what the application needs before it serves."""
{%- if items %}
        await self.hub.start()
{%- endif %}

    async def stop(self) -> None:
        """Close it all: {% if items %}WebSockets, waiting requests, {% endif %}database connections."""
{%- if items %}
        await self.hub.close()
{%- endif %}
{%- if uses_db %}
        await self.db.close()
{%- endif %}
