"""A bare Falcon app answering /health, for the throughput benchmark."""

import falcon

COMMAND = "gunicorn bare_falcon:app"


class Health:
    """The /health resource."""

    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        """Answer that the process is up."""
        resp.media = {"status": "ok"}


app = falcon.App()
app.add_route("/health", Health())
