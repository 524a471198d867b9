"""Links from a finding to the place in the page editor where its text is.

A link is the page's edit URL with two query parameters, ``finding_field`` (the page's
field name) and ``finding_text`` (the text to highlight), which
static/js/admin-finding-highlight.js reads to open the field's tab and collapsed panels,
scroll to it and highlight the text. Its fragment names the field's panel in the edit
form, so without JavaScript the browser still lands on the field.

The panel ids are Wagtail's own: every panel in the edit form gets a prefix built from
its position in the panel tree ("panel", then "-child-<identifier>" for each step down).
A panel directly inside a tab is drawn as a section with a heading (``<tab
prefix>-<identifier>-section``); a field further down sits in a wrapper
(``<field prefix>-wrapper``) that holds its label.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse
from wagtail.admin.panels import FieldPanel, InlinePanel, ObjectList, Panel
from wagtail.models import Page

FIELD_PARAMETER = "finding_field"
TEXT_PARAMETER = "finding_text"

# Wagtail names the root of every edit form's panel tree "panel".
_ROOT_PREFIX = "panel"


def finding_edit_url(page: Page, finding) -> str:
    """The page's edit URL, pointing at the field holding ``finding`` (a FieldFinding)
    and asking the editor to highlight its text."""
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    query = urlencode({FIELD_PARAMETER: finding.field, TEXT_PARAMETER: finding.text})
    anchor = field_anchor(page, finding.field)
    return f"{url}?{query}" + (f"#{anchor}" if anchor else "")


def field_anchor(page: Page, field_name: str) -> str:
    """The id of the element in ``page``'s edit form that holds ``field_name`` (a model
    field or an inline child relation), or "" when no panel shows it."""
    model = type(page)
    if model is Page:  # a base row: its own type knows its panels
        model = page.specific_class or Page
    return _find(model.get_edit_handler(), _ROOT_PREFIX, field_name) or ""


def _find(panel: Panel, prefix: str, field_name: str) -> str | None:
    children = getattr(panel, "children", None)
    if not children:
        return None
    for child, identifier in zip(children, panel.child_identifiers, strict=True):
        child_prefix = f"{prefix}-child-{identifier}"
        # Only a panel directly inside a tab gets a section with a heading of its own.
        section = f"{prefix}-{identifier}-section" if isinstance(panel, ObjectList) else None
        if _shows(child, field_name):
            if section:
                return section
            if isinstance(child, InlinePanel):
                return f"id_{child.relation_name}-FORMS"
            return f"{child_prefix}-wrapper"
        found = _find(child, child_prefix, field_name)
        if found:
            return found
    return None


def _shows(panel: Panel, field_name: str) -> bool:
    if isinstance(panel, InlinePanel):
        return panel.relation_name == field_name
    return isinstance(panel, FieldPanel) and panel.field_name == field_name
