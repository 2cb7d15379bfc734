"""Gunicorn settings: bind to $HOST:$PORT, read from the environment and .env like the app."""

import os

from {{ cookiecutter.package_name }}.config import (
    DEFAULT_HOST,
    DEFAULT_PORT,
    load_dotenv,
)

load_dotenv()

_host = os.environ.get("HOST") or DEFAULT_HOST
_port = os.environ.get("PORT") or str(DEFAULT_PORT)
bind = [f"[{_host}]:{_port}" if ":" in _host else f"{_host}:{_port}"]
# Worker processes: each serves one request at a time (2 x CPU cores + 1 is a good start).
workers = int(os.environ.get("WEB_CONCURRENCY") or "2")
# Proxies trusted to say the request came over HTTPS (X-Forwarded-Proto).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS") or "127.0.0.1,::1"
# Production configuration, whatever DEBUG says elsewhere.
raw_env = ["DEBUG=false"]

# Build the app once, in the master process: a configuration error stops the server
# at once, and the migrations run once before any worker takes a request.
preload_app = True

accesslog = "-"
# No runtime control socket: its default path is shared by every gunicorn the
# user runs, so two projects would clash. (Older gunicorn ignores the name.)
control_socket_disable = True

# On SIGTERM, workers get this long to finish their requests before they are killed.
graceful_timeout = 10
