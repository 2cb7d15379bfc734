"""A bare CherryPy app answering /health on its own server, for the throughput benchmark.

Configured as the template's server is: access log on stdout, ten threads (its default).
"""

import os

import cherrypy

COMMAND = "python -m bare_cherrypy"


class Root:
    """The root object."""

    @cherrypy.expose
    @cherrypy.tools.json_out()
    def health(self) -> dict[str, str]:
        """Answer that the process is up."""
        return {"status": "ok"}


if __name__ == "__main__":
    cherrypy.config.update(
        {
            "server.socket_host": os.environ["HOST"],
            "server.socket_port": int(os.environ["PORT"]),
            "server.thread_pool": 10,
            "environment": "production",
            "log.screen": True,
        }
    )
    cherrypy.quickstart(Root())
