"""A throwaway PostgreSQL server for the test run, with a fresh database per project."""

from __future__ import annotations

import os
import pwd
import secrets
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from bakery import failure, run
from http_checks import free_port

SUPERUSER = "harness"
#: The system account the server runs as when the test run is root (postgres refuses root).
SERVICE_ACCOUNT = "postgres"
_PROGRAMS = ("initdb", "pg_ctl", "createdb")


@dataclass(frozen=True)
class PostgresServer:
    """A running server: TCP on 127.0.0.1 with a password, a Unix socket for administration."""

    bin_dir: Path
    socket_dir: Path
    port: int
    password: str

    def create_database(self, name: str) -> str:
        """Create an empty database and return its ``postgresql://`` URL."""
        host = ["-h", self.socket_dir, "-p", str(self.port), "-U", SUPERUSER]
        _run([self.bin_dir / "createdb", *host, name])
        return f"postgresql://{SUPERUSER}:{self.password}@127.0.0.1:{self.port}/{name}"

    def other_forms(self, name: str) -> dict[str, str]:
        """Return the other standard URL forms of database ``name``: over the Unix socket.

        No password (the socket trusts local users), the socket folder as a
        percent-encoded host, or no host at all with ``?host=`` and query parameters.
        """
        folder = quote(str(self.socket_dir), safe="")
        return {
            "socket host, no password": f"postgresql://{SUPERUSER}@{folder}:{self.port}/{name}",
            "query host and sslmode": (
                f"postgresql://{SUPERUSER}@/{name}"
                f"?host={self.socket_dir}&port={self.port}&sslmode=disable"
            ),
        }


def find_bin_dir() -> Path | None:
    """Return the folder holding initdb, pg_ctl and createdb (PATH first), or None."""
    candidates = [Path(found).resolve().parent for found in filter(None, [shutil.which("pg_ctl")])]
    candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
    return next((d for d in candidates if all((d / p).is_file() for p in _PROGRAMS)), None)


@contextmanager
def running_postgres(bin_dir: Path) -> Iterator[PostgresServer]:
    """Initialise a cluster in a temporary folder, run it, then stop it and delete the folder."""
    root = Path(tempfile.mkdtemp(prefix="harness-pg-"))
    server = PostgresServer(bin_dir, root, free_port(), secrets.token_urlsafe(16))
    data, log = root / "data", root / "server.log"
    try:
        as_user = _service_user(root)
        (root / "password").write_text(server.password)
        auth = ["-U", SUPERUSER, "--pwfile", root / "password", "--auth-host=scram-sha-256"]
        _run([*as_user, bin_dir / "initdb", "-D", data, *auth, "--auth-local=trust", "--no-sync"])
        listen = f"-h 127.0.0.1 -p {server.port} -k {root} -F"
        _run(
            [*as_user, bin_dir / "pg_ctl", "-D", data, "-l", log, "-o", listen, "-w", "start"], log
        )
        try:
            yield server
        finally:
            _run([*as_user, bin_dir / "pg_ctl", "-D", data, "-m", "fast", "-w", "stop"])
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _service_user(root: Path) -> list[str]:
    """Return the command prefix that runs the server as a non-root user, owning ``root``."""
    if os.geteuid() != 0:
        return []
    try:
        account = pwd.getpwnam(SERVICE_ACCOUNT)
    except KeyError:
        _run(["useradd", "--system", "--no-create-home", SERVICE_ACCOUNT])
        account = pwd.getpwnam(SERVICE_ACCOUNT)
    os.chown(root, account.pw_uid, account.pw_gid)
    return ["runuser", "-u", SERVICE_ACCOUNT, "--"]


def _run(command: list[str | Path], log: Path | None = None) -> None:
    result = run(command, timeout=120)
    if result.returncode != 0:
        server_log = log.read_text(errors="replace") if log and log.exists() else ""
        raise RuntimeError(f"{failure(result)}{server_log}")
