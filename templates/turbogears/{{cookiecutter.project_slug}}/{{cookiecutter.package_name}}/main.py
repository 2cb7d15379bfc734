"""The WSGI entry point: gunicorn serves this module's ``application``.

{% if cookiecutter.mode == 'minimal' -%}
The application is assembled by ``app.py`` (the MinimalApplicationConfigurator).
{%- else -%}
The application is assembled by ``config/app_cfg.py`` (the FullStackApplicationConfigurator)
and ``config/middleware.py``, as in a project made by ``gearbox quickstart``.
{%- endif %} Only the servers
import this module: the tests call ``make_app()`` themselves.
"""

from {{ cookiecutter.package_name }}.{% if cookiecutter.mode == 'minimal' %}app{% else %}config.middleware{% endif %} import make_app
from {{ cookiecutter.package_name }}.settings import load_settings

#: What gunicorn serves. TurboGears' configuration is process-wide: one application a process.
application = make_app(load_settings())
