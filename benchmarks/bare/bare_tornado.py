"""A bare Tornado app answering /health on $WEB_CONCURRENCY processes, for the benchmark.

Logging is set up as the template's server sets it, so Tornado's access log is on in both.
"""

import asyncio
import logging
import os

import tornado.httpserver
import tornado.netutil
import tornado.process
import tornado.web

COMMAND = "python -m bare_tornado"


class Health(tornado.web.RequestHandler):
    """The /health handler."""

    def get(self) -> None:
        """Answer that the process is up."""
        self.write({"status": "ok"})


async def serve(sockets: list) -> None:
    """Serve on the shared sockets until the process is killed."""
    server = tornado.httpserver.HTTPServer(tornado.web.Application([("/health", Health)]))
    server.add_sockets(sockets)
    await asyncio.Event().wait()


if __name__ == "__main__":
    logging.basicConfig(
        level=logging.INFO,
        format="%(asctime)s [%(process)d] %(levelname)s %(name)s: %(message)s",
    )
    sockets = tornado.netutil.bind_sockets(int(os.environ["PORT"]), os.environ["HOST"])
    tornado.process.fork_processes(int(os.environ.get("WEB_CONCURRENCY", "2")))
    asyncio.run(serve(sockets))
