"""Forms in the project's own markup: no tables, no inline styles (the CSP forbids them).

``formstyle`` lays out every SQLFORM (Auth's forms included) as labelled paragraphs;
``plain`` renders a form without the ``style="display:none"`` that web2py wraps its
hidden fields (the CSRF form key) in: they are hidden inputs already.
"""

from typing import Any

from gluon.html import DIV, FORM, SPAN, XML, P


def formstyle(form: FORM, fields: list[tuple[str, Any, Any, Any]]) -> DIV:
    """Lay out ``fields`` (row id, label, widget, help) as one paragraph each."""
    rows = DIV(_class="fields")
    for row_id, label, widget, help_text in fields:
        help_part = SPAN(help_text, _class="help") if help_text else ""
        rows.append(P(label, widget, help_part, _id=row_id, _class="field"))
    return rows


def plain(form: Any) -> Any:
    """Return ``form`` as markup, its hidden fields without an inline style around them.

    Anything that is not a form (Auth answers some actions with a message) is returned
    as it is.
    """
    if not isinstance(form, FORM):
        return form
    hidden = form.hidden_fields().components
    return XML(DIV.xml(FORM(*form.components, *hidden, **form.attributes)))
