"""A bare CherryPy app answering /health on its own server, for the throughput benchmark."""

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
            "environment": "production",
            "log.screen": False,
        }
    )
    cherrypy.quickstart(Root())
