"""``/analytics``: items created per day{% if cookiecutter.database != 'none' %}, and a form that adds one{% endif %}.

Dash's idiom: the layout declares components; callbacks compute their properties on the
server from the values the browser sends. The functions below are plain functions, which
``register_callbacks`` wires to the components of one app.
"""
{% if cookiecutter.database != 'none' %}
from typing import Any
{% endif %}
import dash
from dash import Input, Output, {% if cookiecutter.database != 'none' %}State, {% endif %}dcc, html
from plotly.graph_objects import Figure

from .. import charts{% if cookiecutter.database != 'none' %}, database{% endif %}
{%- if cookiecutter.database != 'none' %}
from ..items import clean_name
from ..models import ITEM_NAME_MAX_LENGTH
{%- endif %}

CHART = "items-per-day"
{%- if cookiecutter.database != 'none' %}
NAME_INPUT = "new-item-name"
ADD_BUTTON = "add-item"
STATUS = "add-item-status"
{%- endif %}
#: Counts the changes made on the page; the chart redraws when it changes.
VERSION = "items-version"


def layout() -> html.Div:
    """Return the analytics page; the chart is drawn by ``update_chart`` when it loads."""
    return html.Div(
        [
            html.H1("Items per day"),
            dcc.Graph(id=CHART, config={"displaylogo": False}),
{%- if cookiecutter.database != 'none' %}
            html.Div(
                [
                    html.Label("New item", htmlFor=NAME_INPUT),
                    dcc.Input(
                        id=NAME_INPUT,
                        type="text",
                        maxLength=ITEM_NAME_MAX_LENGTH,
                        placeholder="name",
                    ),
                    html.Button("Add item", id=ADD_BUTTON, n_clicks=0),
                ],
                className="add-item",
            ),
            html.P(id=STATUS, role="status"),
{%- else %}
            html.P("No database was chosen: the chart shows the bundled sample data."),
{%- endif %}
            dcc.Store(id=VERSION, data=0),
        ]
    )


def update_chart(version: int | None) -> Figure:
    """Draw the items per day{% if cookiecutter.database != 'none' %}, or the bundled sample while there are none yet{% else %} of the bundled sample{% endif %}."""
{%- if cookiecutter.database != 'none' %}
    counts = database.items_per_day()
    if counts:
        return charts.items_per_day_figure(counts, title="Items created per day (UTC)")
{%- endif %}
    return charts.items_per_day_figure(
        charts.sample_items_per_day(), title="Sample data: items per day"
    )
{%- if cookiecutter.database != 'none' %}


def add_item(n_clicks: int | None, name: str | None, version: int | None) -> tuple[str, Any, Any]:
    """Store the item named in the input, clear the input and tell the chart to redraw.

    Answers the status line, the input's new value and the new version, or ``dash.no_update``
    for the last two when the name is refused.
    """
    if not n_clicks:
        raise dash.exceptions.PreventUpdate
    try:
        item = database.create_item(clean_name(name))
    except ValueError as error:
        return str(error).replace("'name'", "The name"), dash.no_update, dash.no_update
    return f"Added {item.name!r}.", "", (version or 0) + 1
{%- endif %}


def register_callbacks(app: dash.Dash) -> None:
    """Wire the functions above to the components of ``app``.

    ``app.callback`` rather than the global ``dash.callback``: each app made by ``create_app``
    (the tests make several) gets its own callbacks.
    """
    app.callback(Output(CHART, "figure"), Input(VERSION, "data"))(update_chart)
{%- if cookiecutter.database != 'none' %}
    app.callback(
        Output(STATUS, "children"),
        Output(NAME_INPUT, "value"),
        Output(VERSION, "data"),
        Input(ADD_BUTTON, "n_clicks"),
        State(NAME_INPUT, "value"),
        State(VERSION, "data"),
        prevent_initial_call=True,
    )(add_item)
{%- endif %}
