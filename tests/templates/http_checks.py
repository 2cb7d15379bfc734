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
            if not self.headers.get(name) or expected not in (None, self.headers[name])
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
    """Send one request; ``body`` goes as JSON, ``raw`` as bytes labelled JSON."""
    headers = {"Accept": "application/json, text/html"}
    if behind_tls_proxy:
        headers["X-Forwarded-Proto"] = "https"
    data = raw if raw is not None else None if body is None else json.dumps(body).encode()
    if data is not None:
        headers["Content-Type"] = "application/json"
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
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


@contextmanager
def serving(
    command: str, *, cwd: Path, env: Mapping[str, str], log: Path, timeout: float = 60
) -> Iterator[str]:
    """Run ``command`` with HOST/PORT set until ``/health`` answers 200; yield its base URL.

    The server runs in its own process group, which gets SIGTERM on exit, then SIGKILL;
    the port must be closed afterwards.
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
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_healthy(process, base_url, timeout=timeout, log=log)
        yield base_url
    finally:
        stop(process)
    assert not accepts_connections(port), f"port {port} still accepts connections after stop"


def stop(process: subprocess.Popen[bytes], *, timeout: float = 15) -> None:
    """SIGTERM the process group, wait for all of it to exit, SIGKILL what is left."""
    group = process.pid
    with suppress(ProcessLookupError):
        os.killpg(group, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and (process.poll() is None or _group_alive(group)):
        time.sleep(0.1)
    with suppress(ProcessLookupError):
        os.killpg(group, signal.SIGKILL)
    process.wait()


def _group_alive(group: int) -> bool:
    """Return whether a process of ``group`` still runs (zombies awaiting a reaper do not count)."""
    proc = Path("/proc")
    if not proc.is_dir():
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return False
        return True
    for stat in proc.glob("[0-9]*/stat"):
        with suppress(OSError):
            state, _parent, pgrp = stat.read_text().rpartition(")")[2].split()[:3]
            if int(pgrp) == group and state != "Z":
                return True
    return False


def _wait_until_healthy(
    process: subprocess.Popen[bytes], base_url: str, *, timeout: float, log: Path
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"server exited with {process.returncode}:\n{_tail(log)}")
        with suppress(URLError, ConnectionError, TimeoutError):
            if fetch(f"{base_url}/health", behind_tls_proxy=False).status == 200:
                return
        time.sleep(0.2)
    raise AssertionError(f"/health did not answer 200 within {timeout:.0f} s:\n{_tail(log)}")


def _tail(log: Path, lines: int = 60) -> str:
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
