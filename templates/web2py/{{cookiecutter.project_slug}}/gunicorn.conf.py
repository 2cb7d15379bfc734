"""gunicorn settings: bind to $HOST:$PORT (from the environment or .env), migrate, then serve."""

import os
import subprocess
import sys

from settings import ROOT, get_settings

_settings = get_settings()  # reads .env; production refuses to start without SECRET_KEY
_host = f"[{_settings.host}]" if ":" in _settings.host else _settings.host  # IPv6

bind = f"{_host}:{_settings.port}"
workers = int(os.environ.get("WEB_CONCURRENCY") or 2)
accesslog = "-"


def on_starting(server):
    """Create or alter the tables once, before any worker starts.

    In a child process, so that the workers fork from an arbiter without gluon state or
    database connections. If it fails, gunicorn stops before serving anything.
    """
    migration = [sys.executable, "-c", "import wsgihandler; wsgihandler.migrate()"]
    if subprocess.run(migration, cwd=ROOT).returncode:
        sys.exit("gunicorn: the database migration failed (see above); not serving")
