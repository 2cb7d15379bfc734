"""The analytics page in headless Chromium, driven by Dash's pytest plugin (``dash_duo``).

Marked ``browser``: ``python -m pytest -m "not browser"`` leaves it out. It is skipped, with
the reason, where Chromium or chromedriver is missing.
"""

from typing import Any

import pytest

from {{ cookiecutter.package_name }} import App, config
from {{ cookiecutter.package_name }}.pages import analytics

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("browser_available")]


def console_problems(dash_duo: Any) -> list[str]:
    """Return the console's errors, CSP violations included (Chrome logs them as SEVERE)."""
    return [entry["message"] for entry in dash_duo.get_logs()]


def test_analytics_page_in_a_browser(fresh_app: App, dash_duo: Any) -> None:
    dash_duo.start_server(fresh_app)
    dash_duo.wait_for_text_to_equal("h1", config.PROJECT_NAME)
    assert dash_duo.driver.title == config.PROJECT_NAME

    dash_duo.wait_for_element("a[href='/analytics']").click()
    dash_duo.wait_for_text_to_equal("h1", "Items per day")
    dash_duo.wait_for_contains_text(f"#{analytics.CHART} .gtitle", "Sample data")
{%- if cookiecutter.database != 'none' %}

    dash_duo.find_element(f"#{analytics.NAME_INPUT}").send_keys("from the browser")
    dash_duo.find_element(f"#{analytics.ADD_BUTTON}").click()
    dash_duo.wait_for_text_to_equal(f"#{analytics.STATUS}", "Added 'from the browser'.")
    dash_duo.wait_for_contains_text(f"#{analytics.CHART} .gtitle", "Items created per day")
    assert dash_duo.find_element(f"#{analytics.NAME_INPUT}").get_attribute("value") == ""
{%- endif %}

    assert console_problems(dash_duo) == []
