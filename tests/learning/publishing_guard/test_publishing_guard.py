"""The anonymisation guard around publishing: what it scans, every way of publishing it
guards, overrides, and what editors see in the admin.

The pages are real case studies (the learning page type that exists with migrations);
the guard itself knows nothing about them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import resolve, reverse
from django.utils import timezone
from wagtail import blocks
from wagtail.actions.publish_page_revision import PublishPageRevisionAction
from wagtail.admin.panels import get_form_for_model
from wagtail.models import (
    GroupApprovalTask,
    PageLogEntry,
    Workflow,
    WorkflowPage,
    WorkflowState,
    WorkflowTask,
)
from wagtail.rich_text import RichText

from briefings.blocks import section_value
from briefings.demo import ensure_briefing_index
from briefings.models import BriefingPage, ReviewType
from case_studies.models import CaseStudyPage
from learning.anonymisation import Kind, find_identifiers
from learning.models import AnonymisationOverride, HomePage
from learning.publishing_guard import services
from learning.publishing_guard.forms import LearningPageForm
from learning.publishing_guard.services import (
    AnonymisationError,
    assert_publishable,
    confirm_override,
    propose_override,
    scan_page,
    unresolved_findings,
)
from learning.publishing_guard.texts import SEPARATOR, block_texts, html_to_text
from learning.roles import Role
from tests.learning.publishing_guard.helpers import (
    NAME,
    REASON,
    case_study_edit_data,
    edit_url,
    messages_of,
    reload,
)

pytestmark = pytest.mark.django_db


def _agree(page, proposer, confirmer, reason: str = REASON) -> None:
    """Two people agree that every finding now blocking the latest version is safe."""
    revision = page.get_latest_revision()
    keys = {f.key for f in unresolved_findings(page, revision) if not f.strong}
    for kind, text, location in sorted(keys):
        override = propose_override(page, revision, proposer, kind, text, reason, location=location)
        confirm_override(override, confirmer)


def _where(*steps: str) -> str:
    return SEPARATOR.join(steps)


def _keys(findings) -> set[tuple[str, str, str]]:
    return {(finding.label, finding.kind, finding.text) for finding in findings}


# --- Scanning ----------------------------------------------------------------------------


def test_scan_walks_every_text_field_stream_block_and_question(make_draft, empowerment):
    page = make_draft(
        title=f"Support for {NAME}",
        summary="Her family rang 07700 900123 most days.",
        situation="<p>She lived at <b>14 Acacia Avenue</b> with her cat.</p>",
        desired_outcomes=[
            ("outcome", {"outcome": "Her son, David Brown, visits.", "achieved": "partly"})
        ],
        principles_in_practice=[
            (
                "principle",
                {
                    "principle": empowerment,
                    "text": RichText("<p>Her NHS number 943 476 5870 was shared.</p>"),
                },
            )
        ],
        reflective_questions=[
            ("question", {"text": "What if Mr Patel refused?", "principle": empowerment})
        ],
        seo_title="Case: born 3 March 1948",
    )

    assert _keys(scan_page(page)) == {
        ("Title", Kind.PERSON_NAME, NAME),
        ("Title tag", Kind.DATE_OF_BIRTH, "3 March 1948"),
        ("Summary", Kind.PHONE_NUMBER, "07700 900123"),
        ("The situation", Kind.STREET_ADDRESS, "14 Acacia Avenue"),
        (
            _where("What the person wanted", "Desired outcome 1", "What the person wanted"),
            Kind.PERSON_NAME,
            "David Brown",
        ),
        (
            _where("How the principles showed", "Principle in practice 1", "How it showed"),
            Kind.NHS_NUMBER,
            "943 476 5870",
        ),
        (
            _where("Reflective questions", "Reflective question 1", "Text"),
            Kind.PERSON_NAME,
            "Mr Patel",
        ),
    }
    finding = next(f for f in scan_page(page) if f.field == "title")
    assert str(finding) == f"Title: person name “{NAME}”"


def test_scan_reads_the_draft_not_the_live_page(make_draft):
    page = make_draft()
    page.save_revision().publish()
    page.situation = f"<p>{NAME} moved in.</p>"
    revision = page.save_revision()

    live = reload(page)
    assert scan_page(live) == []
    assert [f.text for f in unresolved_findings(live, revision)] == [NAME]


def test_rich_text_paragraphs_do_not_run_together():
    # A blank line between paragraphs; the detectors read a lone line break as a space.
    assert html_to_text("<p>Mrs Joan</p><p>Smith &amp; co</p>") == "Mrs Joan\n\nSmith & co"
    assert find_identifiers(html_to_text("<p>Ask Mrs</p><p>Smith House</p>")) == []


def test_a_line_break_inside_a_paragraph_does_not_split_a_name():
    text = html_to_text("<p>Her neighbour Mrs<br/>Smith rang.</p>")
    assert text == "Her neighbour Mrs\nSmith rang."
    assert [f.text for f in find_identifiers(text)] == ["Mrs\nSmith"]


def test_nested_list_stream_and_table_like_blocks_are_walked():
    block = blocks.StreamBlock(
        [
            (
                "section",
                blocks.StructBlock(
                    [
                        ("heading", blocks.CharBlock()),
                        ("points", blocks.ListBlock(blocks.RichTextBlock())),
                        ("kind", blocks.ChoiceBlock(choices=[("Mr Patel", "x")])),
                        ("more", blocks.StreamBlock([("note", blocks.TextBlock())])),
                    ]
                ),
            ),
            ("raw", blocks.RawHTMLBlock()),
        ]
    )
    value = block.to_python(
        [
            {
                "type": "section",
                "value": {
                    "heading": "Mr H",
                    "points": ["<p>one</p>", "<p>Call 020 7946 0018</p>"],
                    "kind": "Mr Patel",
                    "more": [{"type": "note", "value": "a woman named June Ward"}],
                },
            },
            {"type": "raw", "value": "<div>ex@example.org</div>"},
        ]
    )
    texts = list(block_texts(block, value, "Body"))
    assert (_where("Body", "Section 1", "Points", "item 2"), "Call 020 7946 0018") in texts
    assert (_where("Body", "Section 1", "More", "Note 1"), "a woman named June Ward") in texts
    assert (_where("Body", "Raw 2"), "ex@example.org") in texts
    # A choice stores a key, never prose.
    assert not any("Mr Patel" in text for _, text in texts)


def test_reviews_and_briefings_are_scanned_and_refused_too(home, empowerment, make_review):
    review = make_review(
        title="Review of care at a nursing home",
        slug="review-nursing-home",
        pseudonym=NAME,
        review_type=ReviewType.DISCRETIONARY,
        key_findings=[("finding", "Her son, David Brown, raised concerns twice.")],
        recommendations=[("recommendation", "Write to joan.smith@example.org.")],
    )
    briefing = BriefingPage(
        live=False,
        title="Hoarding and fire risk",
        slug="hoarding-and-fire-risk",
        summary="Seven minutes on hoarding.",
        sections=[
            ("section", section_value(heading, f"<p>Part {number}.</p>"))
            for number, heading in enumerate(["Mr H at CR2 6XH", *"ABCDEF"], start=1)
        ],
    )
    briefing.principles = [empowerment]
    ensure_briefing_index(home).add_child(instance=briefing)

    assert {(f.label, f.text) for f in scan_page(review)} == {
        ("The adult's pseudonym", NAME),
        (_where("Key findings", "Finding 1"), "David Brown"),
        (_where("Recommendations", "Recommendation 1"), "joan.smith@example.org"),
    }
    assert [(f.label, f.text) for f in scan_page(briefing)] == [
        (_where("Sections", "Section 1", "Or your own heading"), "CR2 6XH")
    ]
    for page in (review, briefing):
        with pytest.raises(AnonymisationError):
            page.save_revision().publish()
        assert not type(page).objects.get(pk=page.pk).live


def test_findings_show_beside_the_field_on_the_edit_page(client, make_review, editor):
    review = make_review(pseudonym=NAME)
    client.force_login(editor)

    body = client.get(edit_url(review)).content.decode()

    help_text = body[body.index('pseudonym-helptext" data-field-help') :][:600]
    assert "Possible identifiers, which block publishing" in help_text
    assert f"person name “{NAME}”." in help_text


def test_theme_tag_names_are_scanned_and_block_publishing(make_draft):
    page = make_draft()
    page.themes.add("hoarding", NAME)
    revision = page.save_revision()

    assert [(f.field, f.label, f.kind, f.text) for f in unresolved_findings(page, revision)] == [
        ("themes", "Tags", Kind.PERSON_NAME, NAME)  # as the admin labels the field
    ]
    with pytest.raises(AnonymisationError):
        revision.publish()
    assert not reload(page).live


def test_two_tags_are_never_read_as_one_name(make_draft):
    # "Mrs" and "Hill" are harmless tags alone; run together they would read as a name.
    page = make_draft()
    page.themes.add("Mrs", "Hill")
    assert scan_page(page) == []


def test_pages_that_are_not_learning_pages_are_not_guarded(home):
    home.intro = f"Welcome, {NAME}."
    home.save_revision().publish()
    assert HomePage.objects.get(pk=home.pk).live
    assert scan_page(home) == []


# --- The rule, through code --------------------------------------------------------------


def test_publishing_in_code_is_refused_while_findings_remain(make_draft):
    page = make_draft(situation=f"<p>{NAME} lived alone.</p>")

    with pytest.raises(AnonymisationError) as refused:
        page.save_revision().publish()

    assert isinstance(refused.value, PermissionDenied)
    assert [str(f) for f in refused.value.findings] == [f"The situation: person name “{NAME}”"]
    assert NAME in str(refused.value)
    assert not reload(page).live


def test_publishing_through_wagtails_action_directly_is_refused_too(client, make_draft, manager):
    page = make_draft(situation=f"<p>{NAME} lived alone.</p>")

    # Wagtail's publish action, as its edit view and admin API use it, skips page.publish().
    with pytest.raises(AnonymisationError):
        PublishPageRevisionAction(page.get_latest_revision()).execute()
    assert not reload(page).live

    client.force_login(manager)
    response = client.post(
        f"/admin/api/main/pages/{page.pk}/action/publish/", {}, content_type="application/json"
    )
    assert response.status_code == 403
    assert not reload(page).live


def test_publishing_is_allowed_once_the_identifier_is_removed(make_draft):
    page = make_draft(situation=f"<p>{NAME} lived alone.</p>")
    with pytest.raises(AnonymisationError):
        page.save_revision().publish()

    page.situation = "<p>Mrs S lived alone.</p>"
    page.save_revision().publish()

    assert reload(page).live


def test_initials_and_pseudonyms_do_not_block(make_draft):
    page = make_draft(
        title="Mr H and Adult A",
        situation="<p>Mr H lived with Adult A. Ms T visited.</p>",
    )
    assert scan_page(page) == []
    assert_publishable(page)
    page.save_revision().publish()
    assert reload(page).live


def test_an_override_covers_only_the_findings_it_was_recorded_for(make_draft, manager, deputy):
    page = make_draft(situation=f"<p>{NAME} lived alone.</p>")
    _agree(page, manager, deputy)

    # Other edits keep the override; a new identifier is not covered.
    page.summary = "A new summary."
    page.what_was_done = "<p>Her neighbour rang 07700 900123.</p>"
    with pytest.raises(AnonymisationError) as refused:
        page.save_revision().publish()

    assert [f.text for f in refused.value.findings] == ["07700 900123"]
    assert not reload(page).live


def test_an_override_covers_its_detail_only_where_it_was_found(make_draft, manager, deputy):
    page = make_draft(situation=f"<p>{NAME} lived alone.</p>")
    _agree(page, manager, deputy)
    page.save_revision().publish()

    # The same name typed into the title later is a new finding, needing its own override.
    page.title = f"Living with risk: {NAME}"
    with pytest.raises(AnonymisationError) as refused:
        page.save_revision().publish()

    assert [(f.label, f.text) for f in refused.value.findings] == [("Title", NAME)]


# --- Scheduled publishing ----------------------------------------------------------------


def _schedule(page: CaseStudyPage, when) -> None:
    revision = page.get_latest_revision()
    revision.approved_go_live_at = when
    revision.save()


def test_scheduled_publishing_is_refused_and_does_not_hold_up_other_pages(make_draft):
    blocked = make_draft(situation=f"<p>{NAME} lived alone.</p>")
    clean = make_draft()
    _schedule(blocked, timezone.now() - timedelta(minutes=10))
    _schedule(clean, timezone.now() - timedelta(minutes=5))

    call_command("publish_scheduled")

    assert not reload(blocked).live
    assert reload(clean).live
    # Taken off the schedule, with the reason in the page's history.
    assert reload(blocked).get_latest_revision().approved_go_live_at is None
    entry = PageLogEntry.objects.get(page=blocked, action=services.LOG_SCHEDULE_REFUSED)
    assert entry.data["findings"][0]["text"] == NAME

    # Once the identifier is gone it can be scheduled again and goes live.
    blocked.situation = "<p>Mrs S lived alone.</p>"
    blocked.save_revision()
    _schedule(blocked, timezone.now() - timedelta(minutes=1))
    call_command("publish_scheduled")
    assert reload(blocked).live


# --- Workflow approval -------------------------------------------------------------------


@pytest.fixture
def workflow(index):
    workflow = Workflow.objects.create(name="Board approval")
    task = GroupApprovalTask.objects.create(name="SAB manager approval")
    task.groups.add(Group.objects.get(name=Role.SAB_MANAGER.value))
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(workflow=workflow, page=index)
    return workflow


def _submit(page, workflow, editor):
    workflow.start(page, editor)
    return reload(page).current_workflow_task_state.specific


def test_workflow_approval_is_refused_and_left_in_moderation(
    make_draft, workflow, editor, manager, deputy
):
    page = make_draft(situation=f"<p>{NAME} lived alone.</p>")
    task_state = _submit(page, workflow, editor)

    with pytest.raises(AnonymisationError):
        task_state.task.specific.on_action(task_state, manager, "approve")

    page = reload(page)
    assert not page.live
    # The approval was rolled back: the page is still waiting for a decision.
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert page.current_workflow_task_state.status == "in_progress"

    _agree(page, manager, deputy)
    task_state.refresh_from_db()
    task_state.task.specific.on_action(task_state, manager, "approve")
    assert reload(page).live


def test_the_edit_page_offers_approval_only_once_findings_are_resolved(
    client, make_draft, workflow, editor, manager, deputy
):
    page = make_draft(situation=f"<p>{NAME} lived alone.</p>")
    _submit(page, workflow, editor)
    client.force_login(manager)

    edit = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    # Approval is not offered while it would be refused; changes can still be requested.
    assert 'data-workflow-action-name="approve"' not in edit
    assert 'data-workflow-action-name="reject"' in edit

    _agree(page, deputy, manager)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert 'data-workflow-action-name="approve"' in edit


def _approve_url(page, task_state) -> str:
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])


def _still_in_review(page, task_state) -> None:
    page = reload(page)
    assert not page.live
    assert page.live_revision_id is None
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    task_state.refresh_from_db()
    assert task_state.status == "in_progress"


def test_approving_from_the_dashboard_is_refused_with_the_findings(
    client, make_draft, workflow, editor, manager
):
    page = make_draft(situation=f"<p>{NAME} lived alone.</p>", summary="Call 07700 900123.")
    task_state = _submit(page, workflow, editor)
    client.force_login(manager)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    # Wagtail's "Awaiting your review" panel offers Approve from the task alone.
    assert _approve_url(page, task_state) in dashboard

    # As the panel's "Approve" button posts it: a plain form, back to the dashboard next.
    response = client.post(_approve_url(page, task_state), {"next": reverse("wagtailadmin_home")})

    assert response.status_code == 302
    assert response.url == edit_url(page)
    _still_in_review(page, task_state)
    shown = client.get(response.url).content.decode()
    assert "was not approved: it has 2 possible identifiers" in shown
    assert "It is still awaiting review" in shown
    assert "Sorry, you do not have permission" not in shown
    # The edit page lists what was found, and links to the findings screen.
    assert f"The situation: person name “{NAME}”" in shown
    assert reverse("anonymisation_findings", args=[page.pk]) in shown


def test_approving_with_a_comment_is_refused_inside_the_dialog(
    client, make_draft, workflow, editor, manager
):
    page = make_draft(situation=f"<p>{NAME} lived alone.</p>")
    task_state = _submit(page, workflow, editor)
    client.force_login(manager)

    response = client.post(
        _approve_url(page, task_state),
        {"comment": "Looks good."},
        headers={"x-requested-with": "XMLHttpRequest"},
    )

    assert response.status_code == 200
    # The dialog's script follows the redirect it is given.
    assert response.json()["step"] == "success"
    assert response.json()["redirect"] == edit_url(page)
    _still_in_review(page, task_state)
    shown = client.get(edit_url(page)).content.decode()
    assert "was not approved: it has 1 possible identifier." in shown


def test_approving_a_clean_page_from_the_dashboard_still_publishes(
    client, make_draft, workflow, editor, manager
):
    page = make_draft()
    task_state = _submit(page, workflow, editor)
    client.force_login(manager)

    response = client.post(_approve_url(page, task_state), {"next": reverse("wagtailadmin_home")})

    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")
    assert reload(page).live


def test_the_guard_answers_wagtails_own_workflow_action_url():
    # A Wagtail upgrade that moves its URL must fail here, not silently bypass the guard.
    match = resolve(reverse("wagtailadmin_pages:workflow_action", args=[1, "approve", 2]))
    assert match.url_name == "anonymisation_guarded_workflow_action"


# --- The admin ---------------------------------------------------------------------------


def test_admin_publish_button_is_refused_without_losing_the_draft(
    client, make_draft, manager, empowerment
):
    page = make_draft()
    client.force_login(manager)

    response = client.post(
        edit_url(page),
        case_study_edit_data(
            page, empowerment, situation=f"<p>{NAME} lived alone.</p>", **{"action-publish": "1"}
        ),
    )

    assert response.status_code == 302
    assert response.url == edit_url(page)
    assert not reload(page).live
    assert NAME in reload(page).get_latest_revision_as_object().situation  # work kept

    shown = client.get(response.url).content.decode()
    assert "was saved as a draft but not published" in shown
    # Listed at the top of the edit page with where it is, and beside the field itself.
    assert f"The situation: person name “{NAME}”" in shown
    assert "Possible identifiers, which block publishing" in shown
    assert reverse("anonymisation_findings", args=[page.pk]) in shown


def test_admin_publish_button_works_once_the_identifier_is_removed(
    client, make_draft, manager, empowerment
):
    page = make_draft(situation=f"<p>{NAME} lived alone.</p>")
    client.force_login(manager)

    response = client.post(
        edit_url(page),
        case_study_edit_data(
            page, empowerment, situation="<p>Mrs S lived alone.</p>", **{"action-publish": "1"}
        ),
    )

    assert response.status_code == 302
    assert response.url != edit_url(page)
    assert reload(page).live


def test_publishing_from_the_create_view_keeps_a_draft(client, index, manager, empowerment):
    client.force_login(manager)
    draft = CaseStudyPage(title="A new case study", slug="a-new-case-study", summary="New.")
    data = case_study_edit_data(
        draft, empowerment, situation=f"<p>{NAME} lived alone.</p>", **{"action-publish": "1"}
    )

    response = client.post(
        reverse("wagtailadmin_pages:add", args=["case_studies", "casestudypage", index.pk]), data
    )

    page = CaseStudyPage.objects.get(slug="a-new-case-study")
    assert response.status_code == 302
    assert response.url == edit_url(page)
    # Wagtail's create view saves a new page as live before publishing; it must not stay so.
    assert not page.live
    assert NAME in page.get_latest_revision_as_object().situation
    client.logout()
    assert client.get("/case-studies/a-new-case-study/").status_code == 404


def test_saving_a_draft_with_findings_is_allowed_and_shows_them(
    client, make_draft, editor, empowerment
):
    page = make_draft()
    client.force_login(editor)

    response = client.post(
        edit_url(page),
        case_study_edit_data(page, empowerment, situation=f"<p>{NAME} lived alone.</p>"),
    )

    assert response.status_code == 302
    assert NAME in reload(page).get_latest_revision_as_object().situation
    shown = client.get(edit_url(page)).content.decode()
    assert "This version has 1 possible identifier" in shown
    assert f"The situation: person name “{NAME}”" in shown


def _help_text(body: str, field: str) -> str:
    return body[body.index(f'{field}-helptext" data-field-help') :][:600]


def test_findings_stay_beside_the_fields_after_a_failed_save(
    client, make_draft, editor, empowerment
):
    # The saved version names someone in its summary; the editor removes that name but
    # adds one to the situation and a tag, and leaves the title blank, so the save fails.
    page = make_draft(summary=f"{NAME} wanted to stay at home.")
    client.force_login(editor)
    data = case_study_edit_data(
        page, empowerment, situation=f"<p>{NAME} lived alone.</p>", themes=f"hoarding, {NAME}"
    )
    data.update(title="", summary="Mrs S wanted to stay at home.")

    response = client.post(edit_url(page), data)

    assert response.status_code == 200  # shown again, not saved
    body = response.content.decode()
    assert "This field is required" in body
    for field in ("situation", "themes"):
        help_text = _help_text(body, field)
        assert "Possible identifiers, which block publishing" in help_text
        assert f"person name “{NAME}”" in help_text
    # What is shown is what was submitted, not the saved version's findings.
    assert "Possible identifiers" not in _help_text(body, "summary")
    assert NAME in reload(page).get_latest_revision_as_object().summary  # nothing saved
    assert not reload(page).get_latest_revision_as_object().themes.exists()


def test_the_learning_page_form_shows_findings_beside_their_fields(make_draft, editor):
    page = make_draft(situation=f"<p>{NAME} lived alone.</p>")
    form_class = get_form_for_model(
        CaseStudyPage, form_class=LearningPageForm, fields=["title", "summary", "situation"]
    )

    form = form_class(instance=page.get_latest_revision_as_object(), for_user=editor)

    assert "Possible identifiers, which block publishing" in form.fields["situation"].help_text
    assert f"person name “{NAME}”" in form.fields["situation"].help_text
    assert "Possible identifiers" not in form.fields["summary"].help_text


def test_a_finding_inside_a_stream_says_where_in_the_field(make_draft, editor, empowerment):
    page = make_draft(
        reflective_questions=[
            ("question", {"text": "What if Mr Patel refused?", "principle": empowerment})
        ]
    )
    form_class = get_form_for_model(
        CaseStudyPage, form_class=LearningPageForm, fields=["reflective_questions"]
    )

    form = form_class(instance=page.get_latest_revision_as_object(), for_user=editor)

    assert (
        f"person name “Mr Patel” in {_where('Reflective question 1', 'Text')}"
        in form.fields["reflective_questions"].help_text
    )


def test_a_clean_page_shows_no_warning(client, make_draft, editor):
    page = make_draft()
    client.force_login(editor)
    shown = client.get(edit_url(page)).content.decode()
    assert "possible identifier" not in shown


def test_bulk_publish_is_refused_whole(client, make_draft, manager):
    blocked = make_draft(situation=f"<p>{NAME} lived alone.</p>")
    clean = make_draft()
    client.force_login(manager)
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
    next_url = reverse("wagtailadmin_explore", args=[blocked.get_parent().pk])

    response = client.post(
        f"{url}?id={blocked.pk}&id={clean.pk}&next={next_url}", {"include_descendants": ""}
    )

    assert response.status_code == 302
    assert not reload(blocked).live
    assert not reload(clean).live
    shown = client.get(next_url).content.decode()
    assert "Nothing was published" in shown
    assert blocked.title in shown


def test_admin_publish_succeeds_after_a_confirmed_override(
    client, make_draft, manager, deputy, empowerment
):
    page = make_draft(situation=f"<p>{NAME} lived alone.</p>")
    _agree(page, deputy, manager)
    client.force_login(manager)

    client.post(
        edit_url(page),
        case_study_edit_data(
            page, empowerment, situation=f"<p>{NAME} lived alone.</p>", **{"action-publish": "1"}
        ),
    )

    assert reload(page).live


# --- Reports -----------------------------------------------------------------------------


def test_the_report_and_its_export_outlive_a_purged_revision(client, make_draft, manager, deputy):
    """Old revisions may be purged; the decision stays, with no version date."""
    page = make_draft(situation=f"<p>{NAME} lived alone.</p>")
    _agree(page, manager, deputy)
    AnonymisationOverride.objects.update(revision=None)

    client.force_login(manager)
    assert client.get(reverse("anonymisation_overrides")).status_code == 200
    for export in ("csv", "xlsx"):
        response = client.get(reverse("anonymisation_overrides") + f"?export={export}")
        assert response.status_code == 200, export
    # Still covered: the page publishes.
    page.get_latest_revision().publish()
    assert reload(page).live


# --- Messages shown once -----------------------------------------------------------------


def test_the_findings_banner_shows_once_after_the_first_save(client, make_draft, editor):
    """Wagtail loads the edit view's panels in the background after a new page's first
    save (?_w_hydrate_create_view=1); that request must not queue a second banner."""
    page = make_draft(situation=f"<p>{NAME} lived alone.</p>")
    client.force_login(editor)

    client.get(edit_url(page) + "?_w_hydrate_create_view=1")
    shown = client.get(edit_url(page))

    banners = [m for m in messages_of(shown) if m.startswith("This version has")]
    assert len(banners) == 1


def test_the_findings_banner_is_not_queued_for_a_json_request(client, make_draft, editor):
    page = make_draft(situation=f"<p>{NAME} lived alone.</p>")
    client.force_login(editor)
    client.get(edit_url(page), headers={"Accept": "application/json"})
    shown = client.get(edit_url(page))
    assert len([m for m in messages_of(shown) if m.startswith("This version has")]) == 1


def test_publishing_confirms_published_not_updated(client, make_draft, manager, empowerment):
    page = make_draft(situation="<p>Mrs S lived alone.</p>")
    client.force_login(manager)
    response = client.post(
        edit_url(page),
        case_study_edit_data(
            page, empowerment, situation="<p>Mrs S lived alone.</p>", **{"action-publish": "1"}
        ),
        follow=True,
    )
    shown = messages_of(response)
    assert any("has been published" in m for m in shown), shown
    assert not any("has been updated" in m for m in shown), shown
