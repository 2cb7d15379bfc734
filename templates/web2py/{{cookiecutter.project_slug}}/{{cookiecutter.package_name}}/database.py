"""The process's one DAL, its tables defined once, lent to every request.

web2py runs ``models/db.py`` before every action. Creating a DAL and defining its tables
there costs more than the rest of a small request, so the model asks this module instead:
the first request of a process (or ``wsgi.migrate()``) creates the DAL and runs the
model's ``define`` function; later requests get the same object back. pyDAL keeps
connections per thread, so threads share the DAL safely; each request enlists it so
that web2py commits (or rolls back) and returns its connection to the pool at the end,
as it does for a DAL created by the model.
"""

import threading
from collections.abc import Callable
from pathlib import Path

from gluon.dal import DAL, InDBMigrator
from pydal._globals import THREAD_LOCAL

from {{ cookiecutter.package_name }}.settings import (
    APPLICATION,
    get_settings,
)

_lock = threading.Lock()
_shared: list[DAL] = []


def shared_database(define: Callable[[DAL], None], *, migrate: bool = False) -> DAL:
    """Return the process's DAL, creating it and calling ``define(db)`` the first time.

    With ``migrate``, defining a table creates or alters it in the database; without it
    (every request of a server), the schema is left alone.
    """
    with _lock:
        if not _shared:
            connection = get_settings().dal
            if connection.uri.startswith("sqlite://"):  # SQLite creates the file, not its folder
                Path(connection.uri.removeprefix("sqlite://")).parent.mkdir(
                    parents=True, exist_ok=True
                )
            db = DAL(
                connection.uri,
                driver_args=connection.driver_args,
                pool_size=10,
                decode_credentials=connection.decode_credentials,
                # Table definitions are kept in the database itself rather than in .table
                # files, so they always describe the database DATABASE_URL points at.
                adapter_args={"migrator": InDBMigrator},
                # ... under a name of their own, not one derived from the URL, so that another
                # form of DATABASE_URL (a socket, a new password) still finds them.
                table_hash=APPLICATION,
                migrate_enabled=migrate,
                check_reserved=None,
            )
            define(db)
            db.commit()
            _shared.append(db)
        db = _shared[0]
    _enlist(db)
    return db


def forget() -> None:
    """Close and drop the process's DAL: the next request creates it again."""
    with _lock:
        while _shared:
            db = _shared.pop()
            _enlist(db)  # close() expects it among this thread's instances
            db.close()


def _enlist(db: DAL) -> None:
    """Let web2py end this thread's transaction on ``db`` when the request ends."""
    instances = THREAD_LOCAL.__dict__.setdefault("_pydal_db_instances_", {})
    group = instances.setdefault(db._db_uid, [])
    if not any(member is db for member in group):
        group.append(db)
