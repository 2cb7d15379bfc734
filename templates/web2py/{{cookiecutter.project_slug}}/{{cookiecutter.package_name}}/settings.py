"""Configuration from the environment; a .env file in the project root fills in what is unset."""

import functools
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from dotenv import load_dotenv

#: The project root, which is also the web2py root (VERSION, routes.py, applications/).
ROOT = Path(__file__).resolve().parent.parent
#: The web2py application, in applications/, that serves this project.
APPLICATION = "{{ cookiecutter.package_name }}"
#: Shown by the pages; web2py's template engine escapes it.
PROJECT_NAME = {{ cookiecutter.project_name|quoted }}
DEFAULT_DATABASE_URL = f"sqlite:///applications/{APPLICATION}/databases/storage.sqlite"
TRUE_WORDS = frozenset({"1", "true", "yes", "on"})


class ConfigurationError(RuntimeError):
    """A setting is missing or malformed; the message says which one and how to fix it."""


@dataclass(frozen=True)
class Settings:
    """What the application reads from the environment."""

    secret_key: str
    database_url: str
    debug: bool = False
    host: str = "127.0.0.1"
    port: int = 8000

    @classmethod
    def from_environ(cls, environ: Mapping[str, str]) -> "Settings":
        """Read the settings from ``environ``; production (no DEBUG) requires SECRET_KEY."""
        debug = environ.get("DEBUG", "").strip().lower() in TRUE_WORDS
        secret_key = environ.get("SECRET_KEY", "")
        if not secret_key:
            if not debug:
                raise ConfigurationError(
                    "SECRET_KEY is not set: put one in .env or the environment, e.g. "
                    "SECRET_KEY=$(python -c 'import secrets; print(secrets.token_urlsafe(48))')"
                )
            secret_key = secrets.token_urlsafe(48)  # debug only: sessions end with the process
        port = environ.get("PORT", "8000")
        if not port.isdigit() or not 0 < int(port) < 65536:
            raise ConfigurationError(f"PORT must be a TCP port number, not {port!r}")
        database_url = environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
        dal_uri(database_url)  # fail at start, not at the first request
        return cls(
            secret_key=secret_key,
            database_url=database_url,
            debug=debug,
            host=environ.get("HOST") or "127.0.0.1",
            port=int(port),
        )

    @property
    def dal_uri(self) -> str:
        """Return DATABASE_URL in the form the web2py DAL expects."""
        return dal_uri(self.database_url)


def dal_uri(database_url: str) -> str:
    """Translate a standard database URL into a web2py DAL connection string.

    ``sqlite:///relative/path`` (from the project root) and ``sqlite:////absolute/path``
    become ``sqlite://`` and an absolute path. ``postgresql://user:password@host:port/dbname``
    becomes ``postgres:psycopg2://...``: psycopg2 is the PostgreSQL driver pyDAL supports.
    Percent-encoded user names and passwords are decoded by the DAL (see models/db.py).
    """
    parts = urlsplit(database_url)
    if parts.scheme == "sqlite" and not parts.netloc and parts.path.startswith("/"):
        return f"sqlite://{ROOT / parts.path[1:]}"
    if parts.scheme in ("postgresql", "postgres") and parts.hostname and parts.path[1:]:
        return "postgres:psycopg2://" + database_url.split("://", 1)[1]
    raise ConfigurationError(
        f"DATABASE_URL {database_url!r} is not supported: use sqlite:///path/to/file.sqlite "
        "or postgresql://user:password@host:port/dbname"
    )


@functools.cache
def get_settings() -> Settings:
    """Return the settings, reading .env (the real environment wins) on first use."""
    load_dotenv(ROOT / ".env")
    return Settings.from_environ(os.environ)
