"""Gunicorn settings, read from the working directory: production configuration on $HOST:$PORT.

Each worker process runs the application on its own asyncio loop (``aiohttp.GunicornWebWorker``).
"""

import os
from pathlib import Path

from dotenv import load_dotenv

load_dotenv(Path.cwd() / ".env")  # .env fills in what the real environment leaves unset

_host = os.environ.get("HOST", "127.0.0.1")
_port = os.environ.get("PORT", "8000")

bind = f"[{_host}]:{_port}" if ":" in _host else f"{_host}:{_port}"
worker_class = "aiohttp.GunicornWebWorker"
{%- if cookiecutter.database == 'postgresql' %}
# Several workers are fine: PostgreSQL LISTEN/NOTIFY carries every change to the WebSockets
# of every worker (see {{ cookiecutter.package_name }}/live.py).
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
{%- elif cookiecutter.database == 'sqlite' %}
# One worker by default: it serves many requests and WebSockets at once, and with SQLite the
# changes to the items reach the WebSockets of the worker that made them only. More workers
# share the database but not the live updates (see README.md, "Live updates").
workers = int(os.environ.get("WEB_CONCURRENCY", "1"))
{%- else %}
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
{%- endif %}
# SIGTERM: stop accepting, close the WebSockets (1001), let requests finish, within 10 s.
graceful_timeout = 10
# gunicorn 27+ opens a control socket shared by every instance on the machine: not needed.
control_socket_disable = True
# Production configuration, whatever DEBUG says in .env.
raw_env = ["DEBUG=0"]
accesslog = "-"
