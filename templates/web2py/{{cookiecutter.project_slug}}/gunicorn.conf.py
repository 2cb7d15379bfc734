"""gunicorn settings: bind to $HOST:$PORT (from the environment or .env), migrate, then serve."""

import os
import subprocess
import sys
from pathlib import Path

from dotenv import load_dotenv

ROOT = Path(__file__).resolve().parent
load_dotenv(ROOT / ".env")  # the real environment wins

_host = os.environ.get("HOST") or "127.0.0.1"
_port = os.environ.get("PORT") or "8000"
bind = f"[{_host}]:{_port}" if ":" in _host else f"{_host}:{_port}"
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
