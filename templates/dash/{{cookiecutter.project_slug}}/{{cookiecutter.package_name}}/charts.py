"""The analytics: items per day, as counts and as a Plotly figure.

The bundled sample (``data/sample_items.csv``) keeps the chart from ever being empty:
{%- if cookiecutter.database != 'none' %} it stands
in until the database holds items.{% else %} no
database was chosen, so it is all the chart shows.{% endif %}
"""

import csv
from collections import Counter
from datetime import date, datetime
from functools import cache
from importlib import resources

import plotly.graph_objects as go

SAMPLE_FILE = "sample_items.csv"


@cache
def sample_items_per_day() -> Counter[date]:
    """Count the sample items per day of their ``created_at``; read once per process."""
    text = resources.files(__package__).joinpath("data", SAMPLE_FILE).read_text(encoding="utf-8")
    rows = csv.DictReader(text.splitlines())
    return Counter(datetime.fromisoformat(row["created_at"]).date() for row in rows)


def items_per_day_figure(counts: Counter[date], *, title: str) -> go.Figure:
    """Return a bar chart of ``counts``, one bar per day, oldest first."""
    days = sorted(counts)
    figure = go.Figure(
        go.Bar(
            x=[day.isoformat() for day in days],
            y=[counts[day] for day in days],
            name="items",
            hovertemplate="%{x|%Y-%m-%d}: %{y} items<extra></extra>",
        )
    )
    figure.update_layout(
        title={"text": title},
        xaxis={"title": {"text": "day"}, "type": "date"},
        yaxis={"title": {"text": "items created"}, "rangemode": "tozero", "tickformat": ",d"},
        margin={"l": 60, "r": 20, "t": 60, "b": 50},
        template="plotly_white",
    )
    return figure
