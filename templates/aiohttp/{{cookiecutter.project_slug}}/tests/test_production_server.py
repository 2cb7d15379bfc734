"""The production server as configured (gunicorn, aiohttp's worker): it serves{% if cookiecutter.database != 'none' %}, pushes changes
over /ws{% endif %} and stops on SIGTERM{% if cookiecutter.database != 'none' %}, closing the open WebSockets with 1001{% endif %}.

Tested with aiohttp's own client over real sockets, against a server in a process of its own.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
from collections.abc import AsyncIterator
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

    def __init__(self, process: asyncio.subprocess.Process, url: str) -> None:
        self.process = process
        self.url = url

    async def stop(self) -> int:
        """Send SIGTERM; return the exit code (within 15 s)."""
        self.process.send_signal(signal.SIGTERM)
        return await asyncio.wait_for(self.process.wait(), timeout=15)


@pytest.fixture
async def production({% if cookiecutter.database != 'none' %}database_url: str{% endif %}) -> AsyncIterator[Production]:
    """Run ``gunicorn`` with the project's gunicorn.conf.py until the test ends."""
    port = free_port()
    env = {**os.environ, "HOST": "127.0.0.1", "PORT": str(port), "SECRET_KEY": "test-secret"}
{%- if cookiecutter.database != 'none' %}
    env["DATABASE_URL"] = database_url
{%- endif %}
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "gunicorn",
        "{{ cookiecutter.package_name }}.app:app_factory",
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    server = Production(process, f"http://127.0.0.1:{port}")
    try:
        async with aiohttp.ClientSession() as session:
            for _ in range(600):  # a loaded CI machine may take a while
                try:
                    async with session.get(f"{server.url}/health") as response:
                        if response.status == 200:
                            break
                except aiohttp.ClientConnectionError:
                    pass
                assert process.returncode is None, "the server exited"
                await asyncio.sleep(0.1)
            else:
                pytest.fail("the server did not answer /health within 60 s")
        yield server
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()


async def test_serves_and_stops_on_sigterm(production: Production) -> None:
    async with aiohttp.ClientSession() as session, session.get(f"{production.url}/") as page:
        assert page.status == 200
        assert page.headers["X-Content-Type-Options"] == "nosniff"
    assert await production.stop() == 0
{%- if cookiecutter.database != 'none' %}


async def test_websocket_on_the_production_server(production: Production) -> None:
    items = f"{production.url}/api/items"
    async with (
        aiohttp.ClientSession() as session,
        session.ws_connect(f"{production.url}/ws") as socket,
    ):
        async with session.post(items, json={"name": "live"}) as created:
            assert created.status == 201
            item = await created.json()
        message = await socket.receive(timeout=10)
        assert message.type == WSMsgType.TEXT
        assert message.json() == {"type": "created", "item": item}

        stopping = asyncio.create_task(production.stop())
        message = await socket.receive(timeout=10)
        assert message.type == WSMsgType.CLOSE
        assert message.data == WSCloseCode.GOING_AWAY
        assert await stopping == 0
{%- endif %}
