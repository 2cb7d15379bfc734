"""The production entry point: gunicorn serves this module's ``server``, Dash's Flask server."""

from .app import create_app

app = create_app()
server = app.server
