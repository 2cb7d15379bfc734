"""The project's package: a Tornado application (see ``app.Application``)."""
