"""``/``: what the project is and where to go."""

from dash import dcc, html

from .. import config


def layout() -> html.Div:
    """Return the home page."""
    return html.Div(
        [
            html.H1(config.PROJECT_NAME),
            html.P(config.DESCRIPTION),
            html.P(
                [
                    "The ",
                    dcc.Link("analytics page", href="/analytics"),
                    " charts the items created per day{% if cookiecutter.database != 'none' %} and adds new ones{% endif %}.",
                ]
            ),
            html.Ul(
                [
{%- if cookiecutter.database != 'none' %}
                    html.Li([html.Code("/api/items"), ": the items as a JSON API."]),
{%- endif %}
                    html.Li([html.Code("/health"), ": the health check."]),
                ]
            ),
        ]
    )
