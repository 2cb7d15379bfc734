{%- set items = cookiecutter.database != 'none' -%}
"""The servers: Tornado's own HTTP server, in development and in production.

Production runs ``Settings.workers`` processes. With one, this process serves. With
more, this process binds the socket, forks the workers that share it, and supervises
them: it restarts a worker that dies, and on SIGTERM (or Ctrl-C) it closes its copy of
the socket, forwards the signal to every worker and waits for them, killing any still
there after ``STOP_TIMEOUT`` seconds. Each worker stops the same way on its own: it stops
accepting, closes its WebSockets and waiting requests, then its connections.
(``tornado.process.fork_processes`` is not used: its parent leaves the children serving
when it is sent SIGTERM.)
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import socket
import sys
import time
from collections.abc import Sequence

import tornado.httpserver
import tornado.netutil

from .app import Application
from .config import Settings

log = logging.getLogger(__name__)

#: Seconds the supervisor gives its workers to stop before it kills them.
STOP_TIMEOUT = 10.0
#: A worker that dies this many times within a minute stops the whole server.
MAX_RESTARTS_PER_MINUTE = 5
_STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


async def serve(config: Settings, sockets: Sequence[socket.socket], *, poll: bool = False) -> None:
    """Serve on ``sockets`` in this process until SIGTERM or SIGINT, then stop cleanly."""
    app = Application(config{% if items %}, poll=poll{% endif %})
    await app.start()
    # xheaders: trust X-Forwarded-Proto and X-Real-Ip from the proxy in front.
    server = tornado.httpserver.HTTPServer(app, xheaders=True)
    server.add_sockets(sockets)
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in _STOP_SIGNALS:
        loop.add_signal_handler(signum, stopping.set)
    try:
        await stopping.wait()
    finally:
        server.stop()  # no new connections; the listening sockets close
        await app.stop()  # WebSockets and long-polling requests end now
        await server.close_all_connections()
        for signum in _STOP_SIGNALS:
            loop.remove_signal_handler(signum)


def run_dev(config: Settings) -> None:
    """The development server: one process, debug mode (reloads when a file changes)."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    sockets = tornado.netutil.bind_sockets(config.port, config.host)
    log.info("development server on http://%s:%d", config.host, config.port)
    asyncio.run(serve(config, sockets))


def run_production(config: Settings) -> int:
    """The production server; return its exit status."""
    logging.basicConfig(
        level=logging.INFO,
        format="%(asctime)s [%(process)d] %(levelname)s %(name)s: %(message)s",
    )
    sockets = tornado.netutil.bind_sockets(config.port, config.host, backlog=1024)
    workers = config.workers
    log.info("serving on http://%s:%d with %d worker(s)", config.host, config.port, workers)
    if workers == 1:
        asyncio.run(serve(config, sockets))
        return 0
    return Supervisor(config, sockets, workers).run()


class Supervisor:
    """Forks the workers sharing the pre-bound ``sockets``, reaps them, and stops them."""

    def __init__(self, config: Settings, sockets: Sequence[socket.socket], workers: int) -> None:
        self.config = config
        self.sockets = list(sockets)
        self.workers = workers
        self.children: dict[int, int] = {}  # pid -> worker number
        self.stopping = False
        self.failed = False
        self.deaths: list[float] = []

    def run(self) -> int:
        for signum in _STOP_SIGNALS:
            signal.signal(signum, self._on_stop_signal)
        for number in range(self.workers):
            self._start(number)
        deadline: float | None = None
        while self.children:
            pid, status = os.waitpid(-1, os.WNOHANG)
            if pid == 0:
                if self.stopping and deadline is None:
                    deadline = time.monotonic() + STOP_TIMEOUT
                if deadline is not None and time.monotonic() > deadline:
                    self._signal_all(signal.SIGKILL)
                    deadline = float("inf")
                time.sleep(0.05)
                continue
            if pid not in self.children:
                continue
            number = self.children.pop(pid)
            if not self.stopping:
                self._restart(number, pid, status)
        return 1 if self.failed else 0

    def _start(self, number: int) -> None:
        # Block the stop signals across fork: the handler must know every child it forwards to.
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
        try:
            pid = os.fork()
            if pid == 0:
                self._worker(number)  # never returns
            self.children[pid] = number
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)

    def _worker(self, number: int) -> None:
        status = 1
        try:
            for signum in _STOP_SIGNALS:
                signal.signal(signum, signal.SIG_DFL)
            signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)
            log.info("worker %d started", number)
{%- if items %}
            # Several SQLite processes: each watches the table for the others' changes.
            poll = not self.config.database_url.startswith("postgres")
{%- endif %}
            asyncio.run(serve(self.config, self.sockets{% if items %}, poll=poll{% endif %}))
            status = 0
        except BaseException:
            log.exception("worker %d failed", number)
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(status)

    def _restart(self, number: int, pid: int, status: int) -> None:
        now = time.monotonic()
        self.deaths = [t for t in self.deaths if now - t < 60] + [now]
        log.error("worker %d (pid %d) exited with status %d", number, pid, status)
        if len(self.deaths) > MAX_RESTARTS_PER_MINUTE:
            log.error("workers keep dying: stopping the server")
            self.failed = True
            self._stop()
            return
        self._start(number)

    def _on_stop_signal(self, signum: int, _frame: object) -> None:
        log.info("stopping (%s)", signal.Signals(signum).name)
        self._stop()

    def _stop(self) -> None:
        if self.stopping:
            return
        self.stopping = True
        for sock in self.sockets:
            sock.close()  # this process's copy: the port is free once the workers exit
        self._signal_all(signal.SIGTERM)

    def _signal_all(self, signum: int) -> None:
        for pid in list(self.children):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signum)
