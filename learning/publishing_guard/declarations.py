"""Names a page declares it uses on purpose, judged before they are trusted.

A declared pseudonym ("Adult D", "Joan, a name chosen with her family") is not a finding
wherever it appears. A declared name that looks like someone's real full name is not
trusted: it is left out of the declared names, and reported where it was declared.
"""

from __future__ import annotations

from typing import NamedTuple

from django.utils.text import capfirst
from wagtail.models import Page

from learning.anonymisation import names as names_detector
from learning.anonymisation.declared import parse_declared_names

# The page fields where names are declared, in the order a person reads them. A page
# type that inherits its names from elsewhere (a briefing, from its review) has neither,
# and its inherited names are checked on the page that declares them.
DECLARING_FIELDS = ("pseudonym", "names_used")

SUSPECT_NAME_SUGGESTION = (
    "This looks like a real full name. Use a pseudonym such as “Adult D”, initials, or a "
    "first name chosen with the family."
)


class SuspectDeclaration(NamedTuple):
    field: str  # the page field declaring it
    label: str  # that field, for people
    name: str


def split_declared_names(page: Page) -> tuple[list[str], list[str]]:
    """The page's declared names, split into those accepted as pseudonyms and those that
    look like a real full name."""
    declared = getattr(page, "declared_names", None)
    names = [name.strip() for name in (declared() if declared else []) if name and name.strip()]
    suspect = [name for name in names if names_detector.looks_like_full_name(name)]
    return [name for name in names if name not in suspect], suspect


def suspect_declarations(page: Page, suspect: list[str]) -> list[SuspectDeclaration]:
    """Where on ``page`` each suspect name is declared; names the page inherits from
    another page are left to that page."""
    found = []
    for name in suspect:
        field = _declaring_field(page, name)
        if field is not None:
            label = capfirst(str(page._meta.get_field(field).verbose_name))
            found.append(SuspectDeclaration(field, label, name))
    return found


def _declaring_field(page: Page, name: str) -> str | None:
    for field in DECLARING_FIELDS:
        value = getattr(page, field, None)
        if isinstance(value, str) and (
            value.strip() == name or name in parse_declared_names(value)
        ):
            return field
    return None
