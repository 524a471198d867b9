"""Validation rules of a case study: each principle once, known achievements and
organisation types."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from wagtail.blocks import StreamBlockValidationError
from wagtail.rich_text import RichText

from case_studies.blocks import (
    Achievement,
    DesiredOutcomeBlock,
    PrinciplesInPracticeBlock,
    repeated_principle_positions,
)
from case_studies.models import CaseStudyPage
from case_studies.partners import PartnerTypesField, partner_type_labels, validate_partner_types

pytestmark = pytest.mark.django_db


def _sections(*principles):
    block = PrinciplesInPracticeBlock()
    return block, block.to_python(
        [
            {"type": "principle", "value": {"principle": p.pk, "text": "<p>Notes.</p>"}}
            for p in principles
        ]
    )


def test_repeated_principle_positions_finds_the_later_uses():
    assert repeated_principle_positions(["a", "b", "a", None, None, "a"]) == {2: "a", 5: "a"}
    assert repeated_principle_positions(["a", "b"]) == {}


def test_a_principle_used_twice_is_refused_naming_it(principles):
    block, value = _sections(
        principles["empowerment"], principles["protection"], principles["empowerment"]
    )
    with pytest.raises(StreamBlockValidationError) as error:
        block.clean(value)
    message = " ".join(str(e) for e in error.value.non_block_errors)
    assert "“Empowerment” is already described above" in message
    assert "only once" in message
    # The repeat is marked on its own section's principle field, not on the first use.
    assert list(error.value.block_errors) == [2]
    assert "Empowerment" in str(error.value.block_errors[2].block_errors["principle"])


def test_each_principle_once_is_accepted(principles):
    block, value = _sections(principles["empowerment"], principles["protection"])
    cleaned = block.clean(value)
    assert [child.value["principle"] for child in cleaned] == [
        principles["empowerment"],
        principles["protection"],
    ]


def test_saving_a_page_refuses_a_repeated_principle(case_study_index, principles):
    empowerment = principles["empowerment"]
    page = CaseStudyPage(
        title="Repeated",
        slug="repeated",
        summary="Summary.",
        situation="<p>Situation.</p>",
        what_was_done="<p>Done.</p>",
        desired_outcomes=[("outcome", {"outcome": "Stay home.", "achieved": "partly"})],
        principles_in_practice=[
            ("principle", {"principle": empowerment, "text": RichText("<p>One.</p>")}),
            ("principle", {"principle": empowerment, "text": RichText("<p>Two.</p>")}),
        ],
    )
    with pytest.raises(ValidationError) as error:
        case_study_index.add_child(instance=page)  # Wagtail runs full_clean() on save
    assert error.value.message_dict["principles_in_practice"] == [
        "“Empowerment” is already described above. Each principle may be used only once: "
        "put everything about it in one section."
    ]
    assert not CaseStudyPage.objects.filter(slug="repeated").exists()


def test_outcome_achievement_choices():
    block = DesiredOutcomeBlock()
    assert [value for value, _ in block.child_blocks["achieved"].field.choices if value] == [
        "fully",
        "partly",
        "not",
    ]
    assert Achievement.FULLY.label == "Fully achieved"
    assert Achievement.PARTLY.label == "Partly achieved"
    assert Achievement.NOT.label == "Not achieved"


@pytest.mark.parametrize(
    ("achieved", "label", "tag"),
    [
        ("fully", "Fully achieved", "govuk-tag--green"),
        ("partly", "Partly achieved", "govuk-tag--yellow"),
        ("not", "Not achieved", "govuk-tag--red"),
    ],
)
def test_each_achievement_has_words_and_a_colour(achieved, label, tag):
    value = DesiredOutcomeBlock().to_python({"outcome": "Stay home.", "achieved": achieved})
    assert value.achievement_label() == label
    assert value.achievement_tag_class() == tag


def test_an_unknown_achievement_is_refused():
    block = DesiredOutcomeBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"outcome": "Stay home.", "achieved": "mostly"}))


def test_an_outcome_needs_its_words():
    block = DesiredOutcomeBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"outcome": "", "achieved": "fully"}))


@pytest.mark.parametrize(
    "value",
    [["police"], [], ["police", "nhs_trust", "other"]],
)
def test_known_partner_types_are_valid(value):
    validate_partner_types(value)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (["police", "spies"], "Unknown organisation type: spies."),
        (["police", "police"], "only once"),
        ("police", "from the list"),
        ([1], "from the list"),
    ],
)
def test_bad_partner_types_are_refused(value, message):
    with pytest.raises(ValidationError) as error:
        validate_partner_types(value)
    assert message in " ".join(error.value.messages)


def test_partner_labels_follow_the_choice_order_and_skip_retired_values():
    assert partner_type_labels(["other", "police", "retired", "local_authority"]) == [
        "Local authority",
        "Police",
        "Other",
    ]


def test_partner_form_field_cleans_to_a_list_in_choice_order():
    field = PartnerTypesField()
    assert field.clean(["other", "police"]) == ["police", "other"]
    assert field.clean([]) == []
    with pytest.raises(ValidationError):
        field.clean(["spies"])


def test_case_study_sits_only_under_the_index_and_has_no_children():
    from case_studies.models import CaseStudyIndexPage
    from learning.models import HomePage

    assert CaseStudyPage.allowed_parent_page_models() == [CaseStudyIndexPage]
    assert CaseStudyPage.allowed_subpage_models() == []
    assert CaseStudyIndexPage.allowed_parent_page_models() == [HomePage]
    assert CaseStudyIndexPage.max_count == 1


def test_case_study_is_a_learnable_page():
    from learning.learnable import learnable_page_models

    assert CaseStudyPage in learnable_page_models()
