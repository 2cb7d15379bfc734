"""The /api/items resource: CRUD, its other formats, and every error."""

import xml.etree.ElementTree as ET

import pytest

pytestmark = pytest.mark.usefixtures("no_items")


@pytest.fixture
def item(client) -> dict:
    """Create an item (with characters to escape) and return it as the API answered."""
    return client.post_json("/api/items", {"name": "Nuts & <bolts>"}, status=201).json


def test_create_returns_the_item(client):
    response = client.post_json("/api/items", {"name": "Wrench <&> \"é\""}, status=201)
    assert response.content_type == "application/json"
    assert response.json == {"id": response.json["id"], "name": 'Wrench <&> "é"'}
    assert isinstance(response.json["id"], int)
    assert "Set-Cookie" not in response.headers


def test_list_returns_every_item_in_order(client, item):
    second = client.post_json("/api/items", {"name": "second"}, status=201).json
    response = client.get("/api/items")
    assert response.content_type == "application/json"
    assert isinstance(response.json, list)
    assert response.json.index(item) < response.json.index(second)
    assert client.get("/api/items.json").json == response.json


def test_list_as_xml(client, item):
    response = client.get("/api/items.xml")
    assert response.content_type == "application/xml"
    root = ET.fromstring(response.body)
    assert {"id": str(item["id"]), "name": item["name"]} in [
        {child.tag: child.text for child in element} for element in root
    ]


def test_list_as_rss(client, item):
    response = client.get("/api/items.rss")
    assert response.content_type == "application/rss+xml"
    channel = ET.fromstring(response.body).find("channel")
    assert channel is not None
    entries = {entry.findtext("title"): entry.findtext("link") for entry in channel.iter("item")}
    assert str(entries[item["name"]]).endswith(f"/api/items/{item['id']}")


def test_unknown_format_is_404(client):
    client.get("/api/items.pdf", status=404)


def test_read_returns_the_item(client, item):
    assert client.get(f"/api/items/{item['id']}").json == item


def test_update_returns_the_updated_item(client, item):
    response = client.put_json(f"/api/items/{item['id']}", {"name": "renamed"})
    assert response.json == {"id": item["id"], "name": "renamed"}
    assert client.get(f"/api/items/{item['id']}").json["name"] == "renamed"


def test_delete_returns_204_then_the_item_is_gone(client, item):
    response = client.delete(f"/api/items/{item['id']}", status=204)
    assert response.body == b""
    client.get(f"/api/items/{item['id']}", status=404)
    assert item not in client.get("/api/items").json


@pytest.mark.parametrize("method", ["get", "put_json", "delete"])
@pytest.mark.parametrize("item_id", ["999999999", "0", "-1", "abc", "1.5", "99999999999999999999"])
def test_missing_item_is_404_json(client, method, item_id):
    kwargs = {"params": {"name": "x"}} if method == "put_json" else {}
    response = getattr(client, method)(f"/api/items/{item_id}", status=404, **kwargs)
    assert response.content_type == "application/json"
    assert response.json == {"error": "item not found"}


def test_nested_path_is_404(client, item):
    client.get(f"/api/items/{item['id']}/more", status=404)


BAD_BODIES = {
    "malformed JSON": b'{"name": ',
    "not UTF-8": b"\xff\xfe",
    "empty body": b"",
    "array": b'["name"]',
    "string": b'"name"',
    "null": b"null",
    "missing name": b"{}",
    "null name": b'{"name": null}',
    "number name": b'{"name": 5}',
    "list name": b'{"name": ["x"]}',
    "empty name": b'{"name": ""}',
    "blank name": b'{"name": "   "}',
    "NUL in name": b'{"name": "a\\u0000b"}',
    "too long name": b'{"name": "' + b"x" * 201 + b'"}',
}


@pytest.mark.parametrize("body", BAD_BODIES.values(), ids=BAD_BODIES.keys())
def test_create_rejects_a_bad_body_with_400_json(client, body):
    response = client.post(
        "/api/items", body, content_type="application/json", status=400
    )
    assert response.content_type == "application/json"
    assert set(response.json) == {"error"}


@pytest.mark.parametrize("body", BAD_BODIES.values(), ids=BAD_BODIES.keys())
def test_update_rejects_a_bad_body_with_400_json(client, item, body):
    response = client.put(
        f"/api/items/{item['id']}", body, content_type="application/json", status=400
    )
    assert set(response.json) == {"error"}
    assert client.get(f"/api/items/{item['id']}").json == item


def test_longest_name_is_accepted(client):
    assert client.post_json("/api/items", {"name": "x" * 200}, status=201).json["name"] == "x" * 200


@pytest.mark.parametrize(("method", "path"), [("PATCH", "/api/items"), ("POST", "/api/items/{id}")])
def test_other_methods_are_405(client, item, method, path):
    response = client.request(path.format(id=item["id"]), method=method, status=405)
    assert "Allow" in response.headers
    assert set(response.json) == {"error"}


def test_the_api_is_not_blocked_by_csrf_protection(plain_client):
    response = plain_client.post(
        "/api/items", b'{"name": "no cookie"}', content_type="application/json", status=201
    )
    assert response.json["name"] == "no cookie"


def test_list_is_paginated(client):
    created = [client.post_json("/api/items", {"name": f"page {n}"}, status=201) for n in range(3)]
    ids = [response.json["id"] for response in created]
    everything = [item["id"] for item in client.get("/api/items", {"limit": "100"}).json]
    start = everything.index(ids[0])
    page = client.get("/api/items", {"limit": "2", "offset": str(start)}).json
    assert isinstance(page, list)
    assert [item["id"] for item in page] == ids[:2]
    assert client.get("/api/items.xml", {"limit": "1"}).status_int == 200


def test_list_defaults_to_50_items(client):
    for n in range(51):
        client.post_json("/api/items", {"name": f"many {n}"}, status=201)
    assert len(client.get("/api/items").json) == 50
    assert len(client.get("/api/items", {"limit": "100"}).json) > 50


@pytest.mark.parametrize(
    "query",
    [
        {"limit": "0"},
        {"limit": "101"},
        {"limit": "-1"},
        {"limit": "ten"},
        {"limit": ""},
        {"offset": "-1"},
        {"offset": "1.5"},
        {"offset": "9999999999"},
    ],
)
def test_a_bad_limit_or_offset_is_400_json(client, query):
    response = client.get("/api/items", query, status=400)
    assert response.content_type == "application/json"
    assert set(response.json) == {"error"}
