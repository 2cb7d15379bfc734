"""Gunicorn settings, read from the project root: production configuration on $HOST:$PORT.

Loads .env (real environment variables win) and exports the CubicWeb variables that
point at this project's instance, before gunicorn starts its workers.
"""

import os

from cubicweb_{{ cookiecutter.__cube }}.settings import (
    prepare_environment,
)

_settings = prepare_environment()

_host, _port = _settings.host, _settings.port
bind = f"[{_host}]:{_port}" if ":" in _host else f"{_host}:{_port}"
# Each worker opens its own repository (about 2 s) and database connections.
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# Proxies trusted to say the request came over HTTPS (X-Forwarded-Proto).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
accesslog = "-"
# No runtime control socket: its default path is shared by every gunicorn the user runs,
# so two projects would clash. (Older gunicorn ignores the name.)
control_socket_disable = True

# On SIGTERM, workers get this long to finish their requests before they are killed.
graceful_timeout = 10
