"""The environment, with the project's .env loaded: the one place that reads .env.

settings.py and gunicorn.conf.py take their values from ``env`` (environs).
Real environment variables win over .env.
"""

from pathlib import Path

from environs import Env

BASE_DIR = Path(__file__).resolve().parent.parent

env = Env()
# Never overrides a variable already set; no .env (as in the Docker image) is fine.
env.read_env(BASE_DIR / ".env", recurse=False)


def env_list(name: str, default: list[str]) -> list[str]:
    """A comma-separated variable as a list, spaces around the items removed."""
    return [item.strip() for item in env.list(name, default) if item.strip()]
