"""Gunicorn settings, read from the working directory: production on $HOST:$PORT."""

import os
from pathlib import Path

from dotenv import load_dotenv

load_dotenv(Path.cwd() / ".env", override=False)  # .env fills in what the environment leaves unset

_host = os.environ.get("HOST", "127.0.0.1")
_port = os.environ.get("PORT", "8000")

bind = f"[{_host}]:{_port}" if ":" in _host else f"{_host}:{_port}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# Proxies trusted to say the request came over HTTPS (X-Forwarded-Proto).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# Production configuration, whatever DEBUG says elsewhere.
raw_env = ["DEBUG=0"]
accesslog = "-"
# gunicorn 27 opens a control socket shared by every instance on the machine: not needed.
control_socket_disable = True

# On SIGTERM, workers get this long to finish their requests before they are killed.
graceful_timeout = 10
