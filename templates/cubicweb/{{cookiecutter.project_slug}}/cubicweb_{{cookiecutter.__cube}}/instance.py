"""Create the CubicWeb instance and its database when they are missing: idempotent.

The steps are CubicWeb's own commands, run without questions:
``cubicweb-ctl create --automatic --no-db-create`` writes the instance's files,
``cubicweb-ctl db-create --automatic --create-db=n`` creates the tables in the database
``DATABASE_URL`` names (which must exist; SQLite creates its file) and fills them with the
schema, the default groups, an ``admin`` account (its random password is in the instance's
``sources`` file) and the anonymous account. Each runs once; later calls only check.
"""

import fcntl
import io
import os
import secrets
import struct
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stdout
from pathlib import Path

from .settings import CUBE, Settings

PYRAMID_INI = """\
# Pyramid settings of this instance, written by the project's `setup` command.
# The cube configures the rest in code (its __init__.py and wsgi.py): its own
# secure session factory, no login views, CSRF on forms, JSON API routes.
[main]
cubicweb.includes =
cubicweb.pyramid.enable_csrf = yes
"""


def cubicweb_ctl(*args: str) -> None:
    """Run ``cubicweb-ctl ARGS`` in this process; on failure, show what it printed and stop."""
    from cubicweb.cwctl import run

    output = io.StringIO()
    try:
        with redirect_stdout(output):
            run(list(args))
        code: object = 0
    except SystemExit as exit_:  # cubicweb-ctl always ends with sys.exit()
        code = exit_.code
    if code not in (0, None):
        sys.stderr.write(output.getvalue())
        raise SystemExit(f"cubicweb-ctl {' '.join(args)} failed ({code})")


def instance_exists(settings: Settings) -> bool:
    """Tell whether the instance's configuration files are there."""
    return all((settings.instance_dir / name).is_file() for name in ("all-in-one.conf", "sources"))


def database_state() -> str:
    """Tell what the system database holds: "ready", "partial" (an interrupted setup) or
    "empty"; stop if it holds another application's tables.

    The database is the one the environment names (see ``settings.prepare_environment``).
    """
    from cubicweb.cwconfig import CubicWebConfiguration
    from logilab.database import get_connection, get_db_helper

    config = CubicWebConfiguration.config_for(os.environ["CW_INSTANCE"])
    source = config.system_source_config
    if source["db-driver"] == "sqlite" and not Path(source["db-name"]).is_file():
        return "empty"
    extra = source.get("db-extra-arguments")
    connection = get_connection(
        source["db-driver"],
        database=source["db-name"],
        host=source.get("db-host"),
        port=source.get("db-port"),
        user=source.get("db-user") or "",
        password=source.get("db-password") or "",
        **({"extra_args": extra} if extra else {}),
    )
    try:
        cursor = connection.cursor()
        if source["db-driver"] == "postgres":  # the tables where CubicWeb would create its own
            cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
            names = [name for (name,) in cursor.fetchall()]
        else:
            names = get_db_helper(source["db-driver"]).list_tables(cursor)
        tables = {name.lower() for name in names}
        if not tables:
            return "empty"
        if "entities" not in tables:
            raise SystemExit(
                f"{source['db-name']} holds tables that are not CubicWeb's: point DATABASE_URL"
                " at an empty database"
            )
        if "cw_cwproperty" not in tables:
            return "partial"
        # db-init records CubicWeb's version among its last steps.
        cursor.execute(
            "SELECT cw_value FROM cw_CWProperty WHERE cw_pkey = 'system.version.cubicweb'"
        )
        return "ready" if cursor.fetchall() else "partial"
    finally:
        connection.close()


def ensure_instance(settings: Settings) -> None:
    """Create whatever is missing: the instance's files, then its database."""
    settings.instances_dir.mkdir(parents=True, exist_ok=True)
    with _locked(settings.var_dir / ".setup.lock"):
        if not instance_exists(settings):
            started = time.monotonic()
            cubicweb_ctl("create", "--automatic", "--no-db-create", CUBE, settings.instance)
            _say(f"created the instance {settings.instance} in {settings.instance_dir}", started)
        (settings.instance_dir / "pyramid.ini").write_text(PYRAMID_INI, encoding="utf-8")
        state = database_state()
        if state != "ready":
            started = time.monotonic()
            # The anonymous account is created with a password nobody needs to know.
            os.environ["CW_ANONYMOUS_PASSWORD"] = secrets.token_urlsafe(24)
            try:
                _initialise_database(settings, state)
            finally:
                del os.environ["CW_ANONYMOUS_PASSWORD"]
            _say(f"initialised the database of {settings.instance}", started)
        _ensure_catalog(settings)


def _initialise_database(settings: Settings, state: str) -> None:
    """Create CubicWeb's tables and first entities (SQLite: again after an interrupted setup)."""
    if os.environ["CW_DB_DRIVER"] == "sqlite":
        database = Path(os.environ["CW_DB_NAME"])
        database.unlink(missing_ok=True)
        database.parent.mkdir(parents=True, exist_ok=True)
        cubicweb_ctl("db-create", "--automatic", settings.instance)
    elif state == "empty":
        cubicweb_ctl("db-create", "--automatic", "--create-db=n", settings.instance)
    else:  # CubicWeb 5's "db-init --drop" fails on PostgreSQL: leave the choice to a human
        raise SystemExit(
            f"the database {os.environ['CW_DB_NAME']} holds the tables of an interrupted"
            " setup: recreate it empty (dropdb, createdb) and run setup again"
        )


def _ensure_catalog(settings: Settings) -> None:
    """Give CubicWeb an empty English message catalog, so that it starts without an error.

    Messages stay in English. To compile CubicWeb's own catalogs instead (gettext's
    ``msgfmt`` needed), run the project's command ``ctl i18ninstance INSTANCE``.
    """
    catalog = settings.instance_dir / "i18n" / "en" / "LC_MESSAGES" / "cubicweb.mo"
    if not catalog.is_file():
        catalog.parent.mkdir(parents=True, exist_ok=True)
        # A GNU .mo file with no message: magic, revision, count and table offsets.
        catalog.write_bytes(struct.pack("<7I", 0x950412DE, 0, 0, 28, 28, 0, 28))


def _say(message: str, started: float) -> None:
    print(f"{message} ({time.monotonic() - started:.1f} s)", flush=True)


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``path``: two commands starting at once do not race."""
    with path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
