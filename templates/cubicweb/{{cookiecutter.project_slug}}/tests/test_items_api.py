"""The items API: the round trip, pagination, and every error case."""

from cwtest import AppTest

from cubicweb_{{ cookiecutter.__cube }}.views import (
    MAX_PAGE_SIZE,
)


class ItemsAPITest(AppTest):
    def create(self, name: str) -> dict:
        return self.webapp.post_json("/api/items", {"name": name}, status=201).json

    def test_round_trip(self) -> None:
        created = self.webapp.post_json("/api/items", {"name": "first"}, status=201)
        item = created.json
        assert item["name"] == "first"
        assert created.location.endswith(f"/api/items/{item['id']}")
        url = f"/api/items/{item['id']}"
        assert self.webapp.get("/api/items").json == [item]
        assert self.webapp.get(url).json == item
        renamed = self.webapp.put_json(url, {"name": "renamed"}, status=200).json
        assert renamed == {"id": item["id"], "name": "renamed"}
        deleted = self.webapp.delete(url, status=204)
        assert deleted.body == b""
        self.webapp.get(url, status=404)
        self.webapp.put_json(url, {"name": "again"}, status=404)
        self.webapp.delete(url, status=404)
        assert self.webapp.get("/api/items").json == []

    def test_ids_are_entity_ids(self) -> None:
        item = self.create("widget")
        with self.admin_access.cnx() as cnx:
            rows = cnx.execute("Any N WHERE X eid %(eid)s, X name N", {"eid": item["id"]}).rows
        assert rows == [["widget"]]

    def test_the_hook_strips_names(self) -> None:
        assert self.create("  spaced  ")["name"] == "spaced"

    def test_pagination(self) -> None:
        items = [self.create(f"item {number}") for number in range(5)]
        assert self.webapp.get("/api/items?limit=2").json == items[:2]
        assert self.webapp.get("/api/items?limit=2&offset=2").json == items[2:4]
        assert self.webapp.get("/api/items?offset=4").json == items[4:]
        assert self.webapp.get("/api/items?offset=10").json == []

    def test_invalid_pagination_is_a_400(self) -> None:
        for query in ("limit=0", f"limit={MAX_PAGE_SIZE + 1}", "limit=x", "offset=-1", "offset=a"):
            answer = self.webapp.get(f"/api/items?{query}", status=400)
            assert "error" in answer.json, query

    def test_bad_input_is_a_400(self) -> None:
        bodies = [b'{"name": ', b"[]", b"{}", b'{"name": ""}', b'{"name": "   "}', b'{"name": 3}']
        for body in bodies:
            answer = self.webapp.post(
                "/api/items", body, content_type="application/json", status=400
            )
            assert "error" in answer.json, body
        too_long = self.webapp.post_json("/api/items", {"name": "x" * 201}, status=400)
        assert "error" in too_long.json

    def test_bad_input_on_update_is_a_400(self) -> None:
        url = f"/api/items/{self.create('kept')['id']}"
        self.webapp.put(url, b"not json", content_type="application/json", status=400)
        self.webapp.put_json(url, {"name": ""}, status=400)
        assert self.webapp.get(url).json["name"] == "kept"

    def test_missing_ids_are_404s(self) -> None:
        with self.admin_access.cnx() as cnx:  # an entity of another type: not an item
            user_eid = cnx.execute("Any U WHERE U is CWUser, U login 'admin'")[0][0]
        for eid in (user_eid, 999999, 2**31, 10**20):
            answer = self.webapp.get(f"/api/items/{eid}", status=404)
            assert answer.json == {"error": "item not found"}
        self.webapp.get("/api/items/abc", status=404)

    def test_a_deleted_item_is_a_404_where_it_was_seen_before(self) -> None:
        item = self.create("cached")
        url = f"/api/items/{item['id']}"
        self.webapp.get(url, status=200)  # the repository now caches the eid's type
        with self.admin_access.cnx() as cnx:  # another process would delete it like this
            cnx.execute("DELETE Item X WHERE X eid %(eid)s", {"eid": item["id"]})
            cnx.commit()
        self.webapp.get(url, status=404)

    def test_the_api_needs_no_csrf_token(self) -> None:
        self.webapp.post_json("/api/items", {"name": "no token"}, status=201)
