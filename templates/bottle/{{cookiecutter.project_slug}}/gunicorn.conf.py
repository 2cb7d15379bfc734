"""Gunicorn settings: bind to $HOST:$PORT, read from the environment and .env like the app."""

import os

from {{ cookiecutter.package_name }}.config import DEFAULT_HOST, DEFAULT_PORT, load_dotenv

load_dotenv()

_host = os.environ.get("HOST") or DEFAULT_HOST
_port = os.environ.get("PORT") or str(DEFAULT_PORT)
bind = [f"[{_host}]:{_port}" if ":" in _host else f"{_host}:{_port}"]

# Build the app once, in the master process: a configuration error stops the server
# at once, and the database table exists before any worker takes a request.
preload_app = True

accesslog = "-"
# No runtime control socket: its default path is shared by every gunicorn the
# user runs, so two projects would clash. (Older gunicorn ignores the name.)
control_socket_disable = True

# On SIGTERM, workers get this long to finish their requests before they are killed.
graceful_timeout = 10
