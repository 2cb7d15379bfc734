{%- set asgi = cookiecutter.interface == 'asgi' -%}
"""A bare Falcon hello-world: the baseline ``throughput.py`` compares this project with."""

import falcon
{%- if asgi %}
import falcon.asgi
{%- endif %}


class Health:
    {% if asgi %}async {% endif %}def on_get(self, req: {{ 'falcon.asgi.Request' if asgi else 'falcon.Request' }}, resp: {{ 'falcon.asgi.Response' if asgi else 'falcon.Response' }}) -> None:
        resp.media = {"status": "ok"}


app = {{ 'falcon.asgi.App' if asgi else 'falcon.App' }}()
app.add_route("/health", Health())
