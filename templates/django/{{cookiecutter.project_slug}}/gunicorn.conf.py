"""Gunicorn settings, read from the project root by ``gunicorn {{ cookiecutter.package_name }}.wsgi``.

Loads .env first (real environment variables win), then listens on
$HOST:$PORT (default 127.0.0.1:8000) with $WEB_CONCURRENCY worker processes
(default 2).
"""

import os
from pathlib import Path

from dotenv import load_dotenv

load_dotenv(Path(__file__).resolve().parent / ".env")

_host = os.environ.get("HOST", "127.0.0.1")
_port = os.environ.get("PORT", "8000")

bind = f"[{_host}]:{_port}" if ":" in _host else f"{_host}:{_port}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
accesslog = "-"
# No runtime control socket: its default path is shared by every gunicorn the
# user runs, so two projects would clash. (Older gunicorn ignores the name.)
control_socket_disable = True

# On SIGTERM, workers get this long to finish their requests before they are killed.
graceful_timeout = 10
