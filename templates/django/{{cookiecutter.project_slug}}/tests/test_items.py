"""The items API: every route and every error, as JSON, with no CSRF token needed."""

import json
from typing import TYPE_CHECKING

import pytest
{%- if cookiecutter.rest_api == "drf" %}
from django.core.cache import cache
{%- endif %}
from django.test import Client
{%- if cookiecutter.rest_api == "drf" %}
from rest_framework.throttling import AnonRateThrottle
{%- endif %}

from {{ cookiecutter.package_name }}.items.models import Item

if TYPE_CHECKING:
    # What the test client answers: a response with .json(), in django-stubs' words.
    from django.test.client import _MonkeyPatchedWSGIResponse as TestResponse

pytestmark = pytest.mark.django_db

ITEMS = "/api/items"

INVALID_BODIES = {
    "malformed JSON": b'{"name": ',
    "invalid UTF-8": b'{"name": "\xff"}',
    "array": b'["Milk"]',
    "null": b"null",
    "missing name": b"{}",
    "empty name": b'{"name": ""}',
    "blank name": b'{"name": "   "}',
    "null name": b'{"name": null}',
    "number name": b'{"name": 42}',
    "array name": b'{"name": ["Milk"]}',
    "NUL in name": b'{"name": "Mi\\u0000lk"}',
    "name too long": json.dumps({"name": "x" * 201}).encode(),
}


def send(
    client: Client, method: str, path: str, body: bytes | dict[str, object] = b""
) -> "TestResponse":
    """Send a request with a JSON body (bytes are sent as they are)."""
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    return client.generic(method, path, data, content_type="application/json")


@pytest.fixture
def item() -> Item:
    return Item.objects.create(name="Milk")
{%- if cookiecutter.rest_api == "drf" %}


@pytest.fixture(autouse=True)
def fresh_throttle_counts() -> None:
    """Each test starts with no request counted against the API's rate limit."""
    cache.clear()
{%- endif %}


def test_create(client: Client) -> None:
    response = send(client, "POST", ITEMS, {"name": "Bread"})
    assert response.status_code == 201
    created = response.json()
    assert created == {"id": created["id"], "name": "Bread"}
    assert Item.objects.get(pk=created["id"]).name == "Bread"


def test_list(client: Client, item: Item) -> None:
    other = Item.objects.create(name="Eggs")
    response = client.get(ITEMS)
    assert response.status_code == 200
    assert response.json() == [
        {"id": item.pk, "name": "Milk"},
        {"id": other.pk, "name": "Eggs"},
    ]


def test_list_when_empty(client: Client) -> None:
    response = client.get(ITEMS)
    assert response.status_code == 200
    assert response.json() == []


def test_list_is_paginated(client: Client) -> None:
    Item.objects.bulk_create(Item(name=f"Item {n}") for n in range(120))
    first = client.get(ITEMS)
    assert first.status_code == 200
    assert [item["name"] for item in first.json()] == [f"Item {n}" for n in range(50)]
    assert first["X-Total-Count"] == "120"
    page = client.get(ITEMS, {"limit": 100, "offset": 110})
    assert [item["name"] for item in page.json()] == [f"Item {n}" for n in range(110, 120)]
    assert page["X-Total-Count"] == "120"
{%- if cookiecutter.rest_api == "drf" %}
    assert 'rel="next"' in first["Link"] and "offset=50" in first["Link"]
    assert 'rel="prev"' in page["Link"] and 'rel="next"' not in page["Link"]
{%- endif %}


BAD_PAGES = {
    "limit zero": {"limit": "0"},
    "limit over 100": {"limit": "101"},
    "limit not a number": {"limit": "ten"},
    "negative offset": {"offset": "-1"},
    "offset not a number": {"offset": "1.5"},
}


@pytest.mark.parametrize("query", BAD_PAGES.values(), ids=BAD_PAGES.keys())
def test_list_rejects_a_bad_page(client: Client, query: dict[str, str]) -> None:
    response = client.get(ITEMS, query)
    assert response.status_code == 400
    assert next(iter(query)) in response.json()["error"]
{%- if cookiecutter.rest_api == "drf" %}


def test_api_is_rate_limited(client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(AnonRateThrottle, "rate", "2/minute", raising=False)
    assert [client.get(ITEMS).status_code for _ in range(3)] == [200, 200, 429]
    assert "throttled" in client.get(ITEMS).json()["error"]
{%- endif %}


def test_read(client: Client, item: Item) -> None:
    response = client.get(f"{ITEMS}/{item.pk}")
    assert response.status_code == 200
    assert response.json() == {"id": item.pk, "name": "Milk"}


def test_replace(client: Client, item: Item) -> None:
    response = send(client, "PUT", f"{ITEMS}/{item.pk}", {"name": "Oat milk"})
    assert response.status_code == 200
    assert response.json() == {"id": item.pk, "name": "Oat milk"}
    item.refresh_from_db()
    assert item.name == "Oat milk"


def test_delete(client: Client, item: Item) -> None:
    response = client.delete(f"{ITEMS}/{item.pk}")
    assert response.status_code == 204
    assert response.content == b""
    assert not Item.objects.filter(pk=item.pk).exists()


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE"])
def test_missing_item_is_404(client: Client, method: str) -> None:
    response = send(client, method, f"{ITEMS}/999999", {"name": "Bread"})
    assert response.status_code == 404
    assert isinstance(response.json()["error"], str)


@pytest.mark.parametrize("item_id", ["abc", "99999999999999999999"], ids=["text", "huge"])
def test_impossible_item_id_is_404(client: Client, item_id: str) -> None:
    assert client.get(f"{ITEMS}/{item_id}").status_code == 404


@pytest.mark.parametrize("body", INVALID_BODIES.values(), ids=INVALID_BODIES.keys())
def test_create_rejects_invalid_body(client: Client, body: bytes) -> None:
    response = send(client, "POST", ITEMS, body)
    assert response.status_code == 400
    assert response.json()["error"]
    assert not Item.objects.exists()


@pytest.mark.parametrize("body", INVALID_BODIES.values(), ids=INVALID_BODIES.keys())
def test_replace_rejects_invalid_body(client: Client, item: Item, body: bytes) -> None:
    response = send(client, "PUT", f"{ITEMS}/{item.pk}", body)
    assert response.status_code == 400
    assert response.json()["error"]
    item.refresh_from_db()
    assert item.name == "Milk"


def test_unsupported_method_is_405(client: Client, item: Item) -> None:
    response = send(client, "POST", f"{ITEMS}/{item.pk}", {"name": "Bread"})
    assert response.status_code == 405
    assert response.json()["error"]


def test_api_needs_no_csrf_token() -> None:
    client = Client(enforce_csrf_checks=True)
    assert send(client, "POST", ITEMS, {"name": "Bread"}).status_code == 201
