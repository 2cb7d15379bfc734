"""Settings from the environment, and the .env loader that fills the environment first."""

import os
import re
import secrets
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
#: One hour until you have seen HTTPS work everywhere; then raise it (see the README).
DEFAULT_HSTS_SECONDS = 3600
{%- if cookiecutter.database != 'none' %}
DEFAULT_DATABASE_URL = "sqlite:///db.sqlite3"
{%- endif %}

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}

# KEY=value, KEY="value with \"escapes\"" or KEY='literal value', optionally after
# "export", with blank lines and "#" comments (inline after a space) ignored.
_DOTENV_LINE = re.compile(
    r"""
    \s*(?:export\s+)?(?P<key>[A-Za-z_][A-Za-z0-9_]*)\s*=\s*
    (?:
        "(?P<double>(?:\\.|[^"\\])*)"\s*(?:\#.*)?
      | '(?P<single>[^']*)'\s*(?:\#.*)?
      | (?P<bare>.*?)(?:\s+\#.*)?\s*
    )
    """,
    re.VERBOSE,
)
_ESCAPES = {"n": "\n", "r": "\r", "t": "\t"}


class ConfigError(Exception):
    """A setting is missing or malformed; the message says which and how to fix it."""


def load_dotenv(path: Path = Path(".env"), environ: MutableMapping[str, str] = os.environ) -> None:
    """Copy the variables ``path`` defines into ``environ``; variables already set win."""
    if not path.is_file():
        return
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = _DOTENV_LINE.fullmatch(line)
        if match is None:
            raise ConfigError(f"{path}:{number}: expected KEY=value, got {line.strip()!r}")
        environ.setdefault(match["key"], _value(match))


def _value(match: re.Match[str]) -> str:
    if match["double"] is not None:
        return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m[1], m[1]), match["double"])
    if match["single"] is not None:
        return match["single"]
    return match["bare"]


@dataclass(frozen=True, kw_only=True)
class Config:
    """What one application instance needs to know about its environment."""

    secret_key: str = field(repr=False)
{%- if cookiecutter.database != 'none' %}
    database_url: str = field(default=DEFAULT_DATABASE_URL, repr=False)
{%- endif %}
    debug: bool = False
    #: Production on a laptop: plain HTTP, no redirect, no HSTS, cookies without Secure.
    allow_http: bool = False
    hsts_seconds: int = DEFAULT_HSTS_SECONDS
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT

    @property
    def https_only(self) -> bool:
        """Production: redirect plain HTTP to HTTPS, send HSTS, mark cookies Secure."""
        return not self.debug and not self.allow_http

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> "Config":
        """Read the settings; production (DEBUG off) refuses to run without SECRET_KEY."""
        debug = _flag(environ, "DEBUG")
        secret_key = environ.get("SECRET_KEY", "")
        if not secret_key:
            if not debug:
                raise ConfigError(
                    "SECRET_KEY is not set: put a long random string in the environment or in"
                    " .env (see .env.example), or set DEBUG=true for local development"
                )
            secret_key = secrets.token_urlsafe(32)  # development only: changes every start
        return cls(
            secret_key=secret_key,
{%- if cookiecutter.database != 'none' %}
            database_url=environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL,
{%- endif %}
            debug=debug,
            allow_http=_flag(environ, "ALLOW_HTTP"),
            hsts_seconds=_seconds(environ, "HSTS_SECONDS", DEFAULT_HSTS_SECONDS),
            host=environ.get("HOST") or DEFAULT_HOST,
            port=_port(environ),
        )


def _flag(environ: Mapping[str, str], name: str) -> bool:
    value = environ.get(name, "").strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ConfigError(f"{name} must be true or false, got {value!r}")


def _seconds(environ: Mapping[str, str], name: str, default: int) -> int:
    value = environ.get(name, "").strip() or str(default)
    if not (value.isascii() and value.isdigit()):
        raise ConfigError(f"{name} must be a whole number of seconds, got {value!r}")
    return int(value)


def _port(environ: Mapping[str, str]) -> int:
    value = environ.get("PORT") or str(DEFAULT_PORT)
    if not value.isdigit() or not 0 < int(value) < 65536:
        raise ConfigError(f"PORT must be a number from 1 to 65535, got {value!r}")
    return int(value)
