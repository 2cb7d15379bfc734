{%- set asgi = cookiecutter.interface == 'asgi' -%}
"""Gunicorn settings, read from the working directory: production configuration on $HOST:$PORT."""

import os

from {{ cookiecutter.package_name }}.config import load_dotenv_file

load_dotenv_file()  # .env fills in what the real environment leaves unset

_host = os.environ.get("HOST", "127.0.0.1")
_port = os.environ.get("PORT", "8000")

bind = f"[{_host}]:{_port}" if ":" in _host else f"{_host}:{_port}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
{%- if asgi %}
# Gunicorn's own ASGI worker: an event loop per process, serving falcon.asgi.App,
# with the lifespan protocol (the database pool is closed at shutdown).
worker_class = "asgi"
asgi_lifespan = "on"
{%- endif %}
# Proxies trusted to say the request came over HTTPS (X-Forwarded-Proto).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# Production configuration, whatever DEBUG says elsewhere.
raw_env = ["DEBUG=0"]
# No control socket: gunicorn 27 would otherwise share ~/.gunicorn/gunicorn.ctl
# between every instance on the machine.
control_socket_disable = True
accesslog = "-"

# On SIGTERM, workers get this long to finish their requests before they are killed.
graceful_timeout = 10
