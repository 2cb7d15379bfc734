{%- set items = cookiecutter.database != 'none' -%}
{%- set uses_db = items or cookiecutter.auth == 'yes' -%}
"""The production server for real: a subprocess, several workers, and a clean stop on SIGTERM."""

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
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
{%- if items %}
from typing import Any
{%- endif %}

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

    def __init__(self, workers: int) -> None:
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
            stdout=subprocess.PIPE,
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
            time.sleep(0.2)
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
            time.sleep(0.1)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        return False

    def output(self) -> str:
        if self.process.poll() is None or self.process.stdout is None:
            return ""
        return self.process.stdout.read().decode(errors="replace")


@contextlib.contextmanager
def serving(workers: int) -> Iterator[Server]:
    server = Server(workers)
    try:
        server.wait_until_healthy()
        yield server
    finally:
        server.stop()
        if server.process.stdout is not None:
            server.process.stdout.close()


@pytest.mark.parametrize("workers", [1, 3])
def test_sigterm_stops_every_process_and_frees_the_port(workers: int) -> None:
    with serving(workers) as server:
        if Path("/proc").is_dir() and workers > 1:
            assert len(server.workers()) == workers
        with urllib.request.urlopen(f"{server.url}/health", timeout=5) as answer:
            assert json.load(answer) == {"status": "ok"}
        assert server.stop(), "the server ignored SIGTERM for 15 s"
        assert server.process.returncode == 0, server.output()
        assert not group_alive(server.process.pid), "a process of the group is still running"
        assert not accepts_connections(server.port), "something still listens on the port"


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to find the workers")
def test_a_worker_that_dies_is_replaced() -> None:
    with serving(2) as server:
        first = server.workers()
        os.kill(min(first), signal.SIGKILL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            workers = server.workers()
            if len(workers) == 2 and workers != first:
                break
            time.sleep(0.2)
        else:
            raise AssertionError(f"no new worker: {first} -> {server.workers()}")
        server.wait_until_healthy()
        assert server.stop()
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
def test_a_change_through_one_worker_reaches_websockets_on_every_worker() -> None:
    with serving(2) as server:
        asyncio.run(asyncio.wait_for(_changes_reach_every_worker(server), timeout=90))
        assert server.stop()
{%- endif %}
