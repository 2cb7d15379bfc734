"""The {{ cookiecutter.package_name }} web2py application: models, controllers, views, static files."""
