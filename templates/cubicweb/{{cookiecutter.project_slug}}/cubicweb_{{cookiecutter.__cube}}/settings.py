"""Settings from the environment (and .env), and the CubicWeb environment they imply.

CubicWeb reads its instance folders from ``CW_*`` variables and lets ``CW_<OPTION>``
override any option of the instance's files (``CW_DB_HOST`` for ``db-host``...).
``prepare_environment`` sets them from this project's settings, so the instance, its
database and its files all live in the project's ``var/`` folder and ``DATABASE_URL``
decides where the data goes. Call it before importing ``cubicweb.cwconfig``.
"""

import os
import re
import secrets
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, unquote

#: The name the home page shows.
PROJECT_NAME = {{ cookiecutter.project_name|quoted }}
#: This cube's name: its Python package is ``cubicweb_<CUBE>``.
CUBE = "{{ cookiecutter.__cube }}"

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_VAR_DIR = "var"
DEFAULT_DATABASE_URL = "sqlite:///var/db.sqlite3"
#: The CubicWeb account anonymous visitors act as (the "guests" group).
ANONYMOUS_LOGIN = "anon"

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
class Settings:
    """What the project needs to know about its environment."""

    secret_key: str = field(repr=False)
    database_url: str = field(default=DEFAULT_DATABASE_URL, repr=False)
    debug: bool = False
    #: Production over plain HTTP on your own machine: no HSTS, cookies without Secure.
    allow_http: bool = False
    #: Strict-Transport-Security max-age (one hour by default: see the README).
    hsts_seconds: int = 3600
    #: Other origins (``https://www.example.com``) whose form posts Pyramid accepts over HTTPS.
    csrf_trusted_origins: tuple[str, ...] = ()
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    var_dir: Path = Path(DEFAULT_VAR_DIR)
    instance: str = CUBE

    @classmethod
    def from_env(
        cls, environ: Mapping[str, str] = os.environ, *, require_secret: bool = True
    ) -> "Settings":
        """Read the settings; the server in production (DEBUG off) needs SECRET_KEY.

        ``require_secret=False`` is for the commands that serve nothing (setup, shell).
        """
        debug = _flag(environ, "DEBUG")
        secret_key = environ.get("SECRET_KEY", "")
        if not secret_key:
            if require_secret and not debug:
                raise ConfigError(
                    "SECRET_KEY is not set: put a long random string in the environment or in"
                    " .env (see .env.example), or set DEBUG=true for local development"
                )
            secret_key = secrets.token_urlsafe(32)  # changes every start: development only
        return cls(
            secret_key=secret_key,
            database_url=environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL,
            debug=debug,
            allow_http=_flag(environ, "ALLOW_HTTP"),
            hsts_seconds=_hsts_seconds(environ),
            csrf_trusted_origins=tuple(
                origin.strip().rstrip("/")
                for origin in environ.get("CSRF_TRUSTED_ORIGINS", "").split(",")
                if origin.strip()
            ),
            host=environ.get("HOST") or DEFAULT_HOST,
            port=_port(environ),
            var_dir=Path(environ.get("VAR_DIR") or DEFAULT_VAR_DIR).absolute(),
            instance=environ.get("CW_INSTANCE") or CUBE,
        )

    @property
    def instances_dir(self) -> Path:
        """Where the instance's configuration lives (``CW_INSTANCES_DIR``)."""
        return self.var_dir / "instances"

    @property
    def instance_dir(self) -> Path:
        """The instance's own folder: all-in-one.conf, sources, pyramid.ini."""
        return self.instances_dir / self.instance


def _flag(environ: Mapping[str, str], name: str) -> bool:
    value = environ.get(name, "").strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ConfigError(f"{name} must be true or false, got {value!r}")


def _hsts_seconds(environ: Mapping[str, str]) -> int:
    value = environ.get("HSTS_SECONDS", "").strip() or "3600"
    if not value.isdigit():
        raise ConfigError(f"HSTS_SECONDS must be a whole number of seconds, got {value!r}")
    return int(value)


def _port(environ: Mapping[str, str]) -> int:
    value = environ.get("PORT") or str(DEFAULT_PORT)
    if not value.isdigit() or not 0 < int(value) < 65536:
        raise ConfigError(f"PORT must be a number from 1 to 65535, got {value!r}")
    return int(value)


# DATABASE_URL -> the options of CubicWeb's system source.

_POSTGRES_SCHEMES = {"postgres", "postgresql", "postgresql+psycopg2"}
#: Query parameters that name a connection field rather than a libpq option.
_FIELDS = {"host": "db-host", "port": "db-port", "user": "db-user", "password": "db-password"}


def database_source(url: str, *, base: Path | None = None) -> dict[str, str]:
    """Translate a ``DATABASE_URL`` into the ``db-*`` options of CubicWeb's system source.

    ``sqlite:///relative.db`` (from ``base``, the working directory by default) and
    ``sqlite:////absolute.db``; ``postgresql://user:password@host:port/dbname`` with or
    without password or port, a Unix-socket folder as host (``%2Fvar%2Frun%2Fpostgresql``
    or ``?host=/var/run/postgresql``), and libpq parameters such as ``?sslmode=require``.
    """
    scheme, separator, rest = url.partition("://")
    if not separator:
        raise ConfigError(f"DATABASE_URL must look like scheme://..., got {url!r}")
    scheme = scheme.lower()
    if scheme == "sqlite":
        return _sqlite_source(rest, base or Path.cwd())
    if scheme in _POSTGRES_SCHEMES:
        return _postgres_source(rest)
    raise ConfigError(
        f"DATABASE_URL: unsupported scheme {scheme!r}; use sqlite:///path.db or"
        " postgresql://user:password@host:port/dbname"
    )


def _sqlite_source(rest: str, base: Path) -> dict[str, str]:
    path = unquote(rest.partition("?")[0])
    if not path.startswith("/") or path == "/":
        raise ConfigError("DATABASE_URL: give a file, as sqlite:///relative/path.db")
    path = path[1:]  # sqlite:///db.sqlite3 is relative, sqlite:////srv/db.sqlite3 absolute
    return {**_EMPTY_SOURCE, "db-driver": "sqlite", "db-name": str(base / path)}


def _postgres_source(rest: str) -> dict[str, str]:
    location, _, query = rest.partition("?")
    netloc, _, dbname = location.partition("/")
    userinfo, _, hostport = netloc.rpartition("@")
    user, _, password = userinfo.partition(":")
    if hostport.startswith("["):  # [IPv6]:port
        host, _, port = hostport[1:].partition("]")
        port = port.removeprefix(":")
    else:
        host, _, port = hostport.partition(":")
    source = {
        **_EMPTY_SOURCE,
        "db-driver": "postgres",
        "db-name": unquote(dbname),
        "db-host": unquote(host),
        "db-port": port,
        "db-user": unquote(user),
        "db-password": unquote(password),
    }
    extra = []
    for key, value in parse_qsl(query, keep_blank_values=True):
        if key in _FIELDS:
            source[_FIELDS[key]] = value
        elif key == "dbname":
            source["db-name"] = value
        else:
            extra.append(f"{key}={_conninfo_quote(value)}")
    if port and not port.isdigit():
        raise ConfigError(f"DATABASE_URL: the port must be a number, got {port!r}")
    if not source["db-name"]:
        raise ConfigError("DATABASE_URL: name the database, as postgresql://host/dbname")
    # logilab.database joins "key=value" pairs unquoted: quote what libpq would misread.
    for key in ("db-name", "db-host", "db-user", "db-password"):
        if source[key]:
            source[key] = _conninfo_quote(source[key])
    source["db-extra-arguments"] = " ".join(extra)
    return source


_EMPTY_SOURCE = {
    "db-driver": "",
    "db-name": "",
    "db-host": "",
    "db-port": "",
    "db-user": "",
    "db-password": "",
    "db-extra-arguments": "",
}


def _conninfo_quote(value: str) -> str:
    """Quote a libpq connection-string value when it holds a space, a quote or a backslash."""
    if value and not re.search(r"[\s'\\]", value):
        return value
    escaped = value.replace("\\", "\\\\").replace("'", "\\'")
    return f"'{escaped}'"


def cubicweb_environment(settings: Settings) -> dict[str, str]:
    """Return the ``CW_*`` variables that point CubicWeb at this project's instance."""
    source = database_source(settings.database_url, base=Path.cwd())
    environ = {
        "CW_MODE": "user",
        "CW_INSTANCES_DIR": str(settings.instances_dir),
        "CW_INSTANCES_DATA_DIR": str(settings.var_dir / "data"),
        "CW_INSTANCE": settings.instance,
        "CW_ANONYMOUS_USER": ANONYMOUS_LOGIN,
        "CW_PID_FILE": str(settings.var_dir / f"{settings.instance}.pid"),
        "CW_LOG_FILE": str(settings.var_dir / f"{settings.instance}.log"),
    }
    environ.update({"CW_" + key.upper().replace("-", "_"): value for key, value in source.items()})
    return environ


def prepare_environment(
    environ: MutableMapping[str, str] = os.environ, *, require_secret: bool = True
) -> Settings:
    """Load ``.env``, read the settings and export the CubicWeb variables they imply."""
    load_dotenv(environ=environ)
    settings = Settings.from_env(environ, require_secret=require_secret)
    environ.update(cubicweb_environment(settings))
    return settings
