"""This project's cube.

A CubicWeb cube: ``schema.py`` defines its data types, ``entities.py`` their Python
classes, ``hooks.py`` the rules the repository applies on every change, and ``views.py``
the Pyramid views that query the data in RQL. ``cubicweb.pyramid`` calls ``includeme``
below for every cube of the instance.
"""

from pyramid.config import Configurator

from .security import configure_sessions


def includeme(config: Configurator) -> None:
    """Register this cube's session factory, tween, templates, static files, routes, views."""
    configure_sessions(config)
    config.add_tween(f"{__name__}.security.security_headers_tween_factory")
    config.include("pyramid_jinja2")
    config.add_static_view(name="static", path=f"{__name__}:static", cache_max_age=3600)
    config.add_route("home", "/")
    config.add_route("favicon", "/favicon.ico")
    config.add_route("health", "/health")
    config.add_route("items", "/api/items")
    config.add_route("item", r"/api/items/{eid:\d+}")
    config.scan(f"{__name__}.views")
