"""The cube's hooks, through a CubicWeb connection: they apply whatever makes the change."""

import pytest
from cubicweb import ValidationError
from cubicweb.devtools.testlib import CubicWebTC


class ItemHooksTest(CubicWebTC):
    def test_names_are_stripped(self) -> None:
        with self.admin_access.cnx() as cnx:
            item = cnx.create_entity("Item", name="  padded ")
            cnx.commit()
            assert item.name == "padded"
            item.cw_set(name=" renamed  ")
            cnx.commit()
            rset = cnx.execute("Any N WHERE X eid %(x)s, X name N", {"x": item.eid})
            assert rset[0][0] == "renamed"

    def test_empty_names_are_refused(self) -> None:
        with self.admin_access.cnx() as cnx:
            with pytest.raises(ValidationError):
                cnx.create_entity("Item", name="   ")
            cnx.rollback()

    def test_rql_queries(self) -> None:
        with self.admin_access.cnx() as cnx:
            for name in ("b", "a", "c"):
                cnx.create_entity("Item", name=name)
            cnx.commit()
            rset = cnx.execute("Any N ORDERBY N WHERE X is Item, X name N")
            assert [name for (name,) in rset] == ["a", "b", "c"]
            assert cnx.execute("Any COUNT(X) WHERE X is Item")[0][0] == 3
            assert [entity.dc_title() for entity in cnx.execute("Any X WHERE X is Item").entities()]
