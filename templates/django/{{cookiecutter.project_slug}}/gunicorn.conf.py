"""Gunicorn settings, read from the project root by
``gunicorn {{ cookiecutter.package_name }}.wsgi``.

Listens on $HOST:$PORT (default 127.0.0.1:8000) with $WEB_CONCURRENCY worker
processes (default 2), from the environment or .env.
"""

from {{ cookiecutter.package_name }}.environment import env

# An IPv6 address may come with or without brackets ([::1] or ::1).
_host = env.str("HOST", "127.0.0.1").strip("[]")
_port = env.int("PORT", 8000)

bind = f"[{_host}]:{_port}" if ":" in _host else f"{_host}:{_port}"
workers = env.int("WEB_CONCURRENCY", 2)
accesslog = "-"
# No runtime control socket: its default path is shared by every gunicorn the
# user runs, so two projects would clash. (Older gunicorn ignores the name.)
control_socket_disable = True

# On SIGTERM, workers get this long to finish their requests before they are killed.
graceful_timeout = 10
