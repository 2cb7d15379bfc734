"""Run a project's server in its own process group and talk to it over real HTTP."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from typing import Any
from urllib.error import HTTPError, URLError

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": None,
    "Content-Security-Policy": None,
}


@dataclass(frozen=True)
class Response:
    """What the server answered, whatever the status."""

    status: int
    headers: Message
    body: bytes

    @property
    def content_type(self) -> str:
        """Return the media type without parameters ("application/json")."""
        return self.headers.get_content_type()

    def json(self) -> Any:
        """Return the body parsed as JSON, asserting that it is JSON."""
        assert self.content_type == "application/json", f"not JSON: {self.content_type}"
        return json.loads(self.body)

    def missing_security_headers(self) -> list[str]:
        """Return the security headers that are absent or have the wrong value."""
        return [
            name
            for name, expected in SECURITY_HEADERS.items()
            if not (value := self.headers.get(name, ""))
            or (expected is not None and value.lower() != expected.lower())
        ]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Report redirects as responses: a 301 where a page was expected is a finding."""

    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def fetch(
    url: str,
    *,
    method: str = "GET",
    body: Any = None,
    raw: bytes | None = None,
    behind_tls_proxy: bool = True,
) -> Response:
    """Send one request: ``body`` encoded as JSON, or ``raw`` bytes labelled as JSON."""
    headers = {"Accept": "application/json, text/html"}
    if behind_tls_proxy:
        headers["X-Forwarded-Proto"] = "https"
    if body is not None:
        raw = json.dumps(body).encode()
    if raw is not None:
        headers["Content-Type"] = "application/json"
    request = urllib.request.Request(url, data=raw, method=method, headers=headers)
    try:
        with _OPENER.open(request, timeout=30) as answer:
            return Response(answer.status, answer.headers, answer.read())
    except HTTPError as error:
        with error:
            return Response(error.code, error.headers, error.read())


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def accepts_connections(port: int) -> bool:
    """Return whether something accepts TCP connections on 127.0.0.1:``port``."""
    with socket.socket() as client:
        client.settimeout(2)
        return client.connect_ex(("127.0.0.1", port)) == 0


@dataclass(frozen=True)
class Server:
    """A server process listening on a loopback port, its output going to a log file."""

    process: subprocess.Popen[bytes]
    port: int
    log: Path

    @property
    def url(self) -> str:
        """Return the base URL ("http://127.0.0.1:PORT")."""
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> bool:
        """Stop the server's process group; return whether SIGTERM alone was enough."""
        return stop(self.process)

    def output(self, lines: int = 60) -> str:
        """Return the last lines the server printed."""
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])


@contextmanager
def serving(
    command: str, *, cwd: Path, env: Mapping[str, str], log: Path, timeout: float = 180
) -> Iterator[Server]:
    """Run ``command`` with HOST and PORT set, until ``/health`` answers 200; stop it on exit.

    ``timeout`` bounds a hang; it times nothing: a first start may create its database
    (CubicWeb stores its schema), on a machine busy with other bakes.

    The server runs in its own process group, so that stopping it reaches every process
    the command started.
    """
    port = free_port()
    with log.open("wb") as output:
        process = subprocess.Popen(
            command,
            shell=True,
            cwd=cwd,
            env={**env, "HOST": "127.0.0.1", "PORT": str(port)},
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = Server(process, port, log)
    try:
        _wait_until_healthy(server, timeout=timeout)
        yield server
    finally:
        server.stop()


def stop(process: subprocess.Popen[bytes], *, timeout: float = 15) -> bool:
    """SIGTERM the process group; SIGKILL what is left after ``timeout`` seconds.

    Return whether the whole group exited on SIGTERM alone.
    """
    group = process.pid
    with suppress(ProcessLookupError):
        os.killpg(group, signal.SIGTERM)
    graceful = _wait_for_group(process, timeout=timeout)
    if not graceful:
        with suppress(ProcessLookupError):
            os.killpg(group, signal.SIGKILL)
        _wait_for_group(process, timeout=timeout)
    return graceful


def _wait_for_group(process: subprocess.Popen[bytes], *, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while process.poll() is None or _group_alive(process.pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def _group_alive(group: int) -> bool:
    """Return whether a thread of a process in ``group`` still runs.

    Zombies awaiting a reaper do not count; a process whose main thread has exited
    while others still run (and hold its sockets) does.
    """
    proc = Path("/proc")
    if not proc.is_dir():
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return False
        return True
    for task in proc.glob("[0-9]*/task/[0-9]*/stat"):
        with suppress(OSError):
            state, _parent, pgrp = task.read_text().rpartition(")")[2].split()[:3]
            if int(pgrp) == group and state not in ("Z", "X"):
                return True
    return False


def _wait_until_healthy(server: Server, *, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            code = server.process.returncode
            raise AssertionError(f"the server exited with {code}:\n{server.output()}")
        with suppress(URLError, ConnectionError, TimeoutError):
            if fetch(f"{server.url}/health", behind_tls_proxy=False).status == 200:
                return
        time.sleep(0.2)
    raise AssertionError(f"/health did not answer 200 in {timeout:.0f} s:\n{server.output()}")
