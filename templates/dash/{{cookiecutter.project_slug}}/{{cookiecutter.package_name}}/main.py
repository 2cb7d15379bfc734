"""The production entry point: gunicorn serves ``{{ cookiecutter.package_name }}.main:server``, Dash's Flask server."""

from .app import create_app

app = create_app()
server = app.server
