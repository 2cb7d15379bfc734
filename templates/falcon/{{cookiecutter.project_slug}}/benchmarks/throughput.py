{%- set db = cookiecutter.database != 'none' -%}
{%- set asgi = cookiecutter.interface == 'asgi' -%}
"""Requests per second of the production server, against a bare Falcon app on the same server.

    python benchmarks/throughput.py [--seconds 3] [--rounds 3] [--clients 4] [--workers 2]

Starts gunicorn with this project's ``gunicorn.conf.py`` (the same worker class and
settings as the production server, which serves ``PROJECT_APP``) twice on free ports of
127.0.0.1: once with this project's application, once with ``benchmarks/hello.py``, a
bare Falcon app answering ``/health``. Client processes of the standard library's
``http.client`` then send GET requests for a fixed time, a bounded number of times,
and the median requests per second over the rounds is printed.
{%- if db %}
The project's server runs its migrations first on a throwaway database{% if cookiecutter.database == 'postgresql' %}
(``--database-url``, default: ``BENCHMARK_DATABASE_URL``, else a temporary SQLite file){% else %}
(a temporary SQLite file unless ``--database-url`` says otherwise){% endif %},
where one item is created for ``GET /api/items/<id>``.
{%- endif %}

Only loopback is ever contacted. The client shares the machine with the server, so the
figures are comparable with each other, not with another machine's.
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
#: Bounds whatever the arguments say: seconds per measurement, client processes, requests.
MAX_SECONDS = 30.0
MAX_CLIENTS = 32
MAX_REQUESTS = 500_000
GOAL = 0.8
SERVER = "gunicorn{{ ' (its ASGI worker)' if asgi else ' (sync workers)' }}"
#: The project's application, as the production server names it to gunicorn.
PROJECT_APP = "{{ cookiecutter.package_name }}.app:create_app()"


@dataclass(frozen=True)
class Measurement:
    target: str
    path: str
    rates: list[float]
    errors: int

    @property
    def median(self) -> float:
        return statistics.median(self.rates)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def wait_until_healthy(port: int, process: subprocess.Popen[bytes], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server exited with {process.returncode}")
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=2)
            connection.request("GET", "/health")
            if connection.getresponse().status == 200:
                connection.close()
                return
            connection.close()
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"no answer from 127.0.0.1:{port}/health in {timeout:.0f} s")


#: The project's gunicorn.conf.py, plus a hook telling when each worker has loaded the app.
BENCHMARK_CONFIG = """\
import os as _os

exec(compile(open({config!r}).read(), {config!r}, "exec"))


def post_worker_init(worker):
    open(_os.path.join({ready!r}, str(_os.getpid())), "w").close()
"""


@contextmanager
def gunicorn(app: str, *, workers: int, env: dict[str, str], scratch: Path) -> Iterator[int]:
    """Run gunicorn with the project's settings on a free loopback port; yield the port.

    It is yielded once every worker has loaded the app, not when the first one answers.
    """
    port = free_port()
    ready = scratch / f"ready-{port}"
    ready.mkdir()
    config = scratch / f"gunicorn-{port}.conf.py"
    project_config = str(ROOT / "gunicorn.conf.py")
    config.write_text(BENCHMARK_CONFIG.format(config=project_config, ready=str(ready)))
    command = [sys.executable, "-m", "gunicorn", "--config", str(config)]
    command += ["--pythonpath", str(ROOT / "benchmarks"), app]
    server_env = {**env, "HOST": HOST, "PORT": str(port), "WEB_CONCURRENCY": str(workers)}
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env=server_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        wait_until_healthy(port, process)
        deadline = time.monotonic() + 60
        while len(list(ready.iterdir())) < workers and time.monotonic() < deadline:
            time.sleep(0.1)
        yield port
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def hammer(port: int, path: str, start: float, stop: float, budget: int) -> tuple[int, int]:
    """Send GET requests from ``start`` until ``stop`` (monotonic clock) or ``budget`` runs out."""
    connection = http.client.HTTPConnection(HOST, port, timeout=10)
    done = errors = 0
    time.sleep(max(0.0, start - time.monotonic()))
    while done < budget and time.monotonic() < stop:
        try:
            connection.request("GET", path)
            answer = connection.getresponse()
            answer.read()
            if answer.status != 200:
                errors += 1
            if answer.will_close:
                connection.close()  # the next request opens a new connection
        except OSError:
            errors += 1
            connection.close()
        done += 1
    connection.close()
    return done, errors


def measure(port: int, path: str, *, seconds: float, clients: int) -> tuple[float, int]:
    """Return the requests per second of ``clients`` processes on ``path``, and the errors."""
    budget = MAX_REQUESTS // clients
    with multiprocessing.Pool(clients) as pool:
        start = time.monotonic() + 0.5  # every client process is up by then
        jobs = [(port, path, start, start + seconds, budget) for _ in range(clients)]
        results = pool.starmap(hammer, jobs)
        elapsed = min(time.monotonic(), start + seconds) - start
    total = sum(done for done, _ in results)
    return total / elapsed, sum(errors for _, errors in results)

{%- if db %}


def create_item(port: int) -> int:
    connection = http.client.HTTPConnection(HOST, port, timeout=10)
    body = json.dumps({"name": "benchmark"})
    connection.request("POST", "/api/items", body, {"Content-Type": "application/json"})
    answer = connection.getresponse()
    item = json.loads(answer.read())
    connection.close()
    if answer.status != 201:
        raise SystemExit(f"POST /api/items answered {answer.status}: {item}")
    item_id: int = item["id"]
    return item_id


def delete_item(port: int, item_id: int) -> None:
    connection = http.client.HTTPConnection(HOST, port, timeout=10)
    connection.request("DELETE", f"/api/items/{item_id}")
    connection.getresponse().read()
    connection.close()
{%- endif %}


def run(arguments: argparse.Namespace) -> list[Measurement]:
    seconds = min(arguments.seconds, MAX_SECONDS)
    clients = max(1, min(arguments.clients, MAX_CLIENTS))
    env = {**os.environ, "SECRET_KEY": secrets.token_urlsafe(48)}
    env.pop("PYTHONPATH", None)
    with tempfile.TemporaryDirectory(prefix="benchmark-") as name:
        scratch = Path(name)
{%- if db %}
        scratch_database = f"sqlite:///{scratch / 'benchmark.sqlite3'}"
        env["DATABASE_URL"] = arguments.database_url or scratch_database
        migrate = [sys.executable, "-m", "alembic", "upgrade", "head"]
        subprocess.run(migrate, cwd=ROOT, env=env, check=True, capture_output=True)
{%- endif %}
        rates: dict[tuple[str, str], list[float]] = {}
        errors: dict[tuple[str, str], int] = {}
        for _ in range(max(1, arguments.rounds)):
            # Alternate the two servers, so that both see the same noise of a shared machine.
            for target, app in (("bare hello-world", "hello:app"), ("this project", PROJECT_APP)):
                with gunicorn(app, workers=arguments.workers, env=env, scratch=scratch) as port:
                    paths = [("/health", "/health")]
{%- if db %}
                    item_id = create_item(port) if target == "this project" else None
                    if item_id is not None:
                        paths.append(("/api/items/<id>", f"/api/items/{item_id}"))
{%- endif %}
                    measure(port, "/health", seconds=1, clients=clients)  # warm up
                    for label, path in paths:
                        rate, failed = measure(port, path, seconds=seconds, clients=clients)
                        rates.setdefault((target, label), []).append(rate)
                        errors[target, label] = errors.get((target, label), 0) + failed
{%- if db %}
                    if item_id is not None:
                        delete_item(port, item_id)
{%- endif %}
    return [Measurement(*key, rates[key], errors[key]) for key in rates]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="per measurement (max 30)")
    parser.add_argument("--rounds", type=int, default=3, help="measurements per route")
    parser.add_argument("--clients", type=int, default=4, help="client processes (max 32)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers of both servers")
{%- if db %}
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCHMARK_DATABASE_URL"),
        help="a throwaway database for the project (default: a temporary SQLite file)",
    )
{%- endif %}
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    arguments = parser.parse_args()
    results = run(arguments)
    bare = next(m.median for m in results if m.target == "bare hello-world")
    starter = next(m.median for m in results if (m.target, m.path) == ("this project", "/health"))
    ratio = starter / bare
    if arguments.json:
        figures = [
            {"target": m.target, "path": m.path, "rps": round(m.median), "errors": m.errors}
            for m in results
        ]
        print(json.dumps({"results": figures, "ratio": round(ratio, 3)}, indent=2))  # noqa: T201
        return
    print(  # noqa: T201
        f"{SERVER}, {arguments.workers} workers, {arguments.clients} client processes, "
        f"{arguments.seconds:g} s x {arguments.rounds} rounds, on 127.0.0.1"
    )
    for m in results:
        print(f"  {m.target:<18} GET {m.path:<16} {m.median:>9,.0f} req/s  errors: {m.errors}")  # noqa: T201
    verdict = "meets" if ratio >= GOAL else "misses"
    print(f"  /health: this project / bare = {ratio:.2f} ({verdict} the goal of {GOAL})")  # noqa: T201


if __name__ == "__main__":
    main()
