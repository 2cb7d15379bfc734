"""The production server as configured (gunicorn, aiohttp's worker): it serves{% if cookiecutter.database != 'none' %}, pushes changes
over /ws{% endif %} and stops on SIGTERM{% if cookiecutter.database != 'none' %}, closing the open WebSockets with 1001{% endif %}.

Tested with aiohttp's own client over real sockets, against a server in a process of its own,
started once for this module's tests; the last of them stops it.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest
{%- if cookiecutter.database != 'none' %}
from aiohttp import WSCloseCode, WSMsgType
{%- endif %}

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class Production:
    """A running production server."""

    def __init__(self, process: subprocess.Popen[bytes], url: str) -> None:
        self.process = process
        self.url = url

    def healthy(self) -> bool:
        """Whether /health answers 200."""
        try:
            with urllib.request.urlopen(f"{self.url}/health", timeout=2) as answer:
                return bool(answer.status == 200)
        except OSError:
            return False

    async def stop(self) -> int:
        """Send SIGTERM; return the exit code (within 15 s)."""
        self.process.send_signal(signal.SIGTERM)
        return await asyncio.to_thread(self.process.wait, 15)


@pytest.fixture(scope="module")
def production({% if cookiecutter.database != 'none' %}module_database_url: str{% endif %}) -> Iterator[Production]:
    """Run ``gunicorn`` with the project's gunicorn.conf.py for the tests of this module."""
    port = free_port()
    env = {**os.environ, "HOST": "127.0.0.1", "PORT": str(port), "SECRET_KEY": "test-secret"}
{%- if cookiecutter.database != 'none' %}
    env["DATABASE_URL"] = module_database_url
{%- endif %}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "{{ cookiecutter.package_name }}.app:app_factory",
        ],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    server = Production(process, f"http://127.0.0.1:{port}")
    try:
        deadline = time.monotonic() + 60  # a loaded CI machine may take a while
        while not server.healthy():
            assert process.poll() is None, "the server exited"
            if time.monotonic() > deadline:
                pytest.fail("the server did not answer /health within 60 s")
            time.sleep(0.05)
        yield server
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


async def test_serves_the_home_page(production: Production) -> None:
    async with aiohttp.ClientSession() as session, session.get(f"{production.url}/") as page:
        assert page.status == 200
        assert page.headers["X-Content-Type-Options"] == "nosniff"
{%- if cookiecutter.database != 'none' %}


async def test_a_change_reaches_the_websocket(production: Production) -> None:
    async with (
        aiohttp.ClientSession() as session,
        session.ws_connect(f"{production.url}/ws") as socket,
    ):
        async with session.post(f"{production.url}/api/items", json={"name": "live"}) as created:
            assert created.status == 201
            item = await created.json()
        message = await socket.receive(timeout=10)
        assert message.type == WSMsgType.TEXT
        assert message.json() == {"type": "created", "item": item}


async def test_sigterm_closes_the_open_websockets_and_stops(production: Production) -> None:
    """Last in this file: it ends the shared server."""
    async with (
        aiohttp.ClientSession() as session,
        session.ws_connect(f"{production.url}/ws") as socket,
    ):
        stopping = asyncio.create_task(production.stop())
        message = await socket.receive(timeout=10)
        assert message.type == WSMsgType.CLOSE
        assert message.data == WSCloseCode.GOING_AWAY
        assert await stopping == 0
{%- else %}


async def test_sigterm_stops_the_server(production: Production) -> None:
    """Last in this file: it ends the shared server."""
    assert await production.stop() == 0
{%- endif %}
