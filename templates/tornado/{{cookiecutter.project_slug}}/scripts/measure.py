{%- set items = cookiecutter.database != 'none' -%}
{%- set uses_db = items or cookiecutter.auth == 'yes' -%}
"""Measure one worker process here: {% if items %}idle WebSockets held, and {% endif %}/health requests per second.

    python scripts/measure.py [--connections 5000] [--concurrency 50] [--seconds 5]

It starts the production server with ONE worker on 127.0.0.1 (a free port{% if uses_db %}, a throwaway
SQLite database{% endif %}), then:
{%- if items %}
1. opens up to ``--connections`` WebSockets to ``/ws`` (capped at 5,000 and by the open-files
   limit), leaves them idle, creates one item and counts the sockets that receive its push;
2. sends ``GET /health`` over ``--concurrency`` keep-alive connections for ``--seconds``.
{%- else %}
sends ``GET /health`` over ``--concurrency`` keep-alive connections for ``--seconds``.
{%- endif %}
Everything stays on the loopback interface, every loop is bounded in count and time, and
the server is stopped (SIGTERM) at the end. The client runs in this one Python process and
shares the machine with the server: the figures are a floor, not Tornado's ceiling.
"""

from __future__ import annotations

import argparse
import asyncio
{%- if items %}
import base64
{%- endif %}
import json
import os
import resource
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HOST = "127.0.0.1"
MAX_CONNECTIONS = 5000
PROJECT_ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def rss_kib(pid: int) -> int:
    """The resident memory of ``pid`` in KiB (0 where /proc is missing)."""
    status = Path(f"/proc/{pid}/status")
    if not status.exists():
        return 0
    for line in status.read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


async def wait_for_health(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            reader, writer = await asyncio.open_connection(HOST, port)
        except OSError:
            await asyncio.sleep(0.2)
            continue
        writer.write(b"GET /health HTTP/1.1\r\nHost: measure\r\nConnection: close\r\n\r\n")
        answer = await reader.read()
        writer.close()
        if answer.startswith(b"HTTP/1.1 200"):
            return
        await asyncio.sleep(0.2)
    raise RuntimeError("the server did not answer /health")


async def read_response(reader: asyncio.StreamReader) -> bytes:
    """Read one HTTP/1.1 response with a Content-Length; return its body."""
    head = await reader.readuntil(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":", 1)[1])
    return await reader.readexactly(length)


async def requests_per_second(port: int, concurrency: int, seconds: float) -> tuple[int, float]:
    """Send /health on ``concurrency`` keep-alive connections for ``seconds``."""
    request = b"GET /health HTTP/1.1\r\nHost: measure\r\n\r\n"
    deadline = time.monotonic() + seconds
    counts = [0] * concurrency

    async def one(index: int) -> None:
        reader, writer = await asyncio.open_connection(HOST, port)
        try:
            while time.monotonic() < deadline:
                writer.write(request)
                body = await read_response(reader)
                assert body == b'{"status": "ok"}', body
                counts[index] += 1
        finally:
            writer.close()

    started = time.monotonic()
    await asyncio.gather(*(one(i) for i in range(concurrency)))
    return sum(counts), time.monotonic() - started
{%- if items %}


async def open_websocket(port: int) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    """Open a WebSocket to /ws with a bare handshake (a light client: many fit in one process)."""
    reader, writer = await asyncio.open_connection(HOST, port)
    key = base64.b64encode(secrets.token_bytes(16)).decode()
    writer.write(
        (
            f"GET /ws HTTP/1.1\r\nHost: {HOST}:{port}\r\nUpgrade: websocket\r\n"
            f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"
        ).encode()
    )
    head = await reader.readuntil(b"\r\n\r\n")
    if not head.startswith(b"HTTP/1.1 101"):
        writer.close()
        raise ConnectionError(head.split(b"\r\n", 1)[0].decode())
    return reader, writer


async def read_text_frame(reader: asyncio.StreamReader) -> str:
    """Read one unmasked text frame from the server."""
    first, second = await reader.readexactly(2)
    length = second & 0x7F
    if length == 126:
        length = int.from_bytes(await reader.readexactly(2), "big")
    elif length == 127:
        length = int.from_bytes(await reader.readexactly(8), "big")
    payload = await reader.readexactly(length)
    if first & 0x0F != 1:
        return await read_text_frame(reader)  # a ping or another control frame: skip it
    return payload.decode()


async def idle_websockets(port: int, wanted: int, server_pid: int) -> dict[str, float]:
    """Open ``wanted`` idle WebSockets; count those that receive the push of one change."""
    sockets: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []
    failures = 0
    before = rss_kib(server_pid)
    started = time.monotonic()
    batch = 250
    for first in range(0, wanted, batch):
        count = min(batch, wanted - first)
        opened = await asyncio.gather(
            *(asyncio.wait_for(open_websocket(port), 30) for _ in range(count)),
            return_exceptions=True,
        )
        for result in opened:
            if isinstance(result, BaseException):
                failures += 1
            else:
                sockets.append(result)
    opening = time.monotonic() - started
    await asyncio.sleep(1)
    after = rss_kib(server_pid)
    # One change: every idle socket that still works receives its push.
    reader, writer = await asyncio.open_connection(HOST, port)
    body = json.dumps({"name": "measured"}).encode()
    writer.write(
        b"POST /api/items HTTP/1.1\r\nHost: measure\r\nContent-Type: application/json\r\n"
        + f"Content-Length: {len(body)}\r\n\r\n".encode()
        + body
    )
    await read_response(reader)
    writer.close()
    pushed = time.monotonic()

    async def received(pair: tuple[asyncio.StreamReader, asyncio.StreamWriter]) -> bool:
        try:
            message = json.loads(await asyncio.wait_for(read_text_frame(pair[0]), 30))
        except (OSError, asyncio.IncompleteReadError, TimeoutError, ValueError):
            return False
        return bool(message.get("type") == "created")

    delivered = sum(await asyncio.gather(*(received(pair) for pair in sockets)))
    fan_out = time.monotonic() - pushed
    for _, sock_writer in sockets:
        sock_writer.close()
    return {
        "opened": len(sockets),
        "failed": failures,
        "received_push": delivered,
        "seconds_to_open": round(opening, 2),
        "seconds_to_push_to_all": round(fan_out, 2),
        "server_rss_kib_before": before,
        "server_rss_kib_after": after,
        "kib_per_connection": round((after - before) / max(len(sockets), 1), 1),
    }
{%- endif %}


def raise_open_files_limit(wanted: int) -> int:
    """Raise this process's open-files limit (the server inherits it); return the soft limit."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if target > soft:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
        soft = target
    return soft


async def measure(args: argparse.Namespace, port: int, server_pid: int) -> dict[str, object]:
    await wait_for_health(port)
    results: dict[str, object] = {"cpus": os.cpu_count()}
{%- if items %}
    results["websockets"] = await idle_websockets(port, args.connections, server_pid)
{%- endif %}
    count, elapsed = await requests_per_second(port, args.concurrency, args.seconds)
    results["health"] = {
        "requests": count,
        "seconds": round(elapsed, 2),
        "requests_per_second": round(count / elapsed),
        "concurrency": args.concurrency,
    }
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--connections", type=int, default=MAX_CONNECTIONS)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=5.0)
    args = parser.parse_args()
    args.concurrency = max(1, min(args.concurrency, 500))
    args.seconds = max(0.5, min(args.seconds, 60.0))
    # Each connection takes a descriptor in this process and one in the server.
    limit = raise_open_files_limit(MAX_CONNECTIONS + 1024)
    room = limit - args.concurrency - 200
    args.connections = max(1, min(args.connections, MAX_CONNECTIONS, room))
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="measure-") as folder:
        env = {
            **os.environ,
            "HOST": HOST,
            "PORT": str(port),
            "WEB_CONCURRENCY": "1",
            "SECRET_KEY": secrets.token_urlsafe(48),
{%- if uses_db %}
            "DATABASE_URL": f"sqlite:///{folder}/measure.sqlite3",
{%- endif %}
        }
        log = Path(folder) / "server.log"
        with log.open("wb") as output:
            server = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "{{ cookiecutter.package_name }}",
                    "serve",
                ],
                cwd=PROJECT_ROOT,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            results = asyncio.run(asyncio.wait_for(measure(args, port, server.pid), 600))
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
