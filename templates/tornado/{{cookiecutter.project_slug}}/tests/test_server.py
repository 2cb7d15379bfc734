{%- set items = cookiecutter.database != 'none' -%}
{%- set uses_db = items or cookiecutter.auth == 'yes' -%}
"""The production server for real: a subprocess, several workers, and a clean stop on SIGTERM.

The single-process server is started for its own test; the server with ``WORKERS`` workers
once, for every test of it below, and the last of them stops it with SIGTERM.
"""

from __future__ import annotations

{% if items -%}
import asyncio
{% endif -%}
import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import {% if items %}IO, Any{% else %}IO{% endif %}

import pytest
{%- if items %}
from tornado.httpclient import AsyncHTTPClient
from tornado.websocket import websocket_connect
{%- endif %}
{%- if uses_db %}

from .support import database_url
{%- endif %}

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the server forks workers")

PROJECT_ROOT = Path(__file__).resolve().parents[1]
#: Workers of the multi-process server the tests share.
WORKERS = 3


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def accepts_connections(port: int) -> bool:
    with socket.socket() as client:
        client.settimeout(2)
        return client.connect_ex(("127.0.0.1", port)) == 0


def group_alive(group: int) -> bool:
    """Whether any process of the process group ``group`` is still there."""
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    return True


class Server:
    """The production server (the ``serve`` command), in a process group of its own."""

    def __init__(self, workers: int, log: IO[bytes]) -> None:
        self.port = free_port()
        env = {
            **os.environ,
            "HOST": "127.0.0.1",
            "PORT": str(self.port),
            "WEB_CONCURRENCY": str(workers),
            "SECRET_KEY": "test-secret-key-for-the-server-test-0123456789abcdef",
{%- if uses_db %}
            "DATABASE_URL": database_url(),
{%- endif %}
        }
        # A file, not a pipe: nothing reads the log while the server runs, and a full pipe
        # would block it.
        self.log = log
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "{{ cookiecutter.package_name }}",
                "serve",
            ],
            cwd=PROJECT_ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.url = f"http://127.0.0.1:{self.port}"

    def wait_until_healthy(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.output()
            with (
                contextlib.suppress(OSError),
                urllib.request.urlopen(f"{self.url}/health", timeout=2) as answer,
            ):
                if answer.status == 200:
                    return
            time.sleep(0.05)
        raise AssertionError(f"/health did not answer in {timeout} s")

    def workers(self) -> set[int]:
        """The pids of the worker processes (the server's children), from /proc."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return {int(pid) for pid in children.read_text().split()} if children.exists() else set()

    def stop(self, timeout: float = 15) -> bool:
        """SIGTERM the whole group, as a process manager does; whether it all exited in time."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None and not group_alive(self.process.pid):
                return True
            time.sleep(0.02)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        return False

    def output(self) -> str:
        """What the server has logged so far."""
        self.log.seek(0)
        return self.log.read().decode(errors="replace")

    def assert_stops_cleanly(self) -> None:
        """SIGTERM the group: every process must exit, with status 0, and free the port."""
        assert self.stop(), "the server ignored SIGTERM for 15 s"
        assert self.process.returncode == 0, self.output()
        assert not group_alive(self.process.pid), "a process of the group is still running"
        assert not accepts_connections(self.port), "something still listens on the port"


@contextlib.contextmanager
def serving(workers: int) -> Iterator[Server]:
    with tempfile.TemporaryFile() as log:
        server = Server(workers, log)
        try:
            server.wait_until_healthy()
            yield server
        finally:
            server.stop()


def test_single_process_server_stops_on_sigterm_and_frees_the_port() -> None:
    with serving(1) as server:
        with urllib.request.urlopen(f"{server.url}/health", timeout=5) as answer:
            assert json.load(answer) == {"status": "ok"}
        server.assert_stops_cleanly()


@pytest.fixture(scope="module")
def workers_server() -> Iterator[Server]:
    """The server with ``WORKERS`` workers, for the tests below; the last one stops it."""
    with serving(WORKERS) as server:
        yield server


def test_every_worker_serves(workers_server: Server) -> None:
    if Path("/proc").is_dir():
        assert len(workers_server.workers()) == WORKERS
    with urllib.request.urlopen(f"{workers_server.url}/health", timeout=5) as answer:
        assert json.load(answer) == {"status": "ok"}


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to find the workers")
def test_a_worker_that_dies_is_replaced(workers_server: Server) -> None:
    first = workers_server.workers()
    assert len(first) == WORKERS
    os.kill(min(first), signal.SIGKILL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        workers = workers_server.workers()
        if len(workers) == WORKERS and workers != first:
            break
        time.sleep(0.05)
    else:
        raise AssertionError(f"no new worker: {first} -> {workers_server.workers()}")
    workers_server.wait_until_healthy()
{%- if items %}


def _owner(port: int, client_port: int, workers: set[int]) -> int | None:
    """Return which worker holds the server side of the connection from ``client_port``."""
    wanted = f"{port:04X}"
    peer = f"{client_port:04X}"
    inodes: set[str] = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        if fields[1].endswith(f":{wanted}") and fields[2].endswith(f":{peer}"):
            inodes.add(fields[9])
    for pid in workers:
        with contextlib.suppress(OSError):
            for fd in Path(f"/proc/{pid}/fd").iterdir():
                target = os.readlink(fd)
                if target.startswith("socket:[") and target[8:-1] in inodes:
                    return pid
    return None


async def _changes_reach_every_worker(server: Server) -> None:
    workers = server.workers()
    sockets: list[Any] = []
    owners: set[int] = set()
    # Open WebSockets until they are spread over every worker (the kernel picks which).
    for _ in range(200):
        ws = await websocket_connect(f"ws://127.0.0.1:{server.port}/ws")
        sockets.append(ws)
        local_port = ws.protocol.stream.socket.getsockname()[1]  # type: ignore[union-attr]
        owner = _owner(server.port, local_port, workers)
        if owner is not None:
            owners.add(owner)
        if owners == workers:
            break
    assert owners == workers, f"WebSockets reached {owners} of {workers}"
    client = AsyncHTTPClient()
    headers = {"Content-Type": "application/json"}
    items = f"{server.url}/api/items"
    # Each change goes through whichever worker accepts it; every socket must see each.
    for name in ("one", "two", "three", "four"):
        body = json.dumps({"name": name})
        answer = await client.fetch(items, method="POST", headers=headers, body=body)
        item = json.loads(answer.body)
        for ws in sockets:
            message = await asyncio.wait_for(ws.read_message(), timeout=10)
            assert isinstance(message, str)
            assert json.loads(message) == {"type": "created", "item": item}
    for ws in sockets:
        ws.close()


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="needs Linux's /proc")
def test_a_change_through_one_worker_reaches_websockets_on_every_worker(
    workers_server: Server,
) -> None:
    asyncio.run(asyncio.wait_for(_changes_reach_every_worker(workers_server), timeout=90))
{%- endif %}


def test_sigterm_stops_every_worker_and_frees_the_port(workers_server: Server) -> None:
    """Last in this file: it ends the shared server, after whatever the tests above did to it."""
    workers_server.assert_stops_cleanly()
