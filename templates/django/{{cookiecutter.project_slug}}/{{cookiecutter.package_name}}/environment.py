"""The environment, with the project's .env loaded: the one place that reads .env.

settings.py and gunicorn.conf.py take their values from ``env`` (django-environ).
Real environment variables win over .env.
"""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# Never overwrites a variable already set; no .env (as in the Docker image) is fine.
env.read_env(BASE_DIR / ".env")
