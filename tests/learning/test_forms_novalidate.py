"""Every form is rendered with `novalidate`, so people see the service's error summary
rather than the browser's own tooltips ("Please fill out this field")."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings

TEMPLATES = Path(settings.BASE_DIR) / "templates"
COMMENTS = re.compile(r"\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}|\{#.*?#\}", re.S)
FORM_TAG = re.compile(r"<form\b[^>]*>", re.S | re.I)


def forms_without_novalidate(text: str) -> list[str]:
    """The <form> tags in a template's text that lack novalidate (comments ignored)."""
    return [tag for tag in FORM_TAG.findall(COMMENTS.sub("", text)) if "novalidate" not in tag]


def test_the_scan_finds_a_form_without_novalidate():
    assert forms_without_novalidate('<form method="post">') == ['<form method="post">']
    assert forms_without_novalidate('<form method="post" novalidate>') == []
    assert forms_without_novalidate("{# <form> #}{% comment %}<form>{% endcomment %}") == []
    assert forms_without_novalidate('<form\n  method="get"\n  novalidate\n>') == []


def test_every_form_in_every_template_has_novalidate():
    missing = {
        str(path.relative_to(TEMPLATES)): tags
        for path in sorted(TEMPLATES.rglob("*.html"))
        if (tags := forms_without_novalidate(path.read_text(encoding="utf-8")))
    }
    assert missing == {}, "Add novalidate to these <form> tags: " + repr(missing)
