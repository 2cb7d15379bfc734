"""gunicorn settings: bind to $HOST:$PORT (from the environment or .env), migrate, then serve."""

import os
import subprocess
import sys

from {{ cookiecutter.package_name }}.settings import ROOT, get_settings

_settings = get_settings()  # reads .env; production refuses to start without SECRET_KEY
_host = f"[{_settings.host}]" if ":" in _settings.host else _settings.host  # IPv6

bind = f"{_host}:{_settings.port}"
workers = int(os.environ.get("WEB_CONCURRENCY") or 2)
accesslog = "-"
# No runtime control socket: its default path is shared by every gunicorn the
# user runs, so two projects would clash. (Older gunicorn ignores the name.)
control_socket_disable = True


def on_starting(server):
    """Create or alter the tables once, before any worker starts.

    In a child process, so that the workers fork from an arbiter without gluon state or
    database connections. If it fails, gunicorn stops before serving anything.
    """
    module = "{{ cookiecutter.package_name }}.wsgi"
    code = f"import {module}; {module}.migrate()"
    if subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode:
        sys.exit("gunicorn: the database migration failed (see above); not serving")


# On SIGTERM, workers get this long to finish their requests before they are killed.
graceful_timeout = 10
