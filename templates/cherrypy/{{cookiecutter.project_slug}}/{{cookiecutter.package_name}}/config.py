"""Settings read from environment variables (after `.env`, see `server.py`)."""

import secrets
from collections.abc import Mapping
from dataclasses import dataclass

PROJECT_NAME = {{ cookiecutter.project_name|quoted }}

_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"", "0", "false", "no", "off"})


class ConfigError(Exception):
    """The environment does not describe a configuration the application can run with."""


@dataclass(frozen=True, kw_only=True)
class Settings:
    """Everything the application and its server need to know about their deployment."""

    secret_key: str
{%- if cookiecutter.database != 'none' %}
    database_url: str = "sqlite:///db.sqlite3"
{%- endif %}
    debug: bool = False
    allow_http: bool = False
    hsts_seconds: int = 3600
    session_dir: str = "sessions"
    host: str = "127.0.0.1"
    port: int = 8000
    threads: int = 10
    #: Proxies trusted to say how the request came (X-Forwarded-Proto, -Host, -For); "*": any.
    forwarded_allow_ips: frozenset[str] = frozenset({"127.0.0.1", "::1"})

    @property
    def https_only(self) -> bool:
        """Production, unless ALLOW_HTTP: Secure cookies and HSTS."""
        return not self.debug and not self.allow_http

    @classmethod
    def from_env(cls, environ: Mapping[str, str], *, debug: bool | None = None) -> "Settings":
        """Read the settings from `environ`; `debug` overrides the DEBUG variable.

        Raises ConfigError for a malformed value, or for a production configuration
        (debug off) without SECRET_KEY.
        """
        if debug is None:
            debug = _flag(environ, "DEBUG")
        secret_key = environ.get("SECRET_KEY", "")
        if not secret_key:
            if not debug:
                raise ConfigError(
                    "SECRET_KEY is not set: put a long random value in the environment or in .env"
                )
            secret_key = secrets.token_urlsafe(32)  # development only: forgotten at restart
        return cls(
            secret_key=secret_key,
{%- if cookiecutter.database != 'none' %}
            database_url=environ.get("DATABASE_URL") or cls.database_url,
{%- endif %}
            debug=debug,
            allow_http=_flag(environ, "ALLOW_HTTP"),
            hsts_seconds=_integer(
                environ, "HSTS_SECONDS", cls.hsts_seconds, minimum=0, maximum=10**9
            ),
            session_dir=environ.get("SESSION_DIR") or cls.session_dir,
            host=environ.get("HOST") or cls.host,
            port=_integer(environ, "PORT", cls.port, minimum=1, maximum=65535),
            threads=_integer(environ, "THREADS", cls.threads, minimum=1, maximum=1000),
            forwarded_allow_ips=_addresses(environ, "FORWARDED_ALLOW_IPS", cls.forwarded_allow_ips),
        )


def _addresses(environ: Mapping[str, str], name: str, default: frozenset[str]) -> frozenset[str]:
    """Return the comma-separated addresses of `name`, or `default` when it is unset."""
    value = environ.get(name)
    if value is None or not value.strip():
        return default
    return frozenset(part.strip() for part in value.split(",") if part.strip())


def _flag(environ: Mapping[str, str], name: str) -> bool:
    value = environ.get(name, "").strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ConfigError(f"{name} must be true or false, not {value!r}")


def _integer(
    environ: Mapping[str, str], name: str, default: int, *, minimum: int, maximum: int
) -> int:
    value = environ.get(name, "").strip()
    if not value:
        return default
    if not (value.isascii() and value.isdigit()) or not minimum <= int(value) <= maximum:
        raise ConfigError(f"{name} must be an integer from {minimum} to {maximum}, not {value!r}")
    return int(value)
