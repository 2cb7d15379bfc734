"""Gunicorn settings, read from the working directory: production configuration on $HOST:$PORT."""

import os

from dotenv import find_dotenv, load_dotenv

load_dotenv(find_dotenv(usecwd=True))  # .env fills in what the real environment leaves unset

_host = os.environ.get("HOST", "127.0.0.1")
_port = os.environ.get("PORT", "8000")

bind = f"[{_host}]:{_port}" if ":" in _host else f"{_host}:{_port}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# Proxies trusted to say the request came over HTTPS (X-Forwarded-Proto).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# Production configuration, whatever DASH_DEBUG says elsewhere.
raw_env = ["DASH_DEBUG=0"]
accesslog = "-"
# Import the app (Dash, Plotly: seconds) once, before the port opens and the workers fork:
# they start at once, share its memory, and stop at once on SIGTERM. Nothing connects to the
# database before the fork.
preload_app = True
# gunicorn 24+ opens a control socket shared by every instance of the same user: none here.
control_socket_disable = True

# On SIGTERM, workers get this long to finish their requests before they are killed.
graceful_timeout = 10
