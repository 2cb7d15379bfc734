"""Configuration from the environment; a .env file in the project root fills in what is unset."""

import functools
import getpass
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, quote, unquote, urlsplit

from dotenv import load_dotenv

#: The project root, which is also the web2py root (VERSION, routes.py, applications/).
ROOT = Path(__file__).resolve().parent.parent
#: The web2py application, in applications/, that serves this project.
APPLICATION = "{{ cookiecutter.package_name }}"
#: Shown by the pages; web2py's template engine escapes it.
PROJECT_NAME = {{ cookiecutter.project_name|quoted }}
DEFAULT_DATABASE_URL = f"sqlite:///applications/{APPLICATION}/databases/storage.sqlite"
DEFAULT_HSTS_SECONDS = 3600
TRUE_WORDS = frozenset({"1", "true", "yes", "on"})


class ConfigurationError(RuntimeError):
    """A setting is missing or malformed; the message says which one and how to fix it."""


@dataclass(frozen=True)
class DalConnection:
    """What the web2py DAL is given: its connection string, and the driver's other arguments."""

    uri: str
    driver_args: dict[str, str] = field(default_factory=dict)
    #: Whether the user name and password in ``uri`` are percent-encoded. pyDAL's decoder
    #: fails on a URL without a password, so such a URL carries the user name as it is.
    decode_credentials: bool = False


@dataclass(frozen=True)
class Settings:
    """What the application reads from the environment."""

    secret_key: str
    database_url: str
    debug: bool = False
    allow_http: bool = False
    hsts_seconds: int = DEFAULT_HSTS_SECONDS
    host: str = "127.0.0.1"
    port: int = 8000

    @classmethod
    def from_environ(cls, environ: Mapping[str, str]) -> "Settings":
        """Read the settings from ``environ``; production (no DEBUG) requires SECRET_KEY."""
        debug = _flag(environ, "DEBUG")
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
        hsts = environ.get("HSTS_SECONDS", "").strip() or str(DEFAULT_HSTS_SECONDS)
        if not hsts.isdigit():
            raise ConfigurationError(f"HSTS_SECONDS must be a number of seconds, not {hsts!r}")
        database_url = environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
        dal_connection(database_url)  # fail at start, not at the first request
        return cls(
            secret_key=secret_key,
            database_url=database_url,
            debug=debug,
            allow_http=_flag(environ, "ALLOW_HTTP"),
            hsts_seconds=int(hsts),
            host=environ.get("HOST") or "127.0.0.1",
            port=int(port),
        )

    @property
    def production(self) -> bool:
        """True unless DEBUG is on."""
        return not self.debug

    @property
    def https_only(self) -> bool:
        """Production, not relaxed by ALLOW_HTTP: Secure cookies and HSTS."""
        return self.production and not self.allow_http

    @property
    def dal(self) -> DalConnection:
        """Return DATABASE_URL in the form the web2py DAL expects."""
        return dal_connection(self.database_url)


def _flag(environ: Mapping[str, str], name: str) -> bool:
    return environ.get(name, "").strip().lower() in TRUE_WORDS


def dal_connection(database_url: str) -> DalConnection:
    """Translate a standard database URL into a web2py DAL connection string.

    ``sqlite:///relative/path`` (from the project root) and ``sqlite:////absolute/path``
    become ``sqlite://`` and an absolute path. Every libpq form of ``postgresql://`` works
    (psycopg2 is the PostgreSQL driver pyDAL supports): with or without a password, a port
    or a user name (libpq's default, the system user), a Unix-socket folder as the host
    (``postgresql://user@%2Fvar%2Frun%2Fpostgresql/db`` or ``?host=/var/run/postgresql``)
    and query parameters (``?sslmode=require``), which go to the driver as they are.
    pyDAL's own parser knows only part of this: it is given the part it knows and
    the driver the rest.
    """
    parts = urlsplit(database_url)
    if parts.scheme == "sqlite" and not parts.netloc and parts.path.startswith("/"):
        return DalConnection(f"sqlite://{ROOT / parts.path[1:]}")
    dbname = unquote(parts.path[1:])
    if parts.scheme in ("postgresql", "postgres") and dbname and not set("/?") & set(dbname):
        params = dict(parse_qsl(parts.query, keep_blank_values=True))
        host = params.pop("host", None) or _host(parts.netloc)
        try:
            port = str(parts.port or params.pop("port", "") or 5432)
        except ValueError:
            raise ConfigurationError(f"DATABASE_URL has a bad port: {database_url!r}") from None
        params.pop("port", None)
        user = unquote(parts.username or "") or params.pop("user", "") or getpass.getuser()
        if parts.password is not None:
            credentials = quote(user, safe="") + ":" + quote(unquote(parts.password), safe="")
        elif not set(":@") & set(user):
            credentials = user
        else:
            raise ConfigurationError("DATABASE_URL: a user name with : or @ needs a password")
        encoded = parts.password is not None
        target = dbname  # pyDAL passes the database name on as it is
        if host.startswith("/"):  # a Unix-socket folder: pyDAL wants the socket itself
            socket = f"{host.rstrip('/')}/.s.PGSQL.{port}"
            uri = f"postgres:psycopg2://{credentials}@/{target}?unix_socket={socket}"
            return DalConnection(uri, {**params, "port": port}, encoded)
        if not host:
            host = "localhost"
        if ":" in host:  # IPv6
            return DalConnection(
                f"postgres:psycopg2://{credentials}@localhost:{port}/{target}",
                {**params, "hostaddr": host},
                encoded,
            )
        uri = f"postgres:psycopg2://{credentials}@{host}:{port}/{target}"
        return DalConnection(uri, params, encoded)
    raise ConfigurationError(
        f"DATABASE_URL {database_url!r} is not supported: use sqlite:///path/to/file.sqlite "
        "or postgresql://user:password@host:port/dbname"
    )


def _host(netloc: str) -> str:
    """Return the host of a URL's ``user:password@host:port``, decoded, its case kept.

    (``urlsplit().hostname`` lowercases it, which a Unix-socket folder cannot afford.)
    """
    host = netloc.rpartition("@")[2]
    if host.startswith("["):  # IPv6
        return host[1 : host.find("]")]
    return unquote(host.partition(":")[0])


@functools.cache
def get_settings() -> Settings:
    """Return the settings, reading .env (the real environment wins) on first use."""
    load_dotenv(ROOT / ".env")
    return Settings.from_environ(os.environ)
