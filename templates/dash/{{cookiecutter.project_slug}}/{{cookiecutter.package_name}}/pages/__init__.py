"""The pages, registered with ``dash.register_page`` by ``create_app``, and the shell around them.

Dash routes URLs in the browser: ``dash.page_container`` shows the page registered for the
current path, and the server serves the same HTML for every registered path.
"""

import dash
from dash import dcc, html

from .. import config


def shell() -> html.Div:
    """Return the layout around every page: a header with links, then the current page."""
    links = [
        dcc.Link(page["name"], href=page["relative_path"], className="nav-link")
        for page in dash.page_registry.values()
    ]
    return html.Div(
        [
            html.Header(
                [html.Span(config.PROJECT_NAME, className="brand"), html.Nav(links)],
                className="site-header",
            ),
            html.Main(dash.page_container, className="content"),
        ]
    )
