"""The routes, one module per concern, each adding its own to the app with ``register``."""
