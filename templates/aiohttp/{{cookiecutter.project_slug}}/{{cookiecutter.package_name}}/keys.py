"""Typed keys of what the application shares between its handlers (``app[KEY]``)."""

from __future__ import annotations
{%- if cookiecutter.database != 'none' %}

from typing import TYPE_CHECKING
{%- endif %}

from aiohttp import web

from .config import Settings
{%- if cookiecutter.database != 'none' %}

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncEngine

    from .live import Broker, Hub
{%- endif %}

SETTINGS = web.AppKey("settings", Settings)
{%- if cookiecutter.database != 'none' %}
#: The database engine (a pool of connections), opened and disposed of by ``db.database``.
ENGINE: web.AppKey[AsyncEngine] = web.AppKey("engine")
#: The WebSockets open in this process.
HUB: web.AppKey[Hub] = web.AppKey("hub")
#: Carries item changes to the WebSockets of every process (``live.events``).
BROKER: web.AppKey[Broker] = web.AppKey("broker")
{%- endif %}
