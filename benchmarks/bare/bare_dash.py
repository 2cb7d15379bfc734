"""A bare Dash app with a Flask /health route, for the throughput benchmark."""

from dash import Dash, html

COMMAND = "gunicorn bare_dash:server"

app = Dash(__name__)
app.layout = html.Div("bare")
server = app.server


@server.get("/health")
def health() -> dict[str, str]:
    """Answer that the process is up."""
    return {"status": "ok"}
