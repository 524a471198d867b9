"""The site shell: home page, information pages, error pages, demo seed."""

import logging
from io import StringIO
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.template.loader import render_to_string
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, ReferenceIndex, TaskState, WorkflowState

from learning.demo.partnership import DEMO_PASSWORD, DEMO_TOTP_SECRET, seed_partnership
from learning.editorial import WORKFLOW_NAME, pages_due_for_review
from learning.models import ContentVersion, HomePage, InformationPage, Organisation, User
from learning.roles import Role
from learning.site_setup import ensure_site_pages
from tests.factories import make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    return ensure_site_pages()


def test_anonymous_visitor_is_told_what_the_hub_is(client, site):
    response = client.get("/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Sign in" in body
    assert "What you can do here" in body


def test_signed_in_practitioner_sees_what_to_do_next(client, site):
    client.force_login(make_person(first_name="Jo"))
    body = client.get("/").content.decode()
    assert "Hello, Jo" in body
    assert "What to do next" in body
    assert "Explore the six safeguarding principles" in body
    assert "Invite colleagues" not in body


def test_organisation_lead_is_offered_invitations_and_mfa_set_up(client, site):
    client.force_login(make_person(role=Role.ORGANISATION_LEAD))
    body = client.get("/").content.decode()
    assert "Invite colleagues" in body
    assert "Set up two-factor authentication" in body


def test_footer_links_reach_accessibility_and_privacy_pages(client, site):
    body = client.get("/").content.decode()
    for path in ("/accessibility-statement/", "/privacy-notice/"):
        assert f'href="{path}"' in body
        assert client.get(path).status_code == 200


def test_footer_links_follow_the_pages_and_fall_back_to_their_paths(rf, site):
    # Looked up once and remembered (under the content version) ...
    render_to_string("includes/footer.html", {"request": rf.get("/")})
    with CaptureQueriesContext(connection) as queries:
        before = render_to_string("includes/footer.html", {"request": rf.get("/")})
    assert 'href="/accessibility-statement/"' in before
    assert [q["sql"] for q in queries if "wagtailcore_page" in q["sql"]] == []
    # ... and followed at once when a page moves or goes.
    about = site.add_child(instance=Page(title="About the hub", slug="about"))
    statement = Page.objects.get(slug="accessibility-statement")
    statement.move(about, pos="last-child")
    Page.objects.get(slug="privacy-notice").delete()

    body = render_to_string("includes/footer.html", {"request": rf.get("/")})
    assert 'href="/about/accessibility-statement/"' in body
    assert 'href="/privacy-notice/"' in body


def test_site_setup_is_idempotent(site):
    before = Page.objects.count()
    ensure_site_pages()
    assert Page.objects.count() == before
    assert HomePage.objects.count() == 1
    assert InformationPage.objects.count() == 2


@override_settings(DEBUG=False)
def test_missing_page_gets_the_custom_404(client, site):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_500_template_renders_without_context():
    from django.template import loader

    html = loader.get_template("500.html").render({})
    assert "problem with the service" in html.lower()


def _database_snapshot() -> dict[str, list]:
    """Every row of every installed model, by model, in primary-key order."""
    snapshot = {}
    for model in apps.get_models():
        rows = list(model._base_manager.order_by("pk").values())
        if model is ContentVersion:
            # A cache key counter (learning.shared_cache), moved by any page save even
            # when nothing in the page changed; the pages themselves are compared.
            rows = []
        if model is ReferenceIndex:
            # rebuild_references_index deletes and recreates the index on every run: its
            # ids change, but what it records must not.
            rows = sorted(
                (tuple(sorted((k, v) for k, v in row.items() if k != "id")) for row in rows),
                key=repr,
            )
        snapshot[model._meta.label] = rows
    return snapshot


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def _seed_demo_on_a_demonstration_server() -> SimpleNamespace:
    """`manage.py seed_demo --allow-without-debug` on an empty database, as a
    demonstration server runs it: what it printed and logged, and what it made. Its
    seeding is the same code with DEBUG on or off (only the guard and the printing of
    the sign-ins read it), so the tests of a first run all read this one."""
    out, wagtail_log = StringIO(), _Records()
    logging.getLogger("wagtail").addHandler(wagtail_log)
    try:
        with override_settings(DEBUG=False):
            call_command("seed_demo", allow_without_debug=True, stdout=out)
    finally:
        logging.getLogger("wagtail").removeHandler(wagtail_log)
    return SimpleNamespace(
        printed=out.getvalue(),
        wagtail_log=[r.getMessage() for r in wagtail_log.records if r.levelno < logging.WARNING],
        organisations=Organisation.objects.count(),
    )


@pytest.fixture(scope="class")
def _seeded_demo(class_shared_data):
    return class_shared_data.build(_seed_demo_on_a_demonstration_server)


@pytest.fixture
def first_run(_seeded_demo, class_shared_data, db) -> SimpleNamespace:
    return class_shared_data.copy(_seeded_demo)


@pytest.mark.usefixtures("_seeded_demo")
class TestSeedDemo:
    """The demo seeded once for the class (a score of Wagtail publishes through the
    review workflow), each test in a savepoint of it."""

    def test_runs_without_debug_only_when_told_to_and_keeps_passwords_quiet(self, first_run):
        assert first_run.organisations == 4
        assert Organisation.objects.count() == 4
        assert DEMO_PASSWORD not in first_run.printed
        assert DEMO_TOTP_SECRET not in first_run.printed

    @override_settings(DEBUG=True)
    def test_is_idempotent_and_covers_every_role(self, first_run):
        # Quiet for a newcomer: no page-by-page log nor moderation emails.
        assert first_run.wagtail_log == []
        assert "Subject:" not in first_run.printed
        # The demo's privacy notice names someone to write to.
        from learning.models import PrivacySettings

        assert PrivacySettings.load().contact_email
        before = _database_snapshot()
        out = StringIO()
        call_command("seed_demo", verbosity=0, stdout=out)
        after = _database_snapshot()

        # With DEBUG on, the sign-ins come last.
        printed = out.getvalue()
        assert "Subject:" not in printed
        assert DEMO_PASSWORD in printed and DEMO_TOTP_SECRET in printed
        for user in User.objects.filter(profile__isnull=False, groups__isnull=False).distinct():
            if user.has_usable_password():
                assert user.email in printed
        assert printed.rstrip().splitlines()[-1].endswith(DEMO_TOTP_SECRET + ".")
        # Nothing is left out: sessions and log entries are compared too, as the seed must
        # not sign anyone in nor log an action the second time.
        assert set(before) == {model._meta.label for model in apps.get_models()}
        changed = {
            label: (len(before[label]), len(after[label]))
            for label in before
            if before[label] != after[label]
        }
        assert changed == {}, "seed_demo changed these tables (rows before, after) the second time"
        assert len(before["learning.Organisation"]) == 4
        for role in Role:
            assert User.objects.filter(groups__name=role.value).exists(), role
        _assert_demo_activity()

    def test_publishes_the_demo_content_through_the_sab_review_workflow(self, first_run):
        from briefings.models import BriefingPage, SafeguardingAdultsReviewPage
        from case_studies.models import CaseStudyPage

        editor = User.objects.get(email="editor@northmoor.example")
        manager = User.objects.get(email="manager@northmoor.example")
        pages = [
            *BriefingPage.objects.all(),
            *SafeguardingAdultsReviewPage.objects.all(),
            *CaseStudyPage.objects.all(),
        ]
        assert any(isinstance(page, BriefingPage) for page in pages)
        for page in pages:
            assert page.live, page.slug
            # One approval per change: the page re-dated to be overdue has two.
            approvals = WorkflowState.objects.filter(
                base_content_type=page.get_base_content_type(),
                object_id=str(page.pk),
                status=WorkflowState.STATUS_APPROVED,
            )
            assert approvals.exists(), page.slug
            for approved in approvals:
                assert approved.workflow.name == WORKFLOW_NAME
                assert approved.requested_by == editor
                task_state = approved.task_states.get()
                assert task_state.status == TaskState.STATUS_APPROVED
                assert task_state.finished_by == manager
                assert task_state.revision.user == editor
        # Every live revision is one the manager approved, including the page the editorial
        # demo later re-dates so that it is due for review.
        overdue = [page.pk for page in pages_due_for_review()]
        assert overdue
        for page in pages:
            page.refresh_from_db()
            approved_revisions = TaskState.objects.filter(
                revision=page.live_revision, status=TaskState.STATUS_APPROVED, finished_by=manager
            )
            assert approved_revisions.exists(), page.slug


def _assert_demo_activity() -> None:
    """What the demo's learning activity must look like (tests may use quizzes)."""
    from learning.models import Exemption, Requirement
    from quizzes.models import Attempt, AttemptAnswer, KnowledgeCheckPage

    # Required learning can be completed: never a check attached to another page.
    required = Requirement.objects.values("pages")
    assert required.exists()
    assert not KnowledgeCheckPage.objects.filter(
        checks_page__isnull=False, pk__in=required
    ).exists()
    # An exemption names as its creator only a lead of the person's own organisation.
    exemptions = Exemption.objects.select_related("user__profile", "created_by__profile")
    assert exemptions.exists()
    for exemption in exemptions:
        if exemption.created_by is not None:
            assert (
                exemption.created_by.profile.organisation_id
                == exemption.user.profile.organisation_id
            )
    # About thirty staff took knowledge checks, some passing and some failing.
    finished = Attempt.objects.filter(finished_at__isnull=False)
    assert 20 <= finished.values("user").distinct().count() <= 30
    assert finished.filter(passed=True).exists() and finished.filter(passed=False).exists()
    assert AttemptAnswer.objects.filter(attempt__in=finished).exists()


@override_settings(DEBUG=False)
def test_seed_demo_refuses_to_run_without_debug():
    with pytest.raises(CommandError, match="DJANGO_DEBUG=1"):
        call_command("seed_demo", stdout=StringIO())
    assert not User.objects.exists()
    assert not Organisation.objects.exists()


def test_seed_demo_refusal_exits_non_zero_from_the_command_line(tmp_path):
    from tests.learning.test_settings import run_django

    result = run_django(
        ["seed_demo"],
        DJANGO_SECRET_KEY="k3y-" + "a1B2c3D4e5F6g7H8i9J0" * 3,
        DJANGO_ALLOWED_HOSTS="hub.example.org",
        HUB_VAR_DIR=str(tmp_path),
    )
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "CommandError: seed_demo creates accounts with a published password, so it runs "
        "only with DJANGO_DEBUG=1 (or --allow-without-debug on a demonstration server)."
    ]


@override_settings(DEBUG=True)
def test_runserver_prints_the_demo_sign_ins_under_its_banner_when_asked():
    from django.contrib.staticfiles.management.commands.runserver import (
        Command as StaticFilesRunserver,
    )

    from learning.management.commands.runserver import Command

    # The demo's people are all the sign-ins need (the content would only cost time).
    seed_partnership()
    out = StringIO()
    command = Command(stdout=out)
    # Static files are still served: the hub's runserver only adds to Django's.
    assert isinstance(command, StaticFilesRunserver)
    options = command.create_parser("manage.py", "runserver").parse_args(["--demo-sign-ins"])
    command.demo_sign_ins = options.demo_sign_ins
    command.addr, command.port, command._raw_ipv6, command.protocol = (
        "127.0.0.1",
        "8000",
        False,
        "http",
    )
    command.on_bind("8000")
    printed = out.getvalue()
    assert printed.index("Starting development server") < printed.index(DEMO_PASSWORD)
    assert "practitioner@" in printed and DEMO_TOTP_SECRET in printed
