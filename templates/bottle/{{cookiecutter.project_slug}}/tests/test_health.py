"""The health check."""

from bottle import Bottle
from webtest import TestApp


def test_health_answers_ok(client: TestApp) -> None:
    res = client.get("/health")
    assert res.status_code == 200
    assert res.content_type == "application/json"
    assert res.json == {"status": "ok"}


def test_health_answers_plain_http(app: Bottle) -> None:
    assert TestApp(app).get("/health").json == {"status": "ok"}
