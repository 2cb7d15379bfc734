"""Gunicorn settings, read from the working directory: production configuration on $HOST:$PORT."""

import os

from flask.cli import load_dotenv

load_dotenv()  # .env fills in what the real environment leaves unset

_host = os.environ.get("HOST", "127.0.0.1")
_port = os.environ.get("PORT", "8000")

bind = f"[{_host}]:{_port}" if ":" in _host else f"{_host}:{_port}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# Proxies trusted to say the request came over HTTPS (X-Forwarded-Proto).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# Production configuration, whatever FLASK_DEBUG says elsewhere.
raw_env = ["FLASK_DEBUG=0"]
accesslog = "-"
# No runtime control socket: its default path is shared by every gunicorn the
# user runs, so two projects would clash. (Older gunicorn ignores the name.)
control_socket_disable = True

# On SIGTERM, workers get this long to finish their requests before they are killed.
graceful_timeout = 10
