"""The {{ cookiecutter.package_name }} package: a Tornado application (see ``app.Application``)."""
