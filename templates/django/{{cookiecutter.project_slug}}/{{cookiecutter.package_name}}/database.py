"""DATABASE_URL translated into Django's DATABASES entry."""

from pathlib import Path
from typing import Any

import dj_database_url


def database_settings(url: str, *, base_dir: Path) -> dict[str, Any]:
    """Return the ``DATABASES["default"]`` entry for a database URL.

    Every standard form works: ``sqlite:///relative.sqlite3`` (relative to ``base_dir``),
    ``sqlite:////absolute/path.sqlite3``, and ``postgresql://user:password@host:port/name``
    with or without password and port, a Unix-socket host
    (``postgresql://user@%2Fvar%2Frun%2Fpostgresql/name`` or ``?host=/var/run/postgresql``)
    and query parameters (``?sslmode=require``), which become connection options.
    """
    config: dict[str, Any] = dict(dj_database_url.parse(url))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        name = config.get("NAME") or "db.sqlite3"
        if name != ":memory:":
            config["NAME"] = str(base_dir / name)
        # Each request opens its own SQLite connection: it costs next to nothing.
        config["CONN_MAX_AGE"] = 0
    elif config["ENGINE"] == "django.db.backends.postgresql":
        # Persistent connections, checked before reuse, spare a connection per request.
        config["CONN_MAX_AGE"] = 600
        config["CONN_HEALTH_CHECKS"] = True
    return config
