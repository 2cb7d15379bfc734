"""The project's package: settings, URLs, WSGI/ASGI entry points, middleware and the apps."""
