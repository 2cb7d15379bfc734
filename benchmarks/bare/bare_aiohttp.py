"""A bare aiohttp app answering /health, for the throughput benchmark."""

from aiohttp import web

COMMAND = "gunicorn bare_aiohttp:app_factory"


async def health(request: web.Request) -> web.Response:
    """Answer that the process is up."""
    return web.json_response({"status": "ok"})


async def app_factory() -> web.Application:
    """Build the application (gunicorn's aiohttp worker awaits this)."""
    app = web.Application()
    app.router.add_get("/health", health)
    return app
