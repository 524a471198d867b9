"""Fixtures for case study tests: the site, the index and a case study factory."""

from __future__ import annotations

import itertools

import pytest
from wagtail.rich_text import RichText

from case_studies.demo import ensure_case_study_index
from case_studies.models import CaseStudyPage
from learning.models import AbuseType, Principle
from learning.site_setup import ensure_site_pages

_slugs = itertools.count(1)


@pytest.fixture
def home(db):
    return ensure_site_pages()


@pytest.fixture
def case_study_index(home):
    return ensure_case_study_index(home)


@pytest.fixture
def principles(db) -> dict[str, Principle]:
    return Principle.objects.in_bulk(field_name="slug")


@pytest.fixture
def make_case_study(case_study_index, principles):
    """A factory: a published case study under the index. Keyword arguments override
    the fields; `principle_slugs`, `abuse_type_slugs` and `themes` set the tagging."""

    def make(
        *,
        principle_slugs=("empowerment",),
        abuse_type_slugs=(),
        themes=(),
        publish=True,
        **fields,
    ) -> CaseStudyPage:
        number = next(_slugs)
        values = {
            "title": f"Case study {number}",
            "slug": f"case-study-{number}",
            "summary": "What happened and what the person wanted.",
            "situation": "<p>Mr A lives alone and was finding it hard to cope.</p>",
            "desired_outcomes": [
                ("outcome", {"outcome": "I want to stay at home.", "achieved": "fully"})
            ],
            "what_was_done": "<p>A social worker visited twice.</p>",
            "principles_in_practice": [
                (
                    "principle",
                    {
                        "principle": principles[principle_slugs[0]],
                        "text": RichText("<p>Mr A led the plan.</p>"),
                    },
                )
            ],
            **fields,
        }
        page = CaseStudyPage(live=publish, **values)
        page.principles = [principles[slug] for slug in principle_slugs]
        page.abuse_types = list(AbuseType.objects.filter(slug__in=abuse_type_slugs))
        if themes:
            page.themes.add(*themes)
        case_study_index.add_child(instance=page)
        if publish:
            page.save_revision().publish()
        return page

    return make
