"""The analytics page's callbacks, called as plain functions{% if cookiecutter.database != 'none' %} and through Dash's endpoint{% endif %}."""

from datetime import date
{%- if cookiecutter.database != 'none' %}

import dash
import pytest
from flask.testing import FlaskClient
{%- endif %}

from {{ cookiecutter.package_name }} import App, charts
from {{ cookiecutter.package_name }}.pages import analytics


def bars(figure: object) -> dict[str, int]:
    """Return the bars of a figure drawn by ``charts``, as {day: count}."""
    (trace,) = figure.data  # type: ignore[attr-defined]
    return dict(zip(trace.x, trace.y, strict=True))


def test_sample_data_is_bundled() -> None:
    counts = charts.sample_items_per_day()
    assert sum(counts.values()) > 0
    assert all(isinstance(day, date) for day in counts)


def test_chart_shows_the_sample_{% if cookiecutter.database != 'none' %}while_there_are_no_items{% else %}data{% endif %}(app: App) -> None:
    figure = analytics.update_chart(0)
    sample = charts.sample_items_per_day()
    assert bars(figure) == {day.isoformat(): count for day, count in sample.items()}
    assert "Sample" in figure.layout.title.text
{%- if cookiecutter.database != 'none' %}


def test_adding_an_item_redraws_the_chart_with_the_items(app: App) -> None:
    status, cleared, version = analytics.add_item(1, "  first  ", 0)
    assert (status, cleared, version) == ("Added 'first'.", "", 1)
    analytics.add_item(2, "second", version)
    figure = analytics.update_chart(2)
    assert list(bars(figure).values()) == [2]
    assert "Sample" not in figure.layout.title.text


@pytest.mark.parametrize("name", [None, "", "   ", "x" * 201, "nul\x00"])
def test_adding_a_bad_name_explains_and_changes_nothing(app: App, name: str | None) -> None:
    status, cleared, version = analytics.add_item(1, name, 0)
    assert status.startswith("The name")
    assert cleared is dash.no_update and version is dash.no_update
    assert "Sample" in analytics.update_chart(0).layout.title.text


def test_no_click_no_update(app: App) -> None:
    with pytest.raises(dash.exceptions.PreventUpdate):
        analytics.add_item(0, "first", 0)


def test_add_item_through_dash(client: FlaskClient) -> None:
    """The same request the browser sends when the button is clicked."""
    client.get("/")  # Dash sets up its callbacks on the first request
    outputs = [
        {"id": analytics.STATUS, "property": "children"},
        {"id": analytics.NAME_INPUT, "property": "value"},
        {"id": analytics.VERSION, "property": "data"},
    ]
    body = {
        "output": f"..{analytics.STATUS}.children...{analytics.NAME_INPUT}.value..."
        f"{analytics.VERSION}.data..",
        "outputs": outputs,
        "inputs": [{"id": analytics.ADD_BUTTON, "property": "n_clicks", "value": 1}],
        "changedPropIds": [f"{analytics.ADD_BUTTON}.n_clicks"],
        "state": [
            {"id": analytics.NAME_INPUT, "property": "value", "value": "from the page"},
            {"id": analytics.VERSION, "property": "data", "value": 0},
        ],
    }
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code == 200, response.data
    props = response.get_json()["response"]
    assert props[analytics.VERSION] == {"data": 1}
    assert client.get("/api/items").get_json()[0]["name"] == "from the page"
{%- endif %}
