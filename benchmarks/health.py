"""Requests per second of each template's `GET /health` against a bare app (goal: >= 0.8x).

Each template's defaults (or the options given, `web2py:auth=yes`) are baked and
installed as the template harness does, then served with the project's own production
command; a bare hello-world of the same framework (`benchmarks/bare/`) is served from
the project's folder by the same server, so the same `gunicorn.conf.py` (workers from
WEB_CONCURRENCY, access log) applies. Both are loaded alternately on loopback by the
same keep-alive client for a fixed time; the report gives the medians and the ratio.

    .venv/bin/python benchmarks/health.py [--seconds 5] [--rounds 3] [--readme] [TEMPLATE[:K=V,...]]

By default every template's defaults are measured, and web2py with ``auth=yes`` (whose
auth tables were once defined on every request). ``--readme`` writes the table into
README.md between ``<!-- bench:health -->`` markers.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests" / "templates"))

from bakery import Variant, bake, discover_templates  # noqa: E402
from http_checks import serving  # noqa: E402
from timing import write_readme  # noqa: E402
from venvs import Workspace, cached_venv, clone_venv, find_python, project_env  # noqa: E402

REQUEST = b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Forwarded-Proto: https\r\n\r\n"


async def _client(host: str, port: int, stop_at: float) -> int:
    """Send requests one after another, reconnecting when the server closes; count answers."""
    done = 0
    while time.monotonic() < stop_at:
        reader, writer = await asyncio.open_connection(host, port)
        try:
            while time.monotonic() < stop_at:
                writer.write(REQUEST)
                head = await reader.readuntil(b"\r\n\r\n")
                status = int(head.split(b" ", 2)[1])
                headers = head.lower()
                length = _content_length(headers)
                if length is not None:
                    await reader.readexactly(length)
                elif b"transfer-encoding: chunked" in headers:
                    await reader.readuntil(b"0\r\n\r\n")
                else:
                    await reader.read()
                if status != 200:
                    raise RuntimeError(f"/health answered {status}")
                done += 1
                if b"connection: close" in headers or length is None:
                    break
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()
    return done


def _content_length(headers: bytes) -> int | None:
    for line in headers.split(b"\r\n"):
        if line.startswith(b"content-length:"):
            return int(line.split(b":", 1)[1])
    return None


def requests_per_second(url: str, *, seconds: float, connections: int) -> float:
    """Load ``url``'s /health with ``connections`` keep-alive clients; return answers per second."""
    host, port = url.removeprefix("http://").split(":")

    async def load() -> int:
        stop_at = time.monotonic() + seconds
        counts = await asyncio.gather(
            *(_client(host, int(port), stop_at) for _ in range(connections))
        )
        return sum(counts)

    return asyncio.run(load()) / seconds


def _variant(spec: str) -> Variant:
    name, _, settings = spec.partition(":")
    template = next(t for t in discover_templates() if t.name == name)
    chosen = dict(pair.split("=", 1) for pair in settings.split(",") if pair)
    options = {o.name: chosen.get(o.name, o.default) for o in template.options}
    return Variant(name, "bench", tuple(options.items()), tuple(chosen.items()))


def measure(spec: str, *, seconds: float, rounds: int, connections: int) -> tuple[float, float]:
    """Return the median requests per second of the project and of the bare app."""
    variant = _variant(spec)
    bare = HERE / "bare" / f"bare_{variant.template}.py"
    command = next(
        line.split("=", 1)[1].strip().strip('"')
        for line in bare.read_text().splitlines()
        if line.startswith("COMMAND =")
    )
    with tempfile.TemporaryDirectory() as folder:
        baked = bake(variant, Path(folder) / "bake")
        python = find_python(variant.chosen.get("python_version", "3.11"))
        assert python, "no Python for the bake"
        cached = cached_venv(
            baked.path / "pyproject.toml", python=python, template=variant.template
        )
        venv = clone_venv(cached, Path(folder) / "venv")
        env = {**project_env(venv, baked.path), "WEB_CONCURRENCY": "2"}
        space = Workspace(baked, baked.path, venv, env)
        assert space.install().returncode == 0
        bare_env = {**env, "PYTHONPATH": str(bare.parent)}
        samples: dict[str, list[float]] = {"project": [], "bare": []}
        for _ in range(rounds):
            for kind, serve, run_env in (
                ("project", baked.commands.serve, env),
                ("bare", command, bare_env),
            ):
                log = Path(folder) / f"{kind}.log"
                with serving(serve, cwd=baked.path, env=run_env, log=log) as server:
                    requests_per_second(server.url, seconds=1, connections=connections)  # warm
                    rate = requests_per_second(server.url, seconds=seconds, connections=connections)
                    samples[kind].append(rate)
        return statistics.median(samples["project"]), statistics.median(samples["bare"])


def main() -> None:
    """Measure the templates named (all by default) and print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--readme", action="store_true", help="write the table into README.md")
    parser.add_argument("templates", nargs="*")
    args = parser.parse_args()
    specs = args.templates or [*(t.name for t in discover_templates()), "web2py:auth=yes"]
    load = os.getloadavg()[0]
    lines = [
        f"GET /health, WEB_CONCURRENCY=2, {args.connections} keep-alive clients, "
        f"{args.seconds:g} s x {args.rounds} alternating rounds, median; load {load:.1f} "
        f"at the start ({time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores). Goal: >= 0.8x.",
        "",
        "| template | project req/s | bare app req/s | ratio |",
        "|---|---|---|---|",
    ]
    print("\n".join(lines), flush=True)
    for spec in specs:
        ours, bare = measure(
            spec, seconds=args.seconds, rounds=args.rounds, connections=args.connections
        )
        lines.append(f"| {spec} | {ours:.0f} | {bare:.0f} | {ours / bare:.2f}x |")
        print(lines[-1], flush=True)
    if args.readme:
        write_readme("health", "\n".join(lines))


if __name__ == "__main__":
    main()
