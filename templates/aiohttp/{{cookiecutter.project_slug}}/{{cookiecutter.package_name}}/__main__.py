"""The development server, run by ``python -m`` on the package: $HOST:$PORT, in debug mode.

Debug mode (unless ``DEBUG=0``) logs at DEBUG level, runs asyncio in debug mode and reloads
templates when they change. Ctrl-C or SIGTERM stops it cleanly.
"""

from __future__ import annotations

import asyncio
import logging
import os
from pathlib import Path

from aiohttp import web
from dotenv import load_dotenv

from .app import create_app
from .config import load_settings


def main() -> None:
    """Run the application on aiohttp's own server."""
    load_dotenv(Path.cwd() / ".env")  # real environment variables win
    os.environ.setdefault("DEBUG", "1")
    settings = load_settings()
    logging.basicConfig(level=logging.DEBUG if settings.debug else logging.INFO)
    host = os.environ.get("HOST", "127.0.0.1")
    port = int(os.environ.get("PORT", "8000"))
    loop = asyncio.new_event_loop()
    loop.set_debug(settings.debug)
    web.run_app(create_app(settings), host=host, port=port, loop=loop, shutdown_timeout=10)


if __name__ == "__main__":
    main()
