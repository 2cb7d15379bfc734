"""The project's web2py application: models, controllers, views, static files."""
